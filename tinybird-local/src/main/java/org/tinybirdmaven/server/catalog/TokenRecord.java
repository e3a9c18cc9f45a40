package org.tinybirdmaven.server.catalog;

import java.util.List;

/** A workspace token. {@code token} is the secret value; it is never logged. */
public record TokenRecord(String id, String name, String token, String description, List<Scope> scopes,
                          String origin) {

    public TokenRecord {
        scopes = List.copyOf(scopes);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isAdmin() {
        return scopes.stream().anyMatch(Scope::isAdmin);
    }

    public boolean has(String type, String resource) {
        return scopes.stream().anyMatch(scope -> scope.type().equals(type)
                && (resource == null || resource.equals(scope.resource())));
    }

    public TokenRecord withScopes(List<Scope> newScopes) {
        return new TokenRecord(id, name, token, description, newScopes, origin);
    }

    public TokenRecord withNameAndDescription(String newName, String newDescription) {
        return new TokenRecord(id, newName, token, newDescription, scopes, origin);
    }

    public TokenRecord withToken(String newToken) {
        return new TokenRecord(id, name, newToken, description, scopes, origin);
    }
}
