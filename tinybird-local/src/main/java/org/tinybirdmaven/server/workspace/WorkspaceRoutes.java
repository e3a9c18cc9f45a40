package org.tinybirdmaven.server.workspace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinybirdmaven.server.auth.Caller;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.CatalogState;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.server.http.Router;

/**
 * Identity and workspaces: {@code GET /tokens} (Tinybird Local), {@code /v0/auth}, {@code /v0/workspace},
 * {@code /v0/user/workspaces} and {@code /v0/workspaces}.
 */
public final class WorkspaceRoutes {

    private final Catalog catalog;
    private final Workspaces workspaces;

    public WorkspaceRoutes(Catalog catalog, Workspaces workspaces) {
        this.catalog = catalog;
        this.workspaces = workspaces;
    }

    public void register(Router router) {
        router.get("/tokens", this::localTokens);
        router.get("/v0/auth", this::auth);
        router.get("/v0/workspace", this::currentWorkspace);
        router.get("/v0/user/workspaces", this::userWorkspaces);
        router.get("/v1/user/workspaces", this::userWorkspaces);
        router.post("/v0/workspaces", this::create);
        router.post("/v1/workspaces", this::create);
        router.get("/v0/workspaces/{id}", this::get);
        router.delete("/v0/workspaces/{id}", this::delete);
        router.delete("/v1/workspaces/{id}", this::delete);
    }

    /** Like Tinybird Local: the tokens of the local user and the default workspace, without authentication. */
    private ApiResponse localTokens(ApiRequest request) {
        return catalog.read(state -> {
            WorkspaceRecord workspace = state.workspace(Workspaces.DEFAULT_WORKSPACE).orElseThrow();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("user_token", state.user.token);
            json.put("admin_token", workspace.tokens.stream().filter(t -> t.scopes().stream().anyMatch(s ->
                    s.type().equals("ADMIN_USER"))).findFirst().orElse(workspace.adminToken()).token());
            json.put("workspace_admin_token", workspace.adminToken().token());
            return ApiResponse.json(json);
        });
    }

    private ApiResponse auth(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        return ApiResponse.json(Map.of("is_valid", true, "is_user", caller.isUser()));
    }

    private ApiResponse currentWorkspace(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        WorkspaceRecord workspace = caller.workspace();
        return catalog.read(state -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", workspace.id);
            json.put("name", workspace.name);
            json.put("releases", workspace.releaseCommit == null ? List.of()
                    : List.of(Map.of("semver", "0.0.0", "commit", workspace.releaseCommit, "status", "live")));
            json.put("main", workspace.mainId);
            boolean adminUser = caller.adminScope().filter(s -> s.type().equals("ADMIN_USER")).isPresent();
            json.put("scope", adminUser ? "user" : caller.isAdmin() ? "admin" : null);
            if (adminUser) {
                json.put("user_id", state.user.id);
                json.put("user_email", state.user.email);
            }
            return ApiResponse.json(json);
        });
    }

    private ApiResponse userWorkspaces(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        boolean withBranches = request.param("with_environments").map(Boolean::parseBoolean).orElse(true);
        boolean onlyBranches = request.flag("only_environments");
        if (!caller.isUser() && !caller.isAdmin()) {
            throw ApiException.forbidden("Token does not have ADMIN scope.");
        }
        return catalog.read(state -> {
            Map<String, Object> json = new LinkedHashMap<>();
            List<WorkspaceRecord> visible;
            if (caller.isUser() || caller.adminScope().filter(s -> s.type().equals("ADMIN_USER")).isPresent()) {
                json.put("id", state.user.id);
                json.put("email", state.user.email);
                visible = state.workspaces;
            } else {
                json.put("id", caller.workspace().id);
                json.put("name", caller.workspace().name);
                visible = List.of(caller.workspace());
            }
            json.put("workspaces", visible.stream()
                    .filter(ws -> onlyBranches ? ws.isBranch() : withBranches || !ws.isBranch())
                    .map(ws -> Workspaces.entry(ws, state, true)).toList());
            json.put("scope", caller.isUser() ? "user" : "admin");
            return ApiResponse.json(json);
        });
    }

    private ApiResponse create(ApiRequest request) {
        Caller.of(request, catalog).requireUser();
        WorkspaceRecord workspace = workspaces.create(request.param("name").orElse(null), null);
        return catalog.read(state -> ApiResponse.json(Workspaces.entry(workspace, state, false)));
    }

    private ApiResponse get(ApiRequest request) {
        Caller.of(request, catalog).requireUser();
        WorkspaceRecord workspace = find(request.pathParameter("id"));
        return catalog.read(state -> ApiResponse.json(Workspaces.entry(workspace, state,
                request.flag("with_token"))));
    }

    /**
     * Tinybird soft-deletes by default and hard-deletes with {@code confirmation=<exact name>} (a wrong one is a
     * 400; Tinybird Local's CLI sends {@code hard_delete_confirmation=yes} on v1). The local server has nothing to
     * restore a workspace from, so both remove it, its branches and their databases.
     */
    private ApiResponse delete(ApiRequest request) {
        Caller.of(request, catalog).requireUser();
        WorkspaceRecord workspace = find(request.pathParameter("id"));
        Optional<String> confirmation = request.param("confirmation");
        if (confirmation.isPresent() && !confirmation.get().equals(workspace.name)) {
            // The spec gives no text for this 400.
            throw ApiException.badRequest("The confirmation '" + confirmation.get() + "' does not match the name of"
                    + " Workspace '" + workspace.name + "': to delete it for good, pass its exact name");
        }
        workspaces.delete(workspace);
        return ApiResponse.json(Map.of("result", "Workspace deleted"));
    }

    private WorkspaceRecord find(String idOrName) {
        return catalog.read((CatalogState state) -> state.workspace(idOrName))
                .orElseThrow(() -> ApiException.notFound("Workspace '" + idOrName + "' not found"));
    }
}
