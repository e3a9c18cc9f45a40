package org.tinybirdmaven.plugin;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.tinybirdmaven.client.TinybirdApiException;
import org.tinybirdmaven.client.TinybirdClientException;
import org.tinybirdmaven.client.TinybirdJobException;

/**
 * Turns a failed Tinybird call into the Maven exception the plugin's rule asks for (see {@link TinybirdMojo}):
 *
 * <ul>
 *   <li>{@link MojoFailureException}, the user must fix something: a 4xx answer other than 429 (a refused token, a
 *       missing workspace or resource, an invalid request), a redirect (wrong host), a remote job that failed;</li>
 *   <li>{@link MojoExecutionException}, something went wrong that retrying later may cure: 5xx and 429 after the
 *       client's retries, no answer at all (I/O, timeouts), an answer that is not Tinybird's.</li>
 * </ul>
 *
 * <p>The message is the client's (what failed, Tinybird's error text, the resource, the HTTP method, path and
 * request id) with its "perhaps you should …" hint; for a refused token the hint names the source the token came
 * from, so the user knows which setting to fix.
 */
public final class ApiFailures {

    private ApiFailures() {}

    /**
     * Always throws.
     *
     * @param tokenSource where the token sent came from (e.g. {@code settings.xml server 'tinybird-prod'}), or null
     */
    public static void raise(TinybirdClientException e, String tokenSource)
            throws MojoFailureException, MojoExecutionException {
        if (e instanceof TinybirdApiException api) {
            if (api.isForbidden()) {
                // No cause: Maven would print the cause's message, with the client's generic hint, again.
                throw new MojoFailureException(withHint(api, forbiddenHint(api, tokenSource)));
            }
            int status = api.status();
            if (status >= 300 && status < 500 && status != 429) {
                throw new MojoFailureException(api.getMessage(), api);
            }
            throw new MojoExecutionException(api.getMessage(), api);
        }
        if (e instanceof TinybirdJobException) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        throw new MojoExecutionException(e.getMessage(), e);
    }

    private static String forbiddenHint(TinybirdApiException e, String tokenSource) {
        String token = tokenSource == null ? "the token" : "the token from " + tokenSource;
        if (e.isInvalidToken()) {
            return "Perhaps you should check " + token + ": the host does not know it, and a token only works on the"
                    + " region and workspace it belongs to";
        }
        if (e.error().startsWith("invalid user authentication")) {
            return "Perhaps you should give a user token (TB_USER_TOKEN, <userToken> in the <configuration> of the"
                    + " settings.xml server, or .tinyb user_token): this operation needs one, and " + token
                    + " is a workspace token";
        }
        return "Perhaps you should use a token with the scopes this operation needs (the workspace admin token has"
                + " them all): " + token + " lacks them";
    }

    /** The client's message with its own hint replaced by {@code hint}. */
    private static String withHint(TinybirdClientException e, String hint) {
        String message = e.getMessage();
        if (e.hint() != null && message.endsWith(". " + e.hint())) {
            message = message.substring(0, message.length() - e.hint().length() - 2);
        }
        return message + ". " + hint;
    }
}
