package org.tinybirdmaven.client;

/** "What failed, perhaps you should …": the advice added to error messages, by status or connection failure. */
final class Hints {

    private Hints() {}

    /**
     * @param resource what the request concerned ({@code datasource 'events'}), or null
     * @param location the {@code Location} of a redirect, or null
     */
    static String forStatus(int status, String error, String resource, String host, int attempts,
                            boolean idempotent, String location) {
        if (status == 401 || status == 403) {
            if (error.startsWith(TinybirdApiException.INVALID_TOKEN) || status == 401) {
                return "Perhaps you should check the token (TB_TOKEN or the settings.xml server): " + host
                        + " does not know it, and tokens only work on the region and workspace they belong to";
            }
            if (error.startsWith("invalid user authentication")) {
                return "Perhaps you should use a user token: this operation needs one, a workspace token is not "
                        + "enough";
            }
            return "Perhaps you should use a token with the scope this operation needs (the workspace admin token "
                    + "has every scope)";
        }
        if (status == 404) {
            return resource == null
                    ? "Perhaps you should check the host " + host + ": is it a Tinybird API?"
                    : "Perhaps you should check that " + resource + " exists in this workspace and that the token "
                            + "belongs to the right workspace";
        }
        if (status == 409) {
            return "Perhaps you should check what depends on " + (resource == null ? "it" : resource)
                    + " or already uses the name, or use force where the operation allows it";
        }
        if (status == 429) {
            return "Tinybird was still rate-limiting after " + attempts(attempts) + "; perhaps you should try again "
                    + "later or allow more retries";
        }
        if (status >= 500) {
            return idempotent || attempts > 1
                    ? "Tinybird answered a server error after " + attempts(attempts) + "; perhaps you should try "
                            + "again later, and report it with the request id if it persists"
                    : "This request changes state, so it was not retried; perhaps you should check whether it "
                            + "took effect before running it again";
        }
        if (status >= 300 && status < 400) {
            return "Perhaps you should use the host Tinybird redirects to" + (location == null ? ""
                    : " (" + Redact.url(location) + ")") + ", e.g. https:// instead of http://";
        }
        if (status == 413) {
            return "Perhaps you should send less data in one request (split the file)";
        }
        return null;
    }

    static String forConnection(TinybirdConnectionException.Kind kind, String host, boolean idempotent) {
        return switch (kind) {
            case UNKNOWN_HOST -> "Perhaps you should check the host " + host + " (tinybird.host or TB_HOST): "
                    + "its name cannot be resolved";
            case CONNECTION_REFUSED -> "Is the host right, and if it is the local server, is it running "
                    + "(mvn tinybird:local-start)?";
            case CONNECT_TIMEOUT -> "Is the host right and reachable from here, or is a proxy needed "
                    + "(settings.xml <proxy>)?";
            case READ_TIMEOUT -> "Perhaps you should raise the read timeout" + (idempotent ? ""
                    : "; this request changes state, so check whether it took effect before running it again");
            case CONNECTION_LOST -> idempotent
                    ? "Perhaps you should try again later"
                    : "This request changes state, so it was not retried; perhaps you should check whether it "
                            + "took effect before running it again";
            case TLS -> "Perhaps you should check the https setup (certificates, a proxy that intercepts TLS)";
            case OTHER -> null;
        };
    }

    private static String attempts(int attempts) {
        return attempts == 1 ? "1 attempt" : attempts + " attempts";
    }
}
