package org.tinybirdmaven.server.pipe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.auth.Caller;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.server.query.FormatClause;
import org.tinybirdmaven.server.query.QueryAccess;
import org.tinybirdmaven.server.query.QueryCompiler;
import org.tinybirdmaven.server.query.QueryRunner;
import org.tinybirdmaven.server.query.RequestParams;
import org.tinybirdmaven.server.query.Templates;
import org.tinybirdmaven.server.query.WorkspaceView;

/**
 * The API endpoints of published pipes: {@code GET|POST /v0/pipes/{name}.{json,csv,ndjson,parquet,prometheus}}. Every
 * parameter (query string, form or JSON body) is a template variable; {@code q} is SQL run over the endpoint's result,
 * which it reads as {@code _} or by the pipe's name.
 */
final class Endpoints {

    static final String NO_ACCESS = "The token you have provided doesn't have access to this resource";

    private static final Map<String, QueryRunner.Output> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("json", QueryRunner.Output.JSON);
        FORMATS.put("csv", new QueryRunner.Output("CSVWithNames", "text/csv; charset=UTF-8"));
        FORMATS.put("ndjson", new QueryRunner.Output("JSONEachRow", "application/x-ndjson"));
        FORMATS.put("parquet", new QueryRunner.Output("Parquet", "application/octet-stream"));
        FORMATS.put("prometheus", new QueryRunner.Output("Prometheus", "text/plain; charset=UTF-8"));
    }

    private final LocalServer.Services services;
    private final QueryRunner runner;

    Endpoints(LocalServer.Services services) {
        this.services = services;
        this.runner = new QueryRunner(services.clickHouse());
    }

    ApiResponse query(ApiRequest request, String name, String format) {
        try {
            return run(request, name, format);
        } catch (Templates.CustomError e) {
            return e.response();
        }
    }

    private ApiResponse run(ApiRequest request, String name, String format) {
        Caller caller = Caller.of(request, services.catalog());
        WorkspaceView view = WorkspaceView.of(services.catalog(), caller.workspace());
        QueryRunner.Output output = FORMATS.get(format);
        if (output == null) {
            throw ApiException.badRequest("Format '" + format + "' not supported, it must be one of "
                    + String.join(", ", FORMATS.keySet()));
        }
        PipeRecord pipe = view.pipe(name)
                .orElseThrow(() -> ApiException.notFound("The pipe '" + name + "' does not exist"));
        if (!caller.can(Scope.PIPES_READ, pipe.name())) {
            throw ApiException.forbidden(NO_ACCESS);
        }
        int endpoint = QueryCompiler.endpointIndex(pipe)
                .orElseThrow(() -> ApiException.notFound("The pipe '" + name + "' does not have an endpoint yet"));
        NodeRecord node = pipe.nodes().get(endpoint);
        Map<String, List<String>> params = RequestParams.of(request);
        String q = RequestParams.first(params, "q");
        QueryCompiler compiler = new QueryCompiler(view, params, false);
        String sql;
        if (q == null || q.isBlank()) {
            sql = compiler.compileNode(pipe, endpoint);
        } else {
            if (Templates.isTemplate(q)) {
                throw ApiException.badRequest("'q' parameter doesn't support templates");
            }
            QueryCompiler.Compiled compiled;
            try {
                compiled = compiler.compileQuery(FormatClause.split(q).sql(), Map.of("_",
                        new QueryCompiler.PipeSource(pipe)));
            } catch (QueryCompiler.MissingResource e) {
                throw QueryAccess.missing(e);
            }
            QueryAccess.check(caller, compiled);
            sql = compiled.sql();
        }
        return runner.run(sql, output, params, view.database(), PipeService.suffix(pipe, node));
    }
}
