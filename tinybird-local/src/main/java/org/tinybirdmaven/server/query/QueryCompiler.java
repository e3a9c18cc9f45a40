package org.tinybirdmaven.server.query;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.sql.SqlTableScanner;
import org.tinybirdmaven.sql.SqlToken;
import org.tinybirdmaven.sql.TableReference;
import org.tinybirdmaven.sql.VersionedNames;
import org.tinybirdmaven.syntax.SyntaxException;

/**
 * Turns the SQL a user writes (a node, a {@code /v0/sql} query, a {@code q}) into SQL that chDB can run in the
 * workspace's database.
 *
 * <ul>
 *   <li>Datasources are qualified with the workspace database ({@code events} → {@code ws_….events}).</li>
 *   <li>Earlier nodes of the same pipe, and other pipes (their endpoint node), become common table expressions named
 *       like the reference, so {@code SELECT n.x FROM n} and aliases keep working: {@code WITH n AS (…) SELECT …}.
 *       Another pipe's CTE carries its own nodes in a nested {@code WITH}, where they shadow same-named nodes of the
 *       outer pipe. Materialized views over this form keep firing on inserts into the innermost datasource.</li>
 *   <li>Only {@code tinybird.<service datasource>} and the generator tables {@code system.numbers},
 *       {@code system.zeros}, {@code system.one} may be written with a database. Any other qualified name (another
 *       workspace's database, {@code system.tables}) is reported as a missing resource: this, together with
 *       {@link SqlGuard}, is what keeps a workspace's queries inside its own database.</li>
 *   <li>Templated SQL ({@code %}) is rendered through {@link Templates} first.</li>
 * </ul>
 *
 * Errors are {@link ApiException}s (400) naming the node they were found in: {@code … (in node 'n' from pipe 'p')};
 * a reference to nothing is a {@link MissingResource}.
 */
public final class QueryCompiler {

    /** A name a query can read besides the workspace's datasources and pipes. */
    public sealed interface Source permits NodeSource, PipeSource, FilteredDatasource {}

    /** Node {@code index} of {@code pipe}, compiled with the nodes before it in scope. */
    public record NodeSource(PipeRecord pipe, int index) implements Source {}

    /** A pipe read through its endpoint node. */
    public record PipeSource(PipeRecord pipe) implements Source {}

    /** A datasource of which only the rows matching {@code condition} are visible. */
    private record FilteredDatasource(String name, String condition) implements Source {}

    /**
     * The result of compiling a user's query. The sets hold what the query names directly (not through pipes or
     * nodes), for scope checks.
     *
     * @param sql         what to run
     * @param datasources workspace datasources
     * @param pipes       pipes of the workspace
     * @param services    service datasources, as {@code tinybird.<name>}
     * @param names       the given names it reads (pipeline nodes, {@code _})
     */
    public record Compiled(String sql, Set<String> datasources, Set<String> pipes, Set<String> services,
                           Set<String> names) {}

    /**
     * A table reference that is neither a node, a pipe, a datasource of the workspace nor a service datasource. It
     * carries the node it was found in; the Query API reports it without (as Tinybird does, 403).
     */
    public static final class MissingResource extends ApiException {
        private static final long serialVersionUID = 1L;

        private final String resource;

        MissingResource(String resource, String suffix) {
            super(400, "Resource '" + resource + "' not found" + suffix);
            this.resource = resource;
        }

        public String resource() {
            return resource;
        }
    }

    /** A datasource's quarantine table is named after it with this suffix. */
    private static final String QUARANTINE = "_quarantine";

    /** The ClickHouse {@code system} tables Tinybird lets queries read: generators, no metadata. */
    private static final Set<String> SYSTEM_TABLES = Set.of("numbers", "numbers_mt", "zeros", "zeros_mt", "one");

    /** The common table expressions of one {@code WITH} level, in dependency order. */
    private static final class Level {
        final Map<String, String> bodies = new LinkedHashMap<>();
        final Map<String, Source> sources = new LinkedHashMap<>();
    }

    /** Where a piece of SQL comes from: a node, or the user's query ({@code node == null}). */
    private record Origin(String pipe, String node) {
        String suffix() {
            return node == null ? "" : " (in node '" + node + "' from pipe '" + pipe + "')";
        }
    }

    /** What the user's own query names, collected while compiling it. */
    private static final class Direct {
        final Set<String> datasources = new LinkedHashSet<>();
        final Set<String> pipes = new LinkedHashSet<>();
        final Set<String> services = new LinkedHashSet<>();
        final Set<String> names = new LinkedHashSet<>();
    }

    private final WorkspaceView workspace;
    private final Map<String, List<String>> params;
    private final boolean testMode;
    private final Map<String, String> filters;

    /**
     * @param params   request parameters for templated SQL
     * @param testMode render templates with placeholders (validation when a pipe is saved)
     */
    public QueryCompiler(WorkspaceView workspace, Map<String, List<String>> params, boolean testMode) {
        this(workspace, params, testMode, Map.of());
    }

    /**
     * @param filters SQL conditions by datasource name: wherever the query (or a node of the same level) reads the
     *                datasource, it only sees the matching rows (populate conditions, filtered read scopes)
     */
    public QueryCompiler(WorkspaceView workspace, Map<String, List<String>> params, boolean testMode,
                         Map<String, String> filters) {
        this.workspace = workspace;
        this.params = Map.copyOf(params);
        this.testMode = testMode;
        this.filters = Map.copyOf(filters);
    }

    /**
     * Compiles a user's query, in which {@code names} (pipeline nodes, {@code _}) are visible besides the workspace's
     * datasources and pipes.
     */
    public Compiled compileQuery(String sql, Map<String, Source> names) {
        Level level = new Level();
        Direct direct = new Direct();
        String main = compileText(sql, new Origin(null, null), names::get, level, new ArrayDeque<>(), direct);
        return new Compiled(assemble(level, main), Set.copyOf(direct.datasources), Set.copyOf(direct.pipes),
                Set.copyOf(direct.services), Set.copyOf(direct.names));
    }

    /** Compiles node {@code index} of {@code pipe} into a complete query. */
    public String compileNode(PipeRecord pipe, int index) {
        Deque<String> stack = new ArrayDeque<>();
        stack.push(pipe.name());
        return compileNodeQuery(pipe, index, stack);
    }

    /** The node a pipe is read through: its endpoint node. */
    public static Optional<Integer> endpointIndex(PipeRecord pipe) {
        List<NodeRecord> nodes = pipe.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).nodeType().equals("endpoint")) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private String compileNodeQuery(PipeRecord pipe, int index, Deque<String> pipeStack) {
        Level level = new Level();
        NodeRecord node = pipe.nodes().get(index);
        String main = compileText(node.sql(), new Origin(pipe.name(), node.name()), nodesBefore(pipe, index), level,
                pipeStack, new Direct());
        return assemble(level, main);
    }

    private static Function<String, Source> nodesBefore(PipeRecord pipe, int index) {
        Map<String, Source> names = new LinkedHashMap<>();
        for (int i = 0; i < index; i++) {
            names.put(pipe.nodes().get(i).name(), new NodeSource(pipe, i));
        }
        return names::get;
    }

    /**
     * Renders, checks and rewrites one piece of SQL; the nodes and pipes it reads are added to {@code level} as
     * common table expressions.
     */
    private String compileText(String raw, Origin origin, Function<String, Source> local, Level level,
                               Deque<String> pipeStack, Direct direct) {
        String sql = Templates.isTemplate(raw) ? Templates.render(raw, params, testMode, origin.suffix()) : raw;
        sql = SqlGuard.check(sql, origin.suffix());
        List<TableReference> references;
        try {
            references = SqlTableScanner.scan(sql);
        } catch (SyntaxException e) {
            throw ApiException.badRequest("Syntax error: " + e.getMessage() + origin.suffix());
        }
        Map<String, String> renames = new LinkedHashMap<>();
        for (TableReference reference : references) {
            String name = reference.name();
            if (reference.database() != null) {
                boolean service = reference.database().equals(ServiceDatasources.DATABASE)
                        && ServiceDatasources.exists(name);
                if (!service && !(reference.database().equals("system") && SYSTEM_TABLES.contains(name))) {
                    throw new MissingResource(reference.qualifiedName(), origin.suffix());
                }
                if (service) {
                    direct.services.add(reference.qualifiedName());
                }
                continue;
            }
            Source source = local.apply(name);
            if (source != null) {
                direct.names.add(name);
            }
            String table = source == null ? table(name) : null;
            if (table != null) {
                String datasource = table.endsWith(QUARANTINE) && workspace.datasource(table).isEmpty()
                        ? table.substring(0, table.length() - QUARANTINE.length()) : table;
                direct.datasources.add(datasource);
                if (!filters.containsKey(table)) {
                    renames.put(name, workspace.database() + "." + table);
                    continue;
                }
                source = new FilteredDatasource(table, filters.get(table));
            }
            if (source == null) {
                PipeRecord pipe = workspace.pipe(name)
                        .orElseThrow(() -> new MissingResource(name, origin.suffix()));
                source = new PipeSource(pipe);
                direct.pipes.add(pipe.name());
            }
            if (reference.kind() != TableReference.Kind.FROM) {
                throw ApiException.badRequest("'" + name + "' is not a datasource and cannot be used in "
                        + reference.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + origin.suffix());
            }
            define(level, name, source, origin, pipeStack);
        }
        return VersionedNames.rewriteTokens(sql, renames);
    }

    /**
     * The table of the datasource {@code name} refers to (by name or id), or of its quarantine
     * ({@code <datasource>_quarantine}); null when it names none.
     */
    private String table(String name) {
        Optional<DatasourceRecord> datasource = workspace.datasource(name);
        if (datasource.isPresent()) {
            return datasource.get().name();
        }
        if (name.endsWith(QUARANTINE)
                && workspace.datasource(name.substring(0, name.length() - QUARANTINE.length())).isPresent()) {
            return name;
        }
        return null;
    }

    /** Adds the common table expression {@code name} for {@code source} to {@code level}, after what it reads. */
    private void define(Level level, String name, Source source, Origin origin, Deque<String> pipeStack) {
        Source existing = level.sources.get(name);
        if (existing != null) {
            if (!existing.equals(source)) {
                throw ApiException.badRequest("'" + name + "' names both a node and a pipe in the same query"
                        + origin.suffix());
            }
            return;
        }
        level.sources.put(name, source);
        String body;
        if (source instanceof FilteredDatasource filtered) {
            body = filteredBody(filtered, origin, level, pipeStack);
        } else if (source instanceof NodeSource node) {
            NodeRecord record = node.pipe().nodes().get(node.index());
            body = compileText(record.sql(), new Origin(node.pipe().name(), record.name()),
                    nodesBefore(node.pipe(), node.index()), level, pipeStack, new Direct());
        } else {
            PipeRecord pipe = ((PipeSource) source).pipe();
            if (pipeStack.contains(pipe.name())) {
                throw ApiException.badRequest("Circular pipe reference: " + String.join(" -> ", reversed(pipeStack))
                        + " -> " + pipe.name() + origin.suffix());
            }
            int endpoint = endpointIndex(pipe).orElseThrow(() -> ApiException.badRequest(
                    "The pipe '" + pipe.name() + "' does not have an endpoint yet" + origin.suffix()));
            pipeStack.push(pipe.name());
            try {
                body = compileNodeQuery(pipe, endpoint, pipeStack);
            } finally {
                pipeStack.pop();
            }
        }
        level.bodies.put(name, body);
    }

    /**
     * {@code SELECT * FROM db.ds WHERE (condition)}, the condition compiled like any other SQL so that it cannot read
     * outside the workspace either.
     */
    private String filteredBody(FilteredDatasource filtered, Origin origin, Level level, Deque<String> pipeStack) {
        String prefix = "SELECT 1 WHERE (";
        String condition = compileText(prefix + filtered.condition() + "\n)", origin, name -> null, level, pipeStack,
                new Direct());
        return "SELECT * FROM " + ClickHouse.table(workspace.database(), filtered.name()) + " WHERE ("
                + condition.substring(prefix.length());
    }

    private static List<String> reversed(Deque<String> stack) {
        return stack.stream().collect(Collectors.collectingAndThen(Collectors.toList(), list -> {
            java.util.Collections.reverse(list);
            return list;
        }));
    }

    /**
     * Puts the level's common table expressions in front of {@code main}: into its own {@code WITH} when it has one
     * (ClickHouse takes one {@code WITH} per query), else as a new one. Bodies end with a line break so that a
     * trailing {@code --} comment cannot swallow the closing parenthesis.
     */
    private static String assemble(Level level, String main) {
        if (level.bodies.isEmpty()) {
            return main;
        }
        String ctes = level.bodies.entrySet().stream()
                .map(cte -> ClickHouse.identifier(cte.getKey()) + " AS (\n" + cte.getValue() + "\n)")
                .collect(Collectors.joining(",\n"));
        List<SqlToken> tokens = SqlGuard.tokenize(main, "");
        SqlToken first = tokens.get(0);
        if (first.kind() == SqlToken.Kind.WORD && first.text().equalsIgnoreCase("WITH")) {
            int insertAt = first.end();
            if (tokens.size() > 1 && tokens.get(1).text().equalsIgnoreCase("RECURSIVE")) {
                insertAt = tokens.get(1).end();
            }
            return main.substring(0, insertAt) + "\n" + ctes + ",\n" + main.substring(insertAt);
        }
        if (first.kind() == SqlToken.Kind.WORD) {
            return "WITH\n" + ctes + "\n" + main;
        }
        return "WITH\n" + ctes + "\nSELECT * FROM (\n" + main + "\n)";
    }
}
