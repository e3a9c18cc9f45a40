package org.tinybirdmaven.server.datasource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.auth.Caller;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.server.http.Router;
import org.tinybirdmaven.server.job.Job;
import org.tinybirdmaven.server.job.Jobs;
import org.tinybirdmaven.server.pipe.PipeService;

/**
 * The Data Sources API: {@code POST /v0/datasources} (create from a schema or a file, append, replace),
 * {@code GET /v0/datasources[/{name}[.datasource]]}, {@code DELETE /v0/datasources/{name}} and the
 * {@code truncate}, {@code alter} and {@code delete} sub-resources, with Tinybird's scopes, statuses and texts.
 */
public final class DatasourceRoutes {

    private static final Set<String> FORMATS = Set.of("csv", "ndjson", "parquet");
    private static final Set<String> MODES = Set.of("create", "append", "replace");
    private static final Set<String> CSV_FIELDS = Set.of("csv", "file");
    private static final Set<String> JSON_FIELDS = Set.of("ndjson", "parquet");
    private static final String CSV_FIELD_ERROR = "Multipart requests require name field to be set to 'file', 'csv'"
            + " or 'ndjson' and a non-empty file. Example: curl -F \"ndjson=@events.ndjson\" ...";
    private static final String JSON_FIELD_ERROR = "NDJSON/Parquet multipart requests require name field set to"
            + " 'ndjson'/'parquet'. Example: curl -F \"ndjson=@events.ndjson\" ...";
    private static final String NO_DATA = "No data was provided";

    private final Catalog catalog;
    private final Jobs jobs;
    private final String baseUrl;
    private final Datasources datasources;
    private final Importer importer;
    private final Uploads uploads;
    private final PipeService pipes;

    public DatasourceRoutes(LocalServer.Services services, String baseUrl) {
        this.catalog = services.catalog();
        this.jobs = services.jobs();
        this.baseUrl = baseUrl;
        this.datasources = new Datasources(services.catalog(), services.clickHouse());
        this.importer = new Importer(datasources);
        this.uploads = new Uploads(uploadDirectory(services.clickHouse(), "datasources"), baseUrl);
        this.pipes = new PipeService(services);
    }

    /**
     * Where uploads wait for ClickHouse to read them: next to the engine's data, on the same disk, in
     * {@code <data dir>/uploads/<api>}.
     */
    public static Path uploadDirectory(ClickHouse clickHouse, String api) {
        return clickHouse.engine().dataDir().resolveSibling("uploads").resolve(api);
    }

    public void register(Router router) {
        router.get("/v0/datasources", this::list);
        router.post("/v0/datasources", this::post);
        router.get("/v0/datasources/{name}", this::get);
        router.delete("/v0/datasources/{name}", this::delete);
        router.post("/v0/datasources/{name}/truncate", this::truncate);
        router.post("/v0/datasources/{name}/alter", this::alter);
        router.post("/v0/datasources/{name}/delete", this::deleteRows);
    }

    // ---- POST /v0/datasources -------------------------------------------------------------------------------

    private ApiResponse post(ApiRequest request) {
        try {
            return importOrCreate(request);
        } catch (ApiException e) {
            Uploads.discard(request);
            throw e;
        }
    }

    private ApiResponse importOrCreate(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        WorkspaceRecord workspace = caller.workspace();
        String format = request.param("format").orElse("csv");
        if (!FORMATS.contains(format)) {
            throw ApiException.badRequest("Invalid format " + format + ".");
        }
        String schema = request.param("schema").filter(value -> !value.isBlank()).orElse(null);
        if (schema != null && format.equals("csv") && DatasourceDefinition.parseSchema(schema).stream()
                .anyMatch(column -> column.jsonpath() != null)) {
            throw ApiException.badRequest("Setting jsonpaths requires to set 'format=ndjson' or 'format=parquet', but"
                    + " it was not set.");
        }
        String mode = request.param("mode").orElse("create");
        if (!MODES.contains(mode)) {
            throw ApiException.badRequest("Invalid mode \"" + mode + "\", valid modes are create,append,replace");
        }
        String name = request.param("name").filter(value -> !value.isBlank()).orElse(null);
        if (name != null) {
            datasources.checkName(workspace, name);
        }
        if (schema != null) {
            if (name == null) {
                throw ApiException.badRequest("Data Source name must be set when creating with schema");
            }
            if (!mode.equals("create")) {
                throw ApiException.badRequest("Schema creation is only compatible with mode=create");
            }
        }
        Importer.Format fileFormat = Importer.Format.of(format);
        return switch (mode) {
            case "create" -> create(request, caller, workspace, name, schema, fileFormat);
            case "append" -> append(request, caller, workspace, name, fileFormat);
            default -> replace(request, caller, workspace, name, fileFormat);
        };
    }

    /**
     * What a create, append or replace does with the data once the request is validated: with an upload it runs at
     * once; with {@code url} it runs in an import job after the download.
     */
    @FunctionalInterface
    private interface Load {
        /**
         * @param upload the data; null when the request has none and the mode allows it
         */
        Loaded run(Upload upload, String importId);
    }

    /** The datasource a load went to, and what it did. */
    private record Loaded(DatasourceRecord record, Importer.Result result) {}

    /** Whether a load needs data: an append or a create from a file does, a replace or a create with a schema not. */
    private enum Data { REQUIRED, OPTIONAL }

    /**
     * Runs {@code load} on the request's data: the uploaded file, answered with the import response, or the file at
     * {@code url}, answered with the job that downloads and imports it.
     */
    private ApiResponse load(ApiRequest request, WorkspaceRecord workspace, String mode, String name,
                             Importer.Format format, Data data, Load load) {
        String url = request.param("url").filter(value -> !value.isBlank()).orElse(null);
        if (url != null) {
            return importJob(workspace, mode, name, url, data, load);
        }
        Upload upload = uploads.receive(request, format == Importer.Format.CSV ? CSV_FIELDS : JSON_FIELDS);
        if (upload == null && request.isMultipart()) {
            throw ApiException.badRequest(format == Importer.Format.CSV ? CSV_FIELD_ERROR : JSON_FIELD_ERROR);
        }
        try (Upload received = upload) {
            boolean empty = received == null || received.isEmpty();
            if (data == Data.REQUIRED && empty) {
                throw ApiException.badRequest(NO_DATA);
            }
            String importId = Ids.uuid();
            Loaded loaded = load.run(empty ? null : received, importId);
            return importResponse(workspace, loaded.record(), loaded.result(), importId, format);
        }
    }

    /**
     * An import job (§4.5): its JSON plus {@code import_id}, which is the job id. The job downloads the file (http
     * or https), then loads it; it fails when the download or the import fails, and reports the rows it imported and
     * put in quarantine in its {@code result}.
     */
    private ApiResponse importJob(WorkspaceRecord workspace, String mode, String name, String url, Data data,
                                  Load load) {
        String scheme;
        try {
            scheme = java.net.URI.create(url).getScheme();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid url");
        }
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw ApiException.badRequest("Url is not supported, only http, and https schemes are");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", mode);
        details.put("url", url);
        details.put("datasource", datasources.find(workspace, name == null ? "" : name)
                .<Map<String, Object>>map(record -> Map.of("id", record.id(), "name", record.name()))
                .orElseGet(() -> name == null ? Map.of() : Map.of("name", name)));
        Job job = jobs.submit("import", workspace.id, details, running -> {
            try (Upload upload = uploads.download(url)) {
                if (upload.isEmpty() && data == Data.REQUIRED) {
                    throw new IllegalStateException("No data was provided. Make sure the file (" + url
                            + ") is not empty");
                }
                Loaded loaded = load.run(upload.isEmpty() ? null : upload, running.id());
                Importer.Result result = loaded.result();
                if (!result.errors().isEmpty()) {
                    throw new IllegalStateException("There was an error when attempting to import your data: "
                            + String.join(". ", result.errors()));
                }
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("datasource", Map.of("id", loaded.record().id(), "name", loaded.record().name()));
                outcome.put("import_id", running.id());
                outcome.put("statistics", Map.of("row_count", result.successfulRows()));
                outcome.put("quarantine_rows", result.quarantinedRows());
                outcome.put("invalid_lines", result.invalidLines());
                return outcome;
            }
        });
        Map<String, Object> json = new LinkedHashMap<>(job.json(baseUrl));
        json.put("import_id", job.id());
        return ApiResponse.json(json);
    }

    private ApiResponse create(ApiRequest request, Caller caller, WorkspaceRecord workspace, String name,
                               String schema, Importer.Format format) {
        if (name != null && datasources.find(workspace, name).isPresent()) {
            throw ApiException.badRequest("Data Source \"" + name + "\" already exists, use mode=append");
        }
        if (!caller.can(Scope.DATASOURCES_CREATE, null)) {
            throw ApiException.forbidden("Token does not have DATASOURCES:CREATE scope, create mode requires the"
                    + " DATASOURCES:CREATE scope");
        }
        if (schema != null) {
            DatasourceRecord record = datasources.create(workspace, definition(request, name, DatasourceDefinition
                    .parseSchema(schema), format));
            if (format == Importer.Format.CSV) {
                // Like Tinybird, a CSV datasource created from a schema ignores any data sent with it.
                return ApiResponse.json(Map.of("datasource", json(workspace, record)));
            }
            return load(request, workspace, "create", name, format, Data.OPTIONAL, (upload, importId) ->
                    new Loaded(record, upload == null ? Importer.Result.EMPTY
                            : importer.append(workspace, record, upload, format, null, importId)));
        }
        if (format != Importer.Format.CSV) {
            throw ApiException.badRequest("mode=create with format=ndjson or format=parquet requires to set parameter"
                    + " 'schema'.");
        }
        Character delimiter = delimiter(request);
        return load(request, workspace, "create", name, format, Data.REQUIRED, (upload, importId) -> {
            String datasourceName = name != null ? name : nameFromFile(upload.fileName());
            if (name == null) {
                datasources.checkName(workspace, datasourceName);
                if (datasources.find(workspace, datasourceName).isPresent()) {
                    throw ApiException.badRequest("Data Source \"" + datasourceName + "\" already exists, use"
                            + " mode=append");
                }
            }
            DatasourceRecord record = createFromCsv(request, workspace, datasourceName, upload, delimiter);
            return new Loaded(record, importer.append(workspace, record, upload, format, delimiter, importId));
        });
    }

    private ApiResponse append(ApiRequest request, Caller caller, WorkspaceRecord workspace, String name,
                               Importer.Format format) {
        if (name == null) {
            throw ApiException.badRequest("Data Source name must be set with mode=append");
        }
        DatasourceRecord existing = datasources.find(workspace, name).orElse(null);
        if (!caller.can(Scope.DATASOURCES_CREATE, null)) {
            if (existing == null) {
                throw ApiException.forbidden("You must provide a Data Source name when appending (and you don't have"
                        + " CREATE scope)");
            }
            if (!caller.can(Scope.DATASOURCES_APPEND, existing.name())) {
                throw ApiException.forbidden("Token does not have DATASOURCES:APPEND scope for Data Source \""
                        + existing.name() + "\"");
            }
        }
        checkJsonTarget(existing, format);
        Character delimiter = delimiter(request);
        return load(request, workspace, "append", name, format, Data.REQUIRED, (upload, importId) -> {
            DatasourceRecord record = existing != null ? existing
                    : createFromCsv(request, workspace, name, upload, delimiter);
            return new Loaded(record, importer.append(workspace, record, upload, format, delimiter, importId));
        });
    }

    private ApiResponse replace(ApiRequest request, Caller caller, WorkspaceRecord workspace, String name,
                                Importer.Format format) {
        if (name == null) {
            throw ApiException.badRequest("Data source name must be set with mode=replace (name=my_datasource)");
        }
        if (!caller.can(Scope.DATASOURCES_CREATE, null)) {
            throw ApiException.forbidden("Token does not have DATASOURCES:CREATE scope, replace mode requires the"
                    + " DATASOURCES:CREATE scope because is a destructive action");
        }
        DatasourceRecord record = datasources.find(workspace, name).orElseThrow(() -> ApiException.badRequest(
                "Data Source \"" + name + "\" does not exist, can not replace a non existing Data Source"));
        checkJsonTarget(record, format);
        Character delimiter = delimiter(request);
        String condition = request.param("replace_condition").filter(value -> !value.isBlank()).orElse(null);
        boolean truncateWhenEmpty = request.flag("replace_truncate_when_empty");
        return load(request, workspace, "replace", name, format, Data.OPTIONAL, (upload, importId) -> {
            Importer.Result result = importer.replace(workspace, record, upload, format, delimiter, importId,
                    condition, truncateWhenEmpty);
            return new Loaded(result.complete() ? datasources.save(workspace, record) : record, result);
        });
    }

    /** NDJSON and Parquet need a datasource with jsonpaths (Tinybird's texts). */
    private static void checkJsonTarget(DatasourceRecord record, Importer.Format format) {
        if (format == Importer.Format.CSV) {
            return;
        }
        if (record == null) {
            throw ApiException.badRequest("NDJSON/Parquet Data Sources must be created first with 'mode=create' and"
                    + " including `jsonpath` in the schema in the form: `column_name` type `json:$.<jsonpath>`.");
        }
        if (!record.format().equals(DatasourceDefinition.NDJSON)) {
            throw ApiException.badRequest("Appending NDJSON/Parquet files to CSV Data Sources is not supported. You"
                    + " can't import NDJSON/Parquet to this datasource because it was created from a CSV file. If you"
                    + " created the datasource with `tb push datasource`, add jsonpaths to the columns, see an example"
                    + " here https://docs.tinybird.co/api-reference/datasource-api.html#jsonpaths");
        }
    }

    /**
     * Creates a datasource whose columns ClickHouse guesses from a CSV upload (engine parameters apply). When a
     * concurrent append created it first, that one is used.
     */
    private DatasourceRecord createFromCsv(ApiRequest request, WorkspaceRecord workspace, String name, Upload upload,
                                           Character delimiter) {
        char chosen = delimiter != null ? delimiter : CsvDialect.guessDelimiter(CsvDialect.firstRow(upload));
        List<Column> columns = SchemaGuess.csv(datasources, upload, chosen);
        DatasourceDefinition definition = definition(request, name, columns, Importer.Format.CSV);
        try {
            return datasources.create(workspace, definition);
        } catch (ApiException e) {
            return datasources.find(workspace, name).orElseThrow(() -> e);
        }
    }

    private static DatasourceDefinition definition(ApiRequest request, String name, List<Column> columns,
                                                   Importer.Format format) {
        List<Map.Entry<String, String>> engineSettings = new ArrayList<>();
        request.allParams().forEach((key, values) -> {
            if (key.startsWith("engine_") && !values.isEmpty()) {
                engineSettings.add(Map.entry(key.substring("engine_".length()), values.get(0)));
            }
        });
        return DatasourceDefinition.of(name, request.param("description").orElse(""), columns,
                request.param("engine").orElse(null), engineSettings, request.param("indexes").orElse(null),
                format.name().toLowerCase(Locale.ROOT));
    }

    private static Character delimiter(ApiRequest request) {
        String delimiter = request.param("dialect_delimiter").orElse(null);
        if (delimiter == null || delimiter.isEmpty()) {
            return null;
        }
        if (delimiter.length() != 1) {
            throw ApiException.badRequest("The dialect delimiter must be a 1-character string");
        }
        return delimiter.charAt(0);
    }

    /** A name for a datasource created from a file sent without {@code name}: the file name without extension. */
    private static String nameFromFile(String fileName) {
        String stem = fileName == null ? "" : Path.of(fileName).getFileName().toString();
        int dot = stem.indexOf('.');
        stem = (dot < 0 ? stem : stem.substring(0, dot)).replaceAll("[^A-Za-z0-9_]", "_");
        if (stem.isEmpty() || !Character.isLetter(stem.charAt(0))) {
            stem = "imported_" + stem;
        }
        return stem.replaceAll("_+$", "");
    }

    /** The response of an import (§4.4): 400 with a summary when rows went to quarantine or the import failed. */
    private ApiResponse importResponse(WorkspaceRecord workspace, DatasourceRecord record, Importer.Result result,
                                       String importId, Importer.Format format) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (format == Importer.Format.CSV) {
            json.put("import_id", importId);
            json.put("datasource", json(workspace, record));
        } else {
            json.put("datasource", json(workspace, record));
            json.put("import_id", importId);
        }
        json.put("quarantine_rows", result.quarantinedRows());
        json.put("invalid_lines", result.invalidLines());
        json.put("error", result.complete() ? false : summary(result, format));
        if (!result.errors().isEmpty()) {
            json.put("errors", result.errors());
        }
        return ApiResponse.json(result.complete() ? 200 : 400, json);
    }

    /** Tinybird's error summaries ({@code build_error_summary}; the NDJSON importer has its own wording). */
    static String summary(Importer.Result result, Importer.Format format) {
        if (!result.errors().isEmpty()) {
            return "There was an error when attempting to import your data. Check 'errors' for more information.";
        }
        long quarantined = result.quarantinedRows();
        long invalid = result.invalidLines();
        if (format != Importer.Format.CSV && invalid == 0) {
            return "There was an error with file contents: " + quarantined + " rows in quarantine.";
        }
        String rows = quarantined > 0 ? quarantined + (quarantined > 1 ? " rows" : " row") + " in quarantine" : "";
        String and = quarantined > 0 && invalid > 0 ? " and" : "";
        String lines = invalid > 0 ? " " + invalid + (invalid > 1 ? " invalid lines" : " invalid line") : "";
        return "There was an error with file contents: " + rows + and + lines + ".";
    }

    // ---- GET ------------------------------------------------------------------------------------------------

    private ApiResponse list(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        WorkspaceRecord workspace = caller.workspace();
        boolean all = caller.can(Scope.DATASOURCES_CREATE, null);
        List<DatasourceRecord> visible = datasources.list(workspace).stream()
                .filter(record -> all || caller.can(Scope.DATASOURCES_READ, record.name())).toList();
        Map<String, Datasources.TableInfo> tables = datasources.tables(workspace.database);
        List<String> attrs = request.param("attrs").filter(value -> !value.isBlank())
                .map(value -> List.of(value.split(","))).orElse(null);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (DatasourceRecord record : visible) {
            Map<String, Object> entry = DatasourceJson.of(record, tables, usedBy(workspace, record.name()));
            if (attrs != null) {
                entry.keySet().retainAll(attrs.stream().map(String::strip).collect(Collectors.toSet()));
            }
            entries.add(entry);
        }
        return ApiResponse.json(Map.of("datasources", entries));
    }

    private ApiResponse get(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        WorkspaceRecord workspace = caller.workspace();
        String name = request.pathParameter("name");
        boolean datafile = name.endsWith(".datasource");
        if (datafile) {
            name = name.substring(0, name.length() - ".datasource".length());
        }
        DatasourceRecord record = find(workspace, name);
        if (!caller.can(Scope.DATASOURCES_CREATE, null) && !caller.can(Scope.DATASOURCES_READ, record.name())) {
            throw ApiException.forbidden("The token you have provided doesn't have access to this resource");
        }
        if (datafile) {
            return ApiResponse.text(200, "text/plain; charset=UTF-8", catalog.read(state -> DatafileExport.of(record,
                    workspace.tokens)));
        }
        Map<String, Datasources.TableInfo> tables = datasources.tables(workspace.database);
        Datasources.TableInfo quarantine = tables.get(Datasources.quarantineTable(record.name()));
        return ApiResponse.json(DatasourceJson.of(record, tables.get(record.name()),
                quarantine == null || quarantine.rows() == null ? 0 : quarantine.rows(),
                usedBy(workspace, record.name()), true));
    }

    private Map<String, Object> json(WorkspaceRecord workspace, DatasourceRecord record) {
        return DatasourceJson.of(record, datasources.tables(workspace.database), usedBy(workspace, record.name()));
    }

    private List<PipeRecord> usedBy(WorkspaceRecord workspace, String name) {
        return catalog.read(state -> DatasourceJson.usedBy(PipeDependencies.of(workspace, name)));
    }

    private DatasourceRecord find(WorkspaceRecord workspace, String name) {
        return datasources.find(workspace, name).orElseThrow(() -> ApiException.notFound("Data Source \"" + name
                + "\" does not exist"));
    }

    // ---- DELETE and truncate ----------------------------------------------------------------------------------

    private ApiResponse delete(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        WorkspaceRecord workspace = caller.workspace();
        DatasourceRecord record = find(workspace, request.pathParameter("name"));
        requireDrop(caller, record.name(), request.pathParameter("name"));
        PipeDependencies dependencies = catalog.read(state -> PipeDependencies.of(workspace, record.name()));
        if (request.param("dry_run").map("true"::equals).orElse(false)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dependencies", dependenciesJson(workspace, dependencies));
            json.put("dependent_pipes", dependencies.pipes().stream().map(PipeRecord::name).toList());
            json.put("dependent_nodes", dependencies.nodes().stream().map(NodeRecord::name).toList());
            return ApiResponse.json(json);
        }
        boolean force = request.param("force").map("true"::equals).orElse(false);
        if (dependencies.blocksDeletion() && !force) {
            throw ApiException.conflict(conflictMessage(dependencies, request.param("cli_version").isPresent()));
        }
        // A view left behind would make every later insert into its source fail.
        for (Map<PipeRecord, List<NodeRecord>> linked : List.of(dependencies.upstream(), dependencies.downstream())) {
            linked.forEach((pipe, nodes) -> nodes.forEach(node -> pipes.unlinkMaterialization(workspace, pipe.id(),
                    node.id())));
        }
        datasources.drop(workspace, record);
        return ApiResponse.empty(204);
    }

    /** Tinybird's 409 text for a datasource that materialized views write into or read from. */
    private static String conflictMessage(PipeDependencies dependencies, boolean fromCli) {
        boolean upstream = !dependencies.upstream().isEmpty();
        boolean downstream = !dependencies.downstream().isEmpty();
        String affected = "";
        if (upstream) {
            affected += "Affected upstream materializations => " + names(dependencies.upstream()) + ". ";
        }
        if (downstream) {
            affected += "Affected downstream materializations => " + names(dependencies.downstream()) + ". ";
        }
        String breakIngestion = "This operation will break ingestion due to broken Materialized Views, unlink the"
                + " Materialized Nodes or remove the dependency with the Data Source. ";
        if (upstream && !downstream) {
            breakIngestion = "The Data Source is the target of a Materialized View. Deleting it may break your data"
                    + " ingestion. " + (fromCli ? "" : "Set the `force` parameter to `true` to unlink the dependent"
                    + " Materialized Nodes and delete the Data Source. ");
        }
        String usedIn = "The Data Source is used in => Pipes=\"" + dependencies.pipes().stream().map(PipeRecord::name)
                .collect(Collectors.joining(",")) + "\", nodes=\"" + dependencies.nodes().stream()
                .map(NodeRecord::name).collect(Collectors.joining(",")) + "\"";
        String separator = fromCli ? "\n" : "";
        return breakIngestion + separator + affected + separator + usedIn;
    }

    private static String names(Map<PipeRecord, List<NodeRecord>> nodes) {
        return "Pipes=\"" + nodes.keySet().stream().map(PipeRecord::name).collect(Collectors.joining(","))
                + "\", nodes=\"" + nodes.values().stream().flatMap(List::stream).map(NodeRecord::name)
                .collect(Collectors.joining(",")) + "\"";
    }

    private static Map<String, Object> dependenciesJson(WorkspaceRecord workspace, PipeDependencies dependencies) {
        List<Map<String, Object>> pipes = new ArrayList<>();
        for (PipeRecord pipe : dependencies.pipes()) {
            List<NodeRecord> nodes = dependencies.nodes().stream().filter(pipe.nodes()::contains).toList();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", pipe.id());
            entry.put("name", pipe.name());
            entry.put("workspace", workspace.name);
            entry.put("nodes", nodes.stream().map(node -> Map.of("id", node.id(), "name", node.name())).toList());
            pipes.add(entry);
        }
        return Map.of("pipes", pipes);
    }

    private ApiResponse truncate(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        WorkspaceRecord workspace = caller.workspace();
        String name = request.pathParameter("name");
        DatasourceRecord record = findWithQuarantine(workspace, name)
                .orElseThrow(() -> ApiException.notFound("Data Source \"" + name + "\" does not exist"));
        requireDrop(caller, record.name(), name);
        boolean quarantine = !name.equals(record.name());
        if (quarantine || !record.engine().equals("Null")) {
            datasources.truncate(workspace.database, name);
        }
        return ApiResponse.empty(205);
    }

    /** The datasource named {@code name}, or the one whose quarantine table it names ({@code x_quarantine}). */
    private java.util.Optional<DatasourceRecord> findWithQuarantine(WorkspaceRecord workspace, String name) {
        java.util.Optional<DatasourceRecord> direct = datasources.find(workspace, name);
        if (direct.isPresent() || !name.endsWith("_quarantine")) {
            return direct;
        }
        return datasources.find(workspace, name.substring(0, name.length() - "_quarantine".length()));
    }

    /** Dropping and emptying need ADMIN, DATASOURCES:CREATE or DATASOURCES:DROP on the datasource. */
    private static void requireDrop(Caller caller, String datasource, String requested) {
        if (!caller.can(Scope.DATASOURCES_CREATE, null) && !caller.can(Scope.DATASOURCES_DROP, datasource)) {
            throw ApiException.forbidden("User does not have permissions to drop Data Source \"" + requested
                    + "\", set DROP scope");
        }
    }

    // ---- alter and delete rows --------------------------------------------------------------------------------

    private ApiResponse alter(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        caller.require(Scope.DATASOURCES_CREATE, null);
        WorkspaceRecord workspace = caller.workspace();
        DatasourceRecord record = find(workspace, request.pathParameter("name"));
        String schema = request.param("schema").orElse(null);
        String description = request.param("description").orElse(null);
        String ttl = request.param("ttl").orElse(null);
        String indexes = request.param("indexes").orElse(null);
        boolean dry = request.param("dry").map(value -> value.equalsIgnoreCase("true")).orElse(false);
        if ((schema == null || schema.isBlank()) && description == null && (ttl == null || ttl.isBlank())
                && indexes == null) {
            throw ApiException.badRequest("Alter operation requires additional parameters: 'new_schema',"
                    + " 'kafka_store_raw_value', 'kafka_store_headers', 'description', 'ttl', 'indexes',"
                    + " 'errors_discarded_at'.");
        }
        return TableLocks.withLock(workspace.database, record.name(), () -> {
            DatasourceRecord current = find(workspace, record.name());
            if (!dry && description != null) {
                current = datasources.save(workspace, withDescription(current, description));
            }
            Alteration alteration = Alteration.of(current, schema, ttl, indexes);
            boolean schemaGiven = schema != null && !schema.isBlank();
            if (!schemaGiven && alteration.engineOperations().isEmpty() && alteration.indexOperations().isEmpty()) {
                return ApiResponse.json(Map.of("operations", List.of()));
            }
            if (alteration.operations().isEmpty() && !alteration.jsonpathsChanged() && ttl == null
                    && description == null) {
                throw ApiException.badRequest("There were no operations to perform, new schema, ttl and indexes are"
                        + " the same as the existing ones");
            }
            if (!dry) {
                apply(workspace, current, alteration);
            }
            return ApiResponse.json(Map.of("operations", alteration.operations()));
        });
    }

    private void apply(WorkspaceRecord workspace, DatasourceRecord current, Alteration alteration) {
        String table = ClickHouse.table(workspace.database, current.name());
        try {
            for (String operation : alteration.operations()) {
                datasources.clickHouse().execute("ALTER TABLE " + table + " " + operation);
            }
        } catch (ChdbException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!alteration.addedColumns().isEmpty()) {
            // Adds the new columns to the quarantine table, if there is one.
            String quarantine = Datasources.quarantineTable(current.name());
            if (datasources.tables(workspace.database).containsKey(quarantine)) {
                importer.ensureQuarantine(workspace.database, alteration.updated());
            }
        }
        datasources.save(workspace, alteration.updated());
    }

    private static DatasourceRecord withDescription(DatasourceRecord record, String description) {
        return new DatasourceRecord(record.id(), record.name(), description, record.schema(), record.format(),
                record.engine(), record.engineSettings(), record.indexes(), record.tags(), record.sharedWith(),
                record.createdAt(), record.updatedAt());
    }

    private ApiResponse deleteRows(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        caller.require(Scope.DATASOURCES_CREATE, null);
        WorkspaceRecord workspace = caller.workspace();
        String name = request.pathParameter("name");
        DatasourceRecord record = findWithQuarantine(workspace, name).orElseThrow(() -> ApiException.badRequest(
                "Data Source \"" + name + "\" does not exist, can not delete a non existing Data Source"));
        String condition = request.param("delete_condition").filter(value -> !value.isBlank())
                .orElseThrow(() -> ApiException.badRequest("The delete_condition='delete_statement' is mandatory"));
        String table = ClickHouse.table(workspace.database, name);
        long rows = countRows(table, condition);
        Datasources.TableInfo info = datasources.tables(workspace.database).get(name);
        String engine = info == null ? record.engine() : info.engine();
        if (!engine.endsWith("MergeTree")) {
            throw ApiException.badRequest("The data source engine (" + engine + ") is not supported. Deletion of data"
                    + " is supported for engines from the family MergeTree");
        }
        if (request.param("dry_run").map("true"::equals).orElse(false)) {
            return ApiResponse.json(Map.of("rows_to_be_deleted", rows));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("datasource", Map.of("id", record.id(), "name", name));
        details.put("delete_condition", condition);
        Job job = jobs.submit("delete_data", workspace.id, details, running -> TableLocks.withLock(
                workspace.database, name, () -> {
                    long affected = countRows(table, condition);
                    datasources.clickHouse().execute("ALTER TABLE " + table + " DELETE WHERE (" + condition
                            + ") SETTINGS mutations_sync = 2");
                    return Map.<String, Object>of("rows_affected", affected);
                }));
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> jobJson = job.json(baseUrl);
        json.put("id", job.id());
        json.put("job_id", job.id());
        json.put("job_url", jobJson.get("job_url"));
        json.put("job", jobJson);
        json.put("status", jobJson.get("status"));
        json.put("delete_id", job.id());
        return ApiResponse.json(201, json);
    }

    private long countRows(String table, String condition) {
        try {
            return datasources.queryJsonOrThrow("SELECT count() AS rows FROM " + table + " WHERE (" + condition + ")")
                    .get(0).get("rows").asLong();
        } catch (ChdbException e) {
            throw ApiException.badRequest("Failed to apply delete_condition='" + condition + "': " + e.getMessage());
        }
    }
}
