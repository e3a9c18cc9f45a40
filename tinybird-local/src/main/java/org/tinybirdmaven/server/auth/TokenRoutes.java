package org.tinybirdmaven.server.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.catalog.TokenRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.server.http.Router;

/** The Tokens API ({@code /v0/tokens}): what {@code TOKEN} lines in datafiles create and extend. */
public final class TokenRoutes {

    private final Catalog catalog;

    public TokenRoutes(Catalog catalog) {
        this.catalog = catalog;
    }

    public void register(Router router) {
        router.get("/v0/tokens", this::list);
        router.post("/v0/tokens", this::create);
        router.get("/v0/tokens/{name}", this::get);
        router.put("/v0/tokens/{name}", this::update);
        router.delete("/v0/tokens/{name}", this::delete);
        router.post("/v0/tokens/{name}/refresh", this::refresh);
    }

    private Caller manager(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        caller.require(Scope.TOKENS, null);
        return caller;
    }

    private ApiResponse list(ApiRequest request) {
        WorkspaceRecord workspace = manager(request).workspace();
        return catalog.read(state -> ApiResponse.json(Map.of("tokens",
                workspace.tokens.stream().map(TokenRoutes::json).toList())));
    }

    private ApiResponse create(ApiRequest request) {
        WorkspaceRecord workspace = manager(request).workspace();
        String name = request.param("name").filter(n -> !n.isBlank())
                .orElseThrow(() -> ApiException.badRequest("name is mandatory"));
        List<Scope> scopes = scopes(request.params("scope"));
        if (scopes.isEmpty()) {
            throw ApiException.badRequest("scope is mandatory");
        }
        TokenRecord token = catalog.write(state -> {
            if (workspace.tokenByNameOrId(name).isPresent()) {
                throw ApiException.badRequest("A token named '" + name + "' already exists in this workspace");
            }
            TokenRecord created = new TokenRecord(Ids.uuid(), name, Ids.tokenValue(),
                    request.param("description").orElse(""), scopes, request.param("origin").orElse("C"));
            workspace.tokens.add(created);
            return created;
        });
        return ApiResponse.json(json(token));
    }

    private ApiResponse get(ApiRequest request) {
        WorkspaceRecord workspace = manager(request).workspace();
        return catalog.read(state -> ApiResponse.json(json(find(workspace, request.pathParameter("name")))));
    }

    /** Scopes, when given, replace the current ones (the CLI re-sends the existing ones to add a scope). */
    private ApiResponse update(ApiRequest request) {
        WorkspaceRecord workspace = manager(request).workspace();
        List<String> scopeParams = request.params("scope");
        List<Scope> scopes = scopeParams.isEmpty() ? null : scopes(scopeParams);
        TokenRecord updated = catalog.write(state -> {
            TokenRecord token = find(workspace, request.pathParameter("name"));
            TokenRecord changed = token.withNameAndDescription(request.param("name").orElse(token.name()),
                    request.param("description").orElse(token.description()));
            if (scopes != null) {
                changed = changed.withScopes(scopes);
            }
            workspace.tokens.set(workspace.tokens.indexOf(token), changed);
            return changed;
        });
        return ApiResponse.json(json(updated));
    }

    private ApiResponse delete(ApiRequest request) {
        WorkspaceRecord workspace = manager(request).workspace();
        catalog.write(state -> workspace.tokens.remove(find(workspace, request.pathParameter("name"))));
        return ApiResponse.json(Map.of("ok", true));
    }

    private ApiResponse refresh(ApiRequest request) {
        WorkspaceRecord workspace = manager(request).workspace();
        TokenRecord refreshed = catalog.write(state -> {
            TokenRecord token = find(workspace, request.pathParameter("name"));
            TokenRecord changed = token.withToken(Ids.tokenValue());
            workspace.tokens.set(workspace.tokens.indexOf(token), changed);
            return changed;
        });
        return ApiResponse.json(json(refreshed));
    }

    private static TokenRecord find(WorkspaceRecord workspace, String nameOrId) {
        return workspace.tokenByNameOrId(nameOrId)
                .orElseThrow(() -> ApiException.notFound("Token '" + nameOrId + "' not found"));
    }

    private static List<Scope> scopes(List<String> texts) {
        List<Scope> scopes = new ArrayList<>();
        for (String text : texts) {
            Scope scope = Scope.parse(text);
            if (scope == null) {
                throw ApiException.badRequest("Unknown scope " + text);
            }
            if (scope.type().equals(Scope.ADMIN_USER)) {
                throw ApiException.badRequest("Scope " + text + " cannot be requested");
            }
            scopes.add(scope);
        }
        return scopes;
    }

    static Map<String, Object> json(TokenRecord token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", token.id());
        json.put("name", token.name());
        json.put("description", token.description());
        json.put("scopes", token.scopes().stream().map(scope -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", scope.type());
            if (scope.resource() != null) {
                s.put("resource", scope.resource());
            }
            if (scope.filter() != null) {
                s.put("filter", scope.filter());
            }
            return s;
        }).toList());
        json.put("token", token.token());
        json.put("origin", Map.of("type", token.origin()));
        return json;
    }
}
