package org.tinybirdmaven.server.catalog;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/** Identifiers, token values and timestamps in Tinybird's shapes. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Ids() {}

    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** Resource ids look like {@code t_<hex>} in Tinybird. */
    public static String resourceId() {
        return "t_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** An unguessable token value ({@code p.} followed by 256 random bits). */
    public static String tokenValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "p." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Naive UTC, as Tinybird writes datetimes. */
    public static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).format(TIMESTAMP);
    }
}
