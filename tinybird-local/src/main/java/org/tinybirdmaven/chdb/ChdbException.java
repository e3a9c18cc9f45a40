package org.tinybirdmaven.chdb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query failed inside chDB, or chDB refused to start. For engine errors {@link #code()} and {@link #errorName()}
 * are ClickHouse's (for example 60 and {@code UNKNOWN_TABLE}) and the message is ClickHouse's text without the
 * {@code Code: N. DB::Exception:} prefix, version suffix or stack trace.
 */
public final class ChdbException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Pattern CODE_PREFIX = Pattern.compile("^Code: (\\d+)\\.\\s*(?:DB::Exception:\\s*)?");
    private static final Pattern STACK_TRACE = Pattern.compile("\\s*\\n\\s*Stack trace.*$", Pattern.DOTALL);
    private static final Pattern VERSION = Pattern.compile(" \\(version [^)]*\\)");
    /** Rethrown exceptions repeat the name: {@code … (UNKNOWN_FORMAT). (UNKNOWN_FORMAT)}. */
    private static final Pattern REPEATED_NAME = Pattern.compile("\\(([A-Z][A-Z0-9_]*)\\)(?:\\.\\s*\\(\\1\\))+$");
    private static final Pattern ERROR_NAME = Pattern.compile("\\(([A-Z][A-Z0-9_]*)\\)$");

    private final int code;
    private final String errorName;

    ChdbException(int code, String errorName, String message) {
        super(message);
        this.code = code;
        this.errorName = errorName;
    }

    /** Builds the exception from the text of {@code chdb_result_error}. */
    static ChdbException fromEngineMessage(String raw) {
        String message = STACK_TRACE.matcher(raw.strip()).replaceFirst("");
        int code = 0;
        Matcher prefix = CODE_PREFIX.matcher(message);
        // Exceptions rethrown inside the engine arrive as "Code: 73. DB::Exception: Code: 73. DB::Exception: …".
        while (prefix.find()) {
            if (code == 0) {
                code = Integer.parseInt(prefix.group(1));
            }
            message = message.substring(prefix.end());
            prefix = CODE_PREFIX.matcher(message);
        }
        message = VERSION.matcher(message).replaceAll("");
        message = REPEATED_NAME.matcher(message).replaceFirst("($1)").strip();
        Matcher name = ERROR_NAME.matcher(message);
        return new ChdbException(code, name.find() ? name.group(1) : "", message);
    }

    /** ClickHouse's numeric error code, or 0 when the failure did not come with one. */
    public int code() {
        return code;
    }

    /** ClickHouse's symbolic error name such as {@code SYNTAX_ERROR}, or an empty string when absent. */
    public String errorName() {
        return errorName;
    }
}
