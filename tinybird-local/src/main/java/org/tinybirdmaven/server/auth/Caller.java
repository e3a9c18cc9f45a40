package org.tinybirdmaven.server.auth;

import java.util.Optional;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.CatalogState;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.catalog.TokenRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;

/**
 * Who is calling: the local user (user token) or a workspace token with its scopes. Tinybird answers 403, never 401,
 * for a missing or unknown token.
 */
public final class Caller {

    public static final String INVALID_TOKEN = "invalid authentication token";

    private final boolean user;
    private final WorkspaceRecord workspace;
    private final TokenRecord token;

    private Caller(boolean user, WorkspaceRecord workspace, TokenRecord token) {
        this.user = user;
        this.workspace = workspace;
        this.token = token;
    }

    /** Resolves the request's token; 403 when it is missing or unknown. */
    public static Caller of(ApiRequest request, Catalog catalog) {
        String value = request.token().orElseThrow(() -> ApiException.forbidden(INVALID_TOKEN));
        return catalog.read(state -> resolve(state, value))
                .orElseThrow(() -> ApiException.forbidden(INVALID_TOKEN));
    }

    private static Optional<Caller> resolve(CatalogState state, String value) {
        if (value.equals(state.user.token)) {
            return Optional.of(new Caller(true, null, null));
        }
        return state.findToken(value).map(owner -> new Caller(false, owner.workspace(), owner.token()));
    }

    public boolean isUser() {
        return user;
    }

    /** The caller's workspace; 403 for the user token, which belongs to no workspace. */
    public WorkspaceRecord workspace() {
        if (workspace == null) {
            throw ApiException.forbidden("a workspace token is needed, the user token does not belong to a"
                    + " workspace");
        }
        return workspace;
    }

    public TokenRecord token() {
        return token;
    }

    public boolean isAdmin() {
        return token != null && token.isAdmin();
    }

    /** The user token only: workspace creation and deletion. */
    public void requireUser() {
        if (!user) {
            throw ApiException.forbidden("invalid user authentication");
        }
    }

    public void requireAdmin() {
        workspace();
        if (!isAdmin()) {
            throw ApiException.forbidden("token needs scope admin");
        }
    }

    /** Whether the caller is admin or holds {@code type} (for {@code resource}, when it names one). */
    public boolean can(String type, String resource) {
        return isAdmin() || token != null && token.has(type, resource);
    }

    /** 403 {@code token needs scope TYPE} unless {@link #can}. */
    public void require(String type, String resource) {
        workspace();
        if (!can(type, resource)) {
            throw ApiException.forbidden("token needs scope " + type);
        }
    }

    /** The scope that gives the caller admin rights, used to report who acts in a workspace. */
    public Optional<Scope> adminScope() {
        return token == null ? Optional.empty() : token.scopes().stream().filter(Scope::isAdmin).findFirst();
    }
}
