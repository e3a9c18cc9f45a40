package org.tinybirdmaven.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.client.Token;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.TokenScope;
import org.tinybirdmaven.output.Output;

/**
 * Applies {@code TOKEN} lines the way the Classic CLI does (§2.5): a missing token is created with the scope, an
 * existing one gets the scope added to those it has. One lock for all of them: resources pushed in parallel often
 * name the same token, and two concurrent read-modify-writes of its scope list would lose one scope. The token list
 * is read once per push and kept up to date with each answer.
 */
final class TokenGrants {

    private final TinybirdClient client;
    private Map<String, Token> tokens;

    TokenGrants(TinybirdClient client) {
        this.client = client;
    }

    /** Gives token {@code name} the scope, creating the token if needed; nothing is sent when it has it already. */
    synchronized void grant(String name, String scope, String origin, String resourceId, Output out) {
        Token existing = tokens().get(name);
        if (existing == null) {
            out.info("** Token " + name + " not found, creating one");
            tokens.put(name, client.createToken(name, List.of(scope), origin, resourceId));
            return;
        }
        List<String> current = existing.scopes().stream().map(TokenScope::asParameter).toList();
        if (current.contains(scope)) {
            return;
        }
        out.info("** Token " + name + " found, adding permissions");
        List<String> scopes = new ArrayList<>();
        scopes.add(scope);
        scopes.addAll(current);
        tokens.put(name, client.updateTokenScopes(name, scopes));
    }

    /** Creates a token of a {@code .token} file, or with {@code replace} sets the scopes of an existing one. */
    synchronized void define(String name, List<String> scopes, boolean replace, Output out) {
        if (replace && tokens().containsKey(name)) {
            tokens.put(name, client.updateTokenScopes(name, scopes));
        } else {
            tokens().put(name, client.createToken(name, scopes, null, null));
        }
        out.info("** Token " + name + " has the scopes " + String.join(", ", scopes));
    }

    private Map<String, Token> tokens() {
        if (tokens == null) {
            tokens = new HashMap<>();
            client.tokens().forEach(token -> tokens.put(token.name(), token));
        }
        return tokens;
    }
}
