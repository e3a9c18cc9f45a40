package org.tinybirdmaven.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.auth.Caller;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.server.http.Json;
import org.tinybirdmaven.server.http.Router;
import org.tinybirdmaven.sql.SqlLexer;
import org.tinybirdmaven.sql.SqlTableScanner;
import org.tinybirdmaven.sql.SqlToken;
import org.tinybirdmaven.sql.TableReference;
import org.tinybirdmaven.syntax.SyntaxException;

/** The Query API: {@code GET|POST /v0/sql} and the {@code POST /v0/sql_tables} helper of {@code tb push}. */
public final class QueryRoutes {

    static final String MISSING_Q = "missing q parameter. example q=select%201";
    private static final String DOCUMENTATION = "https://docs.tinybird.co/api-reference/query-api.html";

    /** The formats {@code /v0/sql} accepts in a trailing {@code FORMAT} clause, in Tinybird's order. */
    private static final Map<String, QueryRunner.Output> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("JSON", QueryRunner.Output.JSON);
        FORMATS.put("CSV", new QueryRunner.Output("CSV", "text/csv; charset=UTF-8"));
        FORMATS.put("CSVWithNames", new QueryRunner.Output("CSVWithNames", "text/csv; charset=UTF-8"));
        FORMATS.put("TSV", new QueryRunner.Output("TSV", "text/plain; charset=UTF-8"));
        FORMATS.put("TSVWithNames", new QueryRunner.Output("TSVWithNames", "text/plain; charset=UTF-8"));
        FORMATS.put("PrettyCompact", new QueryRunner.Output("PrettyCompact", "text/plain; charset=UTF-8"));
        FORMATS.put("JSONEachRow", new QueryRunner.Output("JSONEachRow", "application/x-ndjson"));
        FORMATS.put("Parquet", new QueryRunner.Output("Parquet", "application/octet-stream"));
        FORMATS.put("JSONStrings", new QueryRunner.Output("JSONStrings", "application/json; charset=UTF-8"));
        FORMATS.put("Prometheus", new QueryRunner.Output("Prometheus", "text/plain; charset=UTF-8"));
    }

    private final LocalServer.Services services;
    private final QueryRunner runner;

    /** Installs the {@code tinybird} service datasources. */
    public QueryRoutes(LocalServer.Services services) throws ChdbException {
        this.services = services;
        this.runner = new QueryRunner(services.clickHouse());
        ServiceDatasources.install(services.clickHouse());
    }

    public void register(Router router) {
        router.get("/v0/sql", this::sql);
        router.post("/v0/sql", this::sql);
        router.get("/v0/sql_tables", this::sqlTables);
        router.post("/v0/sql_tables", this::sqlTables);
    }

    private ApiResponse sql(ApiRequest request) {
        try {
            return query(request);
        } catch (Templates.CustomError e) {
            return e.response();
        }
    }

    /**
     * Runs {@code q}. Templates (a {@code q} starting with {@code %}, and the templated nodes it reads) are rendered in
     * test mode, as Tinybird's Query API does: parameters that were not sent are placeholders.
     */
    private ApiResponse query(ApiRequest request) {
        Caller caller = Caller.of(request, services.catalog());
        WorkspaceRecord workspace = caller.workspace();
        Map<String, List<String>> params = RequestParams.of(request);
        addTemplateParameters(request, params);
        String q = queryText(request, params);
        if (Templates.isTemplate(q)) {
            q = Templates.render(q, params, true, "");
        }
        FormatClause clause = FormatClause.split(q);
        QueryRunner.Output output = clause.format() == null ? QueryRunner.Output.TSV : output(clause.format());
        WorkspaceView view = WorkspaceView.of(services.catalog(), workspace);
        Map<String, QueryCompiler.Source> names = new LinkedHashMap<>();
        String pipeline = RequestParams.first(params, "pipeline");
        if (pipeline != null && !pipeline.isEmpty()) {
            PipeRecord pipe = view.pipe(pipeline)
                    .orElseThrow(() -> ApiException.forbidden("Resource '" + pipeline + "' not found"));
            if (!caller.can(Scope.PIPES_READ, pipe.name())) {
                throw ApiException.forbidden("Not enough permissions for pipe '" + pipe.name() + "'");
            }
            names.putAll(pipelineNames(pipe));
        }
        String described = describedQuery(clause.sql());
        QueryCompiler.Compiled compiled;
        try {
            compiled = new QueryCompiler(view, params, true, QueryAccess.readFilters(caller))
                    .compileQuery(described == null ? clause.sql() : described, names);
        } catch (QueryCompiler.MissingResource e) {
            throw QueryAccess.missing(e);
        }
        QueryAccess.check(caller, compiled);
        for (String name : compiled.names()) {
            // A pipeline's nodes are not published: only its output, "_", is readable without admin rights.
            if (!caller.isAdmin() && !name.equals("_")) {
                throw ApiException.forbidden("Not enough permissions for node '" + name + "' of pipe '" + pipeline
                        + "'");
            }
        }
        String sql = described == null ? compiled.sql() : "DESCRIBE (\n" + compiled.sql() + "\n)";
        return runner.run(sql, output, params, view.database(), "");
    }

    /**
     * For {@code DESCRIBE [TABLE] name} or {@code DESCRIBE (query)}, the query whose columns are described; null for
     * any other statement.
     */
    private static String describedQuery(String sql) {
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(sql);
        } catch (SyntaxException e) {
            return null;
        }
        if (tokens.isEmpty() || !Set.of("DESCRIBE", "DESC").contains(tokens.get(0).text().toUpperCase(Locale.ROOT))) {
            return null;
        }
        int next = tokens.size() > 1 && tokens.get(1).text().equalsIgnoreCase("TABLE") ? 2 : 1;
        if (next >= tokens.size()) {
            return null;
        }
        SqlToken first = tokens.get(next);
        SqlToken last = tokens.get(tokens.size() - 1);
        if (first.kind() == SqlToken.Kind.LEFT_PAREN && last.kind() == SqlToken.Kind.RIGHT_PAREN) {
            return sql.substring(first.end(), last.offset());
        }
        return "SELECT * FROM " + sql.substring(first.offset());
    }

    /**
     * {@code template_parameters}: a JSON object of further template parameters (Tinybird's way to pass values that
     * are awkward in a URL).
     */
    private static void addTemplateParameters(ApiRequest request, Map<String, List<String>> params) {
        String json = RequestParams.first(params, "template_parameters");
        if (json == null) {
            return;
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            throw new ApiException(400, "template_parameters must be a well-formed JSON", Map.of("documentation",
                    DOCUMENTATION + (request.method().equals("POST") ? "#post--v0-sql" : "#get--v0-sql")));
        }
        parsed.fields().forEachRemaining(field -> params.put(field.getKey(), List.of(field.getValue().isValueNode()
                ? field.getValue().asText() : field.getValue().toString())));
    }

    /**
     * {@code q} from the query string, a form or a JSON body; for a POST without it, the body itself (the CLI posts
     * long queries as the raw body).
     */
    private static String queryText(ApiRequest request, Map<String, List<String>> params) {
        String q = RequestParams.first(params, "q");
        if (q != null && !q.isBlank()) {
            return q;
        }
        if (request.method().equals("POST") && !request.isJson() && !request.isForm()) {
            q = new String(request.bodyBytes(), StandardCharsets.UTF_8);
            if (q.isBlank()) {
                throw new ApiException(400, "The request body should contain a query", Map.of("documentation",
                        DOCUMENTATION + "#post--v0-sql"));
            }
            return q;
        }
        throw ApiException.badRequest(MISSING_Q);
    }

    private static QueryRunner.Output output(String format) {
        return FORMATS.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(format)).findFirst()
                .map(Map.Entry::getValue)
                .orElseThrow(() -> ApiException.forbidden("invalid format, available ones: "
                        + String.join(", ", FORMATS.keySet())));
    }

    /** With {@code pipeline=p}, every node of {@code p} is a table and {@code _} is its endpoint (or last) node. */
    private static Map<String, QueryCompiler.Source> pipelineNames(PipeRecord pipe) {
        Map<String, QueryCompiler.Source> names = new LinkedHashMap<>();
        for (int i = 0; i < pipe.nodes().size(); i++) {
            names.put(pipe.nodes().get(i).name(), new QueryCompiler.NodeSource(pipe, i));
        }
        if (!pipe.nodes().isEmpty()) {
            int output = QueryCompiler.endpointIndex(pipe).orElse(pipe.nodes().size() - 1);
            names.put("_", new QueryCompiler.NodeSource(pipe, output));
        }
        return names;
    }

    /** {@code {"tables": [["database", "table"], ...]}}, the database empty for the workspace's own resources. */
    private ApiResponse sqlTables(ApiRequest request) {
        Caller.of(request, services.catalog()).workspace();
        Map<String, List<String>> params = RequestParams.of(request);
        String q = queryText(request, params);
        boolean raising = request.flag("raising");
        List<TableReference> references;
        try {
            references = SqlTableScanner.scan(Templates.isTemplate(q) ? q.substring(q.indexOf('%') + 1) : q);
        } catch (SyntaxException e) {
            if (raising) {
                throw ApiException.badRequest("Syntax error: " + e.getMessage());
            }
            references = List.of();
        }
        Set<List<String>> tables = new LinkedHashSet<>();
        for (TableReference reference : references) {
            tables.add(List.of(reference.database() == null ? "" : reference.database(), reference.name()));
        }
        return ApiResponse.json(Map.of("tables", new ArrayList<>(tables)));
    }
}
