package org.tinybirdmaven.server.pipe;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.auth.Caller;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.catalog.TokenRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.server.http.Router;
import org.tinybirdmaven.server.job.Job;
import org.tinybirdmaven.server.query.QueryCompiler;
import org.tinybirdmaven.server.query.RequestParams;
import org.tinybirdmaven.server.query.WorkspaceView;

/**
 * The Pipes API (spec §5): pipes, their nodes and endpoints, materialized and copy nodes, the {@code .pipe} export and
 * the endpoints' data.
 */
public final class PipeRoutes {

    private final LocalServer.Services services;
    private final String baseUrl;
    private final PipeService pipes;
    private final Endpoints endpoints;
    private final CopyJobs copies;

    public PipeRoutes(LocalServer.Services services, String baseUrl) {
        this.services = services;
        this.baseUrl = baseUrl;
        this.pipes = new PipeService(services);
        this.endpoints = new Endpoints(services);
        this.copies = new CopyJobs(services.clickHouse(), services.jobs());
    }

    public void register(Router router) {
        router.get("/v0/pipes", this::list);
        router.post("/v0/pipes", this::create);
        // Before /v0/pipes/{name}, which would also match "top.json".
        router.get("/v0/pipes/{name}.{format}", this::export);
        router.post("/v0/pipes/{name}.{format}", request -> endpoints.query(request, request.pathParameter("name"),
                request.pathParameter("format")));
        router.get("/v0/pipes/{name}", this::get);
        router.delete("/v0/pipes/{name}", this::delete);
        router.post("/v0/pipes/{pipe}/nodes", this::appendNode);
        router.put("/v0/pipes/{pipe}/nodes/{node}", this::updateNode);
        router.delete("/v0/pipes/{pipe}/nodes/{node}", this::deleteNode);
        router.post("/v0/pipes/{pipe}/nodes/{node}/endpoint", this::publish);
        router.delete("/v0/pipes/{pipe}/nodes/{node}/endpoint", this::unpublish);
        router.put("/v0/pipes/{pipe}/endpoint", this::publishFromBody);
        router.post("/v0/pipes/{pipe}/nodes/{node}/materialization", this::materialize);
        router.delete("/v0/pipes/{pipe}/nodes/{node}/materialization", request -> retypeToStandard(request,
                "materialized"));
        router.post("/v0/pipes/{pipe}/nodes/{node}/population", this::populate);
        router.put("/v0/pipes/{pipe}/nodes/{node}/copy", this::configureCopy);
        router.delete("/v0/pipes/{pipe}/nodes/{node}/copy", request -> retypeToStandard(request, "copy"));
        router.post("/v0/pipes/{pipe}/copy", this::copy);
    }

    private ApiResponse list(ApiRequest request) {
        Caller caller = Caller.of(request, services.catalog());
        WorkspaceRecord workspace = caller.workspace();
        boolean dependencies = request.flag("dependencies");
        Set<String> attrs = csv(request.param("attrs").orElse(""));
        Set<String> nodeAttrs = csv(request.param("node_attrs").orElse(""));
        WorkspaceView view = WorkspaceView.of(services.catalog(), workspace);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (PipeRecord pipe : services.catalog().read(state -> List.copyOf(workspace.pipes.values()))) {
            if (!canRead(caller, pipe)) {
                continue;
            }
            Map<String, Object> json = PipeJson.pipe(pipe, workspace.id, view.datasources(), dependencies);
            if (!nodeAttrs.isEmpty()) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> nodes = (List<Map<String, Object>>) json.get("nodes");
                json.put("nodes", nodes.stream().map(node -> PipeJson.only(node, nodeAttrs)).toList());
            }
            listed.add(PipeJson.only(json, attrs));
        }
        return ApiResponse.json(Map.of("pipes", listed));
    }

    private ApiResponse create(ApiRequest request) {
        Caller caller = Caller.of(request, services.catalog());
        caller.require(Scope.PIPES_CREATE, null);
        String name;
        String description = request.param("description").orElse(null);
        List<NodeDraft> drafts = new ArrayList<>();
        if (request.isJson() && request.bodyBytes().length > 0) {
            JsonNode body = request.jsonBody();
            if (!body.isObject()) {
                throw ApiException.badRequest("The body must be a JSON object with the pipe's name and nodes");
            }
            name = body.path("name").isTextual() ? body.get("name").asText() : request.param("name").orElse(null);
            if (body.path("description").isTextual()) {
                description = body.get("description").asText();
            }
            JsonNode nodes = body.path("nodes");
            if (!nodes.isMissingNode() && !nodes.isNull() && !nodes.isArray()) {
                throw ApiException.badRequest("'nodes' must be a list of nodes");
            }
            nodes.forEach(node -> drafts.add(NodeDraft.fromJson(node)));
        } else {
            name = request.param("name").orElse(null);
            String sql = request.param("sql").orElse(null);
            if (sql != null) {
                drafts.add(new NodeDraft(name + "_0", sql, null, null, Map.of()));
            }
        }
        PipeService.Saved saved = pipes.create(caller.workspace(), name, description, drafts, request.flag("force"),
                saveOptions(request, caller));
        Map<String, Object> json = pipeJson(caller.workspace(), saved.pipe());
        addOutput(json, saved);
        return ApiResponse.json(json);
    }

    private static PipeService.SaveOptions saveOptions(ApiRequest request, Caller caller) {
        return PipeService.SaveOptions.of(request.flag("populate"), request.param("populate_condition").orElse(null),
                request.param("populate_subset").orElse(null), request.flag("unlink_on_populate_error"),
                request.flag("ignore_sql_errors"), caller.can(Scope.DATASOURCES_CREATE, null));
    }

    /** {@code datasource}, {@code created_datasource} and {@code job} of a save that has an output datasource. */
    private void addOutput(Map<String, Object> json, PipeService.Saved saved) {
        if (saved.target() != null) {
            json.put("datasource", TargetDatasources.json(saved.target().datasource()));
            json.put("created_datasource", saved.target().created());
        }
        if (saved.job() != null) {
            json.put("job", saved.job().json(baseUrl));
        }
    }

    private ApiResponse get(ApiRequest request) {
        Caller caller = Caller.of(request, services.catalog());
        PipeRecord pipe = readable(caller, request.pathParameter("name"));
        return ApiResponse.json(pipeJson(caller.workspace(), pipe));
    }

    /** {@code GET /v0/pipes/{name}.pipe} is the datafile; any other extension is the endpoint's data. */
    private ApiResponse export(ApiRequest request) {
        String name = request.pathParameter("name");
        if (!request.pathParameter("format").equals("pipe")) {
            return endpoints.query(request, name, request.pathParameter("format"));
        }
        Caller caller = Caller.of(request, services.catalog());
        caller.require(Scope.PIPES_CREATE, null);
        WorkspaceRecord workspace = caller.workspace();
        PipeRecord pipe = find(workspace, name);
        List<String> tokens = services.catalog().read(state -> workspace.tokens.stream()
                .filter(token -> !token.isAdmin() && token.has(Scope.PIPES_READ, pipe.name()))
                .map(TokenRecord::name).toList());
        return ApiResponse.text(200, "text/plain; charset=UTF-8", PipeExport.datafile(pipe, tokens));
    }

    private ApiResponse delete(ApiRequest request) {
        Caller caller = Caller.of(request, services.catalog());
        WorkspaceRecord workspace = caller.workspace();
        PipeRecord pipe = find(workspace, request.pathParameter("name"));
        if (!caller.can(Scope.PIPES_DROP, pipe.name())) {
            throw ApiException.forbidden("user does not have permissions to drop pipes, set DROP scope");
        }
        pipes.delete(workspace, pipe);
        return ApiResponse.empty(204);
    }

    private ApiResponse appendNode(ApiRequest request) {
        Caller caller = creator(request);
        WorkspaceRecord workspace = caller.workspace();
        PipeRecord pipe = find(workspace, request.pathParameter("pipe"));
        Map<String, String> params = firstValues(request);
        String sql = params.getOrDefault("sql", rawBody(request));
        String name = params.get("name");
        if (name == null) {
            int n = pipe.nodes().size();
            while (node(pipe, pipe.name() + "_" + n) != null) {
                n++;
            }
            name = pipe.name() + "_" + n;
        }
        NodeDraft draft = NodeDraft.fromParams(name, sql, params);
        draft.validate();
        if (node(pipe, name) != null) {
            throw ApiException.badRequest("Node name \"" + name + "\" is used more than once in the pipe");
        }
        NodeRecord added = draft.toRecord(Ids.now());
        PipeService.Saved saved = pipes.change(workspace, pipe.id(), current -> withNodes(current,
                append(current.nodes(), added)), saveOptions(request, caller));
        return nodeResponse(saved, added.id());
    }

    private ApiResponse updateNode(ApiRequest request) {
        Caller caller = creator(request);
        WorkspaceRecord workspace = caller.workspace();
        PipeRecord pipe = find(workspace, request.pathParameter("pipe"));
        NodeRecord node = existingNode(pipe, request.pathParameter("node"));
        Map<String, String> params = firstValues(request);
        String body = rawBody(request);
        String sql = params.getOrDefault("sql", body == null || body.isBlank() ? node.sql() : body);
        String name = params.getOrDefault("name", node.name());
        NodeDraft draft = new NodeDraft(name, sql, params.getOrDefault("description", node.description()),
                node.nodeType(), node.settings());
        draft.validate();
        if (!name.equals(node.name()) && node(pipe, name) != null) {
            throw ApiException.badRequest("Node name \"" + name + "\" is used more than once in the pipe");
        }
        NodeRecord updated = new NodeRecord(node.id(), name, sql, draft.description(), node.nodeType(),
                node.settings(), node.createdAt(), Ids.now(), node.materialized());
        PipeService.Saved saved = pipes.change(workspace, pipe.id(), current -> withNodes(current,
                current.nodes().stream().map(n -> n.id().equals(node.id()) ? updated : n).toList()),
                saveOptions(request, caller));
        return nodeResponse(saved, node.id());
    }

    private ApiResponse deleteNode(ApiRequest request) {
        Caller caller = creator(request);
        WorkspaceRecord workspace = caller.workspace();
        PipeRecord pipe = find(workspace, request.pathParameter("pipe"));
        NodeRecord node = existingNode(pipe, request.pathParameter("node"));
        pipes.change(workspace, pipe.id(), current -> withNodes(current,
                current.nodes().stream().filter(n -> !n.id().equals(node.id())).toList()),
                PipeService.SaveOptions.none(caller.can(Scope.DATASOURCES_CREATE, null)));
        return ApiResponse.empty(204);
    }

    private ApiResponse publish(ApiRequest request) {
        return setEndpoint(request, request.pathParameter("node"), true);
    }

    private ApiResponse unpublish(ApiRequest request) {
        return setEndpoint(request, request.pathParameter("node"), false);
    }

    /** The old form: {@code PUT /v0/pipes/{pipe}/endpoint} with the node's id or name as the body. */
    private ApiResponse publishFromBody(ApiRequest request) {
        String node = new String(request.bodyBytes(), StandardCharsets.UTF_8).strip();
        if (node.isEmpty()) {
            throw ApiException.badRequest("The body must be the id of the node to publish");
        }
        return setEndpoint(request, node, true);
    }

    /** Makes {@code nodeName} the endpoint (the previous endpoint node becomes standard), or standard again. */
    private ApiResponse setEndpoint(ApiRequest request, String nodeName, boolean publish) {
        Caller caller = creator(request);
        WorkspaceRecord workspace = caller.workspace();
        PipeRecord pipe = find(workspace, request.pathParameter("pipe"));
        NodeRecord node = existingNode(pipe, nodeName);
        PipeService.Saved saved = pipes.change(workspace, pipe.id(), current -> withNodes(current,
                current.nodes().stream().map(n -> {
                    if (n.id().equals(node.id())) {
                        return withType(n, publish ? "endpoint" : "standard");
                    }
                    return publish && n.nodeType().equals("endpoint") ? withType(n, "standard") : n;
                }).toList()), PipeService.SaveOptions.none(caller.can(Scope.DATASOURCES_CREATE, null)));
        Map<String, Object> json = pipeJson(workspace, saved.pipe());
        if (publish) {
            List<String> readers = services.catalog().read(state -> workspace.tokens.stream()
                    .filter(token -> !token.isAdmin() && token.has(Scope.PIPES_READ, pipe.name()))
                    .map(TokenRecord::token).toList());
            if (readers.size() == 1) {
                json.put("token", readers.get(0));
            }
        }
        return ApiResponse.json(json);
    }

    /**
     * {@code POST …/nodes/{node}/materialization?datasource=&engine*=&populate=}: the node becomes the pipe's
     * materialized node.
     */
    private ApiResponse materialize(ApiRequest request) {
        Map<String, String> params = firstValues(request);
        return retype(request, "materialized", NodeDraft.fromParams(null, null, params).settings());
    }

    /** {@code PUT …/nodes/{node}/copy?target_datasource=&schedule_cron=&mode=}: the node becomes the copy node. */
    private ApiResponse configureCopy(ApiRequest request) {
        Map<String, String> params = firstValues(request);
        return retype(request, "copy", NodeDraft.fromParams(null, null, params).settings());
    }

    /** Gives a node a new type and settings (merged over its current ones) and saves the pipe. */
    private ApiResponse retype(ApiRequest request, String type, Map<String, String> settings) {
        Caller caller = creator(request);
        WorkspaceRecord workspace = caller.workspace();
        PipeRecord pipe = find(workspace, request.pathParameter("pipe"));
        NodeRecord node = existingNode(pipe, request.pathParameter("node"));
        Map<String, String> merged = new LinkedHashMap<>(node.settings());
        merged.putAll(settings);
        NodeDraft draft = new NodeDraft(node.name(), node.sql(), node.description(), type, merged);
        draft.validate();
        NodeRecord changed = new NodeRecord(node.id(), node.name(), node.sql(), node.description(), type, merged,
                node.createdAt(), Ids.now(), null);
        PipeService.Saved saved = pipes.change(workspace, pipe.id(), current -> withNodes(current,
                current.nodes().stream().map(n -> n.id().equals(node.id()) ? changed : n).toList()),
                saveOptions(request, caller));
        return nodeResponse(saved, node.id());
    }

    /** {@code DELETE …/materialization} or {@code DELETE …/copy}: the node is a standard node again. */
    private ApiResponse retypeToStandard(ApiRequest request, String expected) {
        Caller caller = creator(request);
        WorkspaceRecord workspace = caller.workspace();
        PipeRecord pipe = find(workspace, request.pathParameter("pipe"));
        NodeRecord node = existingNode(pipe, request.pathParameter("node"));
        if (!node.nodeType().equals(expected)) {
            throw ApiException.badRequest("Node '" + node.name() + "' is not a " + expected + " node");
        }
        pipes.change(workspace, pipe.id(), current -> withNodes(current, current.nodes().stream()
                .map(n -> n.id().equals(node.id()) ? new NodeRecord(n.id(), n.name(), n.sql(), n.description(),
                        "standard", n.settings(), n.createdAt(), Ids.now(), null) : n).toList()),
                PipeService.SaveOptions.none(caller.can(Scope.DATASOURCES_CREATE, null)));
        return ApiResponse.empty(204);
    }

    /** {@code POST …/nodes/{node}/population?truncate=&populate_condition=&populate_subset=}: a new populate job. */
    private ApiResponse populate(ApiRequest request) {
        Caller caller = creator(request);
        WorkspaceRecord workspace = caller.workspace();
        PipeRecord pipe = find(workspace, request.pathParameter("pipe"));
        NodeRecord node = existingNode(pipe, request.pathParameter("node"));
        PipeService.Saved saved = pipes.populateAgain(workspace, pipe.id(), node.id(), saveOptions(request, caller),
                request.flag("truncate"));
        return nodeResponse(saved, node.id());
    }

    private ApiResponse nodeResponse(PipeService.Saved saved, String nodeId) {
        NodeRecord stored = saved.pipe().nodes().stream().filter(n -> n.id().equals(nodeId)).findFirst()
                .orElseThrow();
        Map<String, Object> json = PipeJson.node(stored, true);
        addOutput(json, saved);
        return ApiResponse.json(json);
    }

    /** {@code POST /v0/pipes/{pipe}/copy?_mode=append|replace&<params>}: runs the copy node as a job. */
    private ApiResponse copy(ApiRequest request) {
        Caller caller = Caller.of(request, services.catalog());
        WorkspaceRecord workspace = caller.workspace();
        PipeRecord pipe = find(workspace, request.pathParameter("pipe"));
        if (!caller.can(Scope.PIPES_READ, pipe.name())) {
            throw ApiException.forbidden(Endpoints.NO_ACCESS);
        }
        int index = -1;
        for (int i = 0; i < pipe.nodes().size(); i++) {
            if (pipe.nodes().get(i).nodeType().equals("copy")) {
                index = i;
            }
        }
        if (index < 0) {
            throw ApiException.forbidden("The pipe '" + pipe.name() + "' should be a copy pipe");
        }
        NodeRecord node = pipe.nodes().get(index);
        String suffix = PipeService.suffix(pipe, node);
        String mode = request.param("_mode").map(m -> m.strip().toLowerCase(Locale.ROOT)).orElse(CopyJobs.mode(node));
        CopyJobs.checkMode(mode);
        WorkspaceView view = WorkspaceView.of(services.catalog(), workspace);
        String targetName = node.settings().get("target_datasource");
        var target = view.datasource(targetName).orElseThrow(() -> ApiException.notFound("Target Datasource '"
                + targetName + "' for pipe '" + pipe.name() + "' not found"));
        String sql = new QueryCompiler(view, RequestParams.of(request), false).compileNode(pipe, index);
        List<TargetDatasources.Column> columns = pipes.targets().describe(sql, workspace.database, suffix);
        Job job = copies.submit(workspace.id, workspace.database, pipe, target, mode, sql, columns, suffix);
        Map<String, Object> json = new LinkedHashMap<>(job.json(baseUrl));
        json.put("job", job.json(baseUrl));
        return ApiResponse.json(json);
    }

    private Map<String, Object> pipeJson(WorkspaceRecord workspace, PipeRecord pipe) {
        Map<String, Object> json = PipeJson.pipe(pipe, workspace.id,
                WorkspaceView.of(services.catalog(), workspace).datasources(), true);
        json.put("url", baseUrl + "/v0/pipes/" + pipe.name() + ".json");
        return json;
    }

    private Caller creator(ApiRequest request) {
        Caller caller = Caller.of(request, services.catalog());
        caller.require(Scope.PIPES_CREATE, null);
        return caller;
    }

    /** A pipe the caller may read: 404 when it does not exist, 403 without a read (or create) scope. */
    private PipeRecord readable(Caller caller, String name) {
        PipeRecord pipe = find(caller.workspace(), name);
        if (!canRead(caller, pipe)) {
            throw ApiException.forbidden("token has no READ scope for " + name);
        }
        return pipe;
    }

    private static boolean canRead(Caller caller, PipeRecord pipe) {
        return caller.can(Scope.PIPES_READ, pipe.name()) || caller.can(Scope.PIPES_CREATE, null);
    }

    private PipeRecord find(WorkspaceRecord workspace, String nameOrId) {
        return services.catalog().read(state -> workspace.pipe(nameOrId))
                .orElseThrow(() -> ApiException.notFound("Pipe '" + nameOrId + "' not found"));
    }

    private static NodeRecord node(PipeRecord pipe, String nameOrId) {
        return pipe.nodes().stream().filter(n -> n.name().equals(nameOrId) || n.id().equals(nameOrId)).findFirst()
                .orElse(null);
    }

    private static NodeRecord existingNode(PipeRecord pipe, String nameOrId) {
        NodeRecord node = node(pipe, nameOrId);
        if (node == null) {
            throw ApiException.notFound("Node '" + nameOrId + "' not found in pipe '" + pipe.name() + "'");
        }
        return node;
    }

    private static PipeRecord withNodes(PipeRecord pipe, List<NodeRecord> nodes) {
        return new PipeRecord(pipe.id(), pipe.name(), pipe.description(), nodes, pipe.createdAt(), pipe.updatedAt());
    }

    private static List<NodeRecord> append(List<NodeRecord> nodes, NodeRecord node) {
        List<NodeRecord> all = new ArrayList<>(nodes);
        all.add(node);
        return all;
    }

    private static NodeRecord withType(NodeRecord node, String type) {
        return new NodeRecord(node.id(), node.name(), node.sql(), node.description(), type, node.settings(),
                node.createdAt(), Ids.now(), node.materialized());
    }

    /** The first value of every parameter (query string, then form). */
    private static Map<String, String> firstValues(ApiRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        request.allParams().forEach((key, values) -> {
            if (!values.isEmpty()) {
                params.put(key, values.get(0));
            }
        });
        return params;
    }

    /** The body as text when it is neither a form nor JSON (node SQL is posted raw); else null. */
    private static String rawBody(ApiRequest request) {
        if (request.isForm() || request.isJson()) {
            return null;
        }
        return new String(request.bodyBytes(), StandardCharsets.UTF_8);
    }

    private static Set<String> csv(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
