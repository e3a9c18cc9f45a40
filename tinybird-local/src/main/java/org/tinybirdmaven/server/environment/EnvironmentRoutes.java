package org.tinybirdmaven.server.environment;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.auth.Caller;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.server.http.Router;
import org.tinybirdmaven.server.job.Job;
import org.tinybirdmaven.server.workspace.Workspaces;

/**
 * The Environments (branches) API: {@code /v0/environments}. Every call needs an admin token. Branches are managed
 * from their main workspace; a branch's token lists no branches, cannot create or delete one, and may only copy data
 * into its own branch ({@code tb branch data} runs inside the branch).
 */
public final class EnvironmentRoutes {

    private final Catalog catalog;
    private final Workspaces workspaces;
    private final Branches branches;
    private final String baseUrl;

    public EnvironmentRoutes(LocalServer.Services services, String baseUrl) {
        this.catalog = services.catalog();
        this.workspaces = services.workspaces();
        this.branches = new Branches(services);
        this.baseUrl = baseUrl;
    }

    public void register(Router router) {
        router.post("/v0/environments", this::create);
        router.get("/v0/environments", this::list);
        router.get("/v0/environments/{id}", this::get);
        router.delete("/v0/environments/{id}", this::delete);
        router.post("/v0/environments/{id}/data", this::data);
    }

    private ApiResponse create(ApiRequest request) {
        WorkspaceRecord main = admin(request);
        if (main.isBranch()) {
            throw ApiException.badRequest("Branch can't be created from other Branch '" + main.name
                    + "'. Use 'tb branch use main'");
        }
        Branches.DataMode data = Branches.DataMode.parse(request.param("data").orElse(null), "data", true);
        Set<String> ignored = request.params("ignore_datasources").stream()
                .flatMap(list -> Arrays.stream(list.split(","))).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        Branches.Created created = branches.create(main, request.param("name").orElse(null), data, ignored);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("job", created.job().json(baseUrl));
        json.put("workspace", catalog.read(state -> Workspaces.entry(created.branch(), state, false)));
        return ApiResponse.json(json);
    }

    private ApiResponse list(ApiRequest request) {
        WorkspaceRecord caller = admin(request);
        return catalog.read(state -> ApiResponse.json(Map.of("environments", state.workspaces.stream()
                .filter(ws -> caller.id.equals(ws.mainId)).map(ws -> Workspaces.entry(ws, state, true)).toList())));
    }

    private ApiResponse get(ApiRequest request) {
        WorkspaceRecord caller = admin(request);
        WorkspaceRecord branch = branchOf(caller, request.pathParameter("id"));
        return catalog.read(state -> ApiResponse.json(Workspaces.entry(branch, state, true)));
    }

    private ApiResponse delete(ApiRequest request) {
        WorkspaceRecord caller = admin(request);
        if (caller.isBranch()) {
            throw ApiException.badRequest("Branch can't be deleted from other Branch '" + caller.name
                    + "'. Use 'tb branch use 'main'");
        }
        workspaces.delete(branchOf(caller, request.pathParameter("id")));
        return ApiResponse.json(Map.of("result", "Branch deleted"));
    }

    /** {@code POST /v0/environments/{id}/data?mode=}: from the main workspace, or from inside the branch itself. */
    private ApiResponse data(ApiRequest request) {
        WorkspaceRecord caller = admin(request);
        String id = request.pathParameter("id");
        WorkspaceRecord branch = caller.isBranch() ? Optional.of(caller).filter(ws -> matches(ws, id, mainOf(ws)))
                .orElseThrow(() -> notFound(id)) : branchOf(caller, id);
        Branches.DataMode mode = Branches.DataMode.parse(request.param("mode").orElse(null), "mode", false);
        Job job = branches.copyData(caller.id, mainOf(branch), branch, mode, Set.of());
        return ApiResponse.json(job.json(baseUrl));
    }

    private WorkspaceRecord admin(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        caller.requireAdmin();
        return caller.workspace();
    }

    /**
     * The branch of {@code main} named by id, name, or {@code "{main name}_{name}"} (how legacy branches were
     * named); 404 otherwise, also for a caller that is itself a branch.
     */
    private WorkspaceRecord branchOf(WorkspaceRecord main, String idOrName) {
        return catalog.read(state -> state.workspaces.stream()
                        .filter(ws -> main.id.equals(ws.mainId) && matches(ws, idOrName, main)).findFirst())
                .orElseThrow(() -> notFound(idOrName));
    }

    private static boolean matches(WorkspaceRecord branch, String idOrName, WorkspaceRecord main) {
        return branch.id.equals(idOrName) || branch.name.equals(idOrName)
                || (main.name + "_" + branch.name).equals(idOrName);
    }

    private WorkspaceRecord mainOf(WorkspaceRecord branch) {
        return catalog.read(state -> state.workspace(branch.mainId))
                .orElseThrow(() -> new ApiException(500, "The main workspace of Branch '" + branch.name
                        + "' no longer exists"));
    }

    private static ApiException notFound(String idOrName) {
        return ApiException.notFound("Branch " + idOrName + " not found");
    }
}
