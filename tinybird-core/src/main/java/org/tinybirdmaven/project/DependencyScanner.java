package org.tinybirdmaven.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.tinybirdmaven.datafile.Datafile;
import org.tinybirdmaven.datafile.DatasourceFile;
import org.tinybirdmaven.datafile.Diagnostic;
import org.tinybirdmaven.datafile.Location;
import org.tinybirdmaven.datafile.Node;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.datafile.Sql;
import org.tinybirdmaven.datafile.TokenFile;
import org.tinybirdmaven.datafile.TokenScope;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.sql.SqlTableScanner;
import org.tinybirdmaven.sql.TableReference;
import org.tinybirdmaven.syntax.SyntaxException;

/** Finds the resources a datafile refers to, as the Classic CLI does before it orders a push. */
final class DependencyScanner {

    /** Tinybird's service datasources: readable from any workspace, never pushed. */
    static final Set<String> SERVICE_DATASOURCES = Set.of("datasources_ops_log", "pipe_stats", "pipe_stats_rt",
            "block_log", "data_connectors_log", "kafka_ops_log", "datasources_storage", "endpoint_errors",
            "bi_stats_rt", "bi_stats");

    private DependencyScanner() {}

    /** The dependencies of {@code datafile}; SQL the scanner cannot read is reported to {@code problems}. */
    static List<Dependency> scan(Datafile datafile, Consumer<Diagnostic> problems) {
        Map<String, Dependency> found = new LinkedHashMap<>();
        Consumer<Dependency> add = dependency -> found.putIfAbsent(dependency.name() + "/" + dependency.kind(),
                dependency);
        if (datafile instanceof PipeFile pipe) {
            scanPipe(pipe, add, problems);
        } else if (datafile instanceof DatasourceFile datasource) {
            scanColumns(datasource, add, problems);
        } else if (datafile instanceof TokenFile token) {
            for (TokenScope scope : token.scopes()) {
                if (scope.resource() != null) {
                    add.accept(new Dependency(scope.resource(), DependencyKind.READS, scope.location()));
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static void scanPipe(PipeFile pipe, Consumer<Dependency> add, Consumer<Diagnostic> problems) {
        Set<String> nodeNames = new java.util.HashSet<>();
        pipe.nodes().forEach(node -> nodeNames.add(node.name()));
        for (Node node : pipe.nodes()) {
            Sql sql = node.sql();
            if (sql != null) {
                String text = sql.template() ? sql.templateSource() : sql.text();
                scanSql(text, sql.origin()::locate, nodeNames, add, problems, "node '" + node.name() + "'");
            }
            node.settings().values().forEach(setting -> {
                if (setting.key().equals("datasource") && node.materializedDatasource().isPresent()) {
                    add.accept(new Dependency(setting.value(), DependencyKind.MATERIALIZES, setting.location()));
                } else if (setting.key().equals("target_datasource")) {
                    add.accept(new Dependency(setting.value(), DependencyKind.COPIES, setting.location()));
                }
            });
        }
    }

    /** DEFAULT and MATERIALIZED expressions may read other datasources through joinGet or dictGet. */
    private static void scanColumns(DatasourceFile datasource, Consumer<Dependency> add,
                                    Consumer<Diagnostic> problems) {
        for (Column column : datasource.columns()) {
            if (column.defaultValue() == null) {
                continue;
            }
            String expression = column.defaultValue().replaceFirst("(?i)^(DEFAULT|MATERIALIZED)\\s+", "");
            Location at = datasource.schemaOrigin() == null ? datasource.location()
                    : datasource.schemaOrigin().start();
            scanSql("SELECT " + expression, (line, column1) -> at, Set.of(), add, problems,
                    "column '" + column.name() + "'");
        }
    }

    private interface Locator {
        Location locate(int line, int column);
    }

    private static void scanSql(String text, Locator locator, Set<String> localNames, Consumer<Dependency> add,
                                Consumer<Diagnostic> problems, String where) {
        List<TableReference> references;
        try {
            references = SqlTableScanner.scan(text);
        } catch (SyntaxException e) {
            problems.accept(Diagnostic.error(locator.locate(e.line(), e.column()), "SQL of " + where + ": "
                    + e.reason()));
            return;
        }
        for (TableReference reference : references) {
            String database = reference.database();
            if (database == null && localNames.contains(reference.name())) {
                continue;
            }
            if (database == null && SERVICE_DATASOURCES.contains(reference.name())
                    || "tinybird".equals(database == null ? null : database.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String name = database == null ? reference.name() : database + "." + reference.name();
            DependencyKind kind = switch (reference.kind()) {
                case JOIN_GET, DICT_GET -> DependencyKind.LOOKS_UP;
                default -> DependencyKind.READS;
            };
            add.accept(new Dependency(name, kind, locator.locate(reference.line(), reference.column())));
        }
    }
}
