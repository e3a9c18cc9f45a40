package org.tinybirdmaven.server.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything the server knows besides table data; saved as one JSON document. */
public final class CatalogState {

    /** The single local user, owner of every workspace. */
    public static final class User {
        public String id;
        public String email;
        public String token;
    }

    public int version = 1;
    public User user = new User();
    public List<WorkspaceRecord> workspaces = new ArrayList<>();

    public Optional<WorkspaceRecord> workspace(String nameOrId) {
        return workspaces.stream().filter(ws -> ws.id.equals(nameOrId) || ws.name.equals(nameOrId)).findFirst();
    }

    /** The workspace that owns a token, and the token. */
    public Optional<TokenOwner> findToken(String value) {
        for (WorkspaceRecord workspace : workspaces) {
            Optional<TokenRecord> token = workspace.tokenByValue(value);
            if (token.isPresent()) {
                return Optional.of(new TokenOwner(workspace, token.get()));
            }
        }
        return Optional.empty();
    }

    /** A workspace token together with its workspace. */
    public record TokenOwner(WorkspaceRecord workspace, TokenRecord token) {}
}
