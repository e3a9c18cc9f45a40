package org.tinybirdmaven.client;

import java.util.regex.Pattern;

/** Keeps tokens out of anything that may be printed. */
public final class Redact {

    private static final Pattern TOKEN_PARAM = Pattern.compile("([?&;]token=)[^&#\\s\"']*");
    static final String MASK = "***";

    private Redact() {}

    /**
     * The URL or path with the value of any {@code token=} query parameter masked. The client never puts the token
     * in a URL, but URLs from elsewhere (a configured host, a job URL, a server message) may carry one.
     */
    public static String url(String url) {
        return url == null ? null : TOKEN_PARAM.matcher(url).replaceAll("$1" + MASK);
    }

    /** {@link #url} plus every occurrence of the given secret masked. */
    static String text(String text, String secret) {
        if (text == null) {
            return null;
        }
        String redacted = url(text);
        return secret == null || secret.isEmpty() ? redacted : redacted.replace(secret, MASK);
    }
}
