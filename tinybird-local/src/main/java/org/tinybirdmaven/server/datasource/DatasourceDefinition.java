package org.tinybirdmaven.server.datasource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.Engine;
import org.tinybirdmaven.schema.EngineException;
import org.tinybirdmaven.schema.Index;
import org.tinybirdmaven.schema.IndexesParser;
import org.tinybirdmaven.schema.SchemaParser;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.syntax.SyntaxException;

/**
 * What a datasource is made of, validated with the datafile grammar of tinybird-core: columns (with jsonpaths,
 * defaults and codecs), engine and data-skipping indexes. Builds the ClickHouse {@code CREATE TABLE}; jsonpaths are
 * ingestion metadata and never reach ClickHouse.
 *
 * @param format {@code csv}, or {@code ndjson} for datasources whose columns are read by jsonpath (also Parquet)
 */
public record DatasourceDefinition(String name, String description, List<Column> columns, Engine engine,
                                   List<Index> indexes, String format) {

    public static final String CSV = "csv";
    public static final String NDJSON = "ndjson";

    public DatasourceDefinition {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    /**
     * Parses and validates a definition sent to the API.
     *
     * @param engineSettings the {@code engine_*} parameters in request order, keyed by suffix
     * @param format         {@code csv}, {@code ndjson} or {@code parquet}
     * @throws ApiException 400 describing the first problem
     */
    public static DatasourceDefinition parse(String name, String description, String schema, String engineName,
                                             List<Map.Entry<String, String>> engineSettings, String indexes,
                                             String format) {
        return of(name, description, parseSchema(schema), engineName, engineSettings, indexes, format);
    }

    /** A definition for columns that are already parsed (guessed from a file); validated like {@link #parse}. */
    public static DatasourceDefinition of(String name, String description, List<Column> columns, String engineName,
                                          List<Map.Entry<String, String>> engineSettings, String indexes,
                                          String format) {
        Engine engine = parseEngine(engineName, engineSettings, columns);
        boolean json = !format.equals(CSV);
        if (json) {
            checkJsonColumns(columns);
        }
        return new DatasourceDefinition(name, description == null ? "" : description, columns, engine,
                parseIndexes(indexes), json ? NDJSON : CSV);
    }

    /** The definition a stored datasource was created from. */
    public static DatasourceDefinition of(DatasourceRecord record) {
        List<Map.Entry<String, String>> settings = new ArrayList<>(record.engineSettings().entrySet());
        return new DatasourceDefinition(record.name(), record.description(), SchemaParser.parse(record.schema()),
                Engine.of(record.engine(), settings), parseIndexes(record.indexes()), record.format());
    }

    /** The columns in Tinybird's schema syntax, as stored and as {@code schema} is sent. */
    public String schema() {
        return schemaOf(columns);
    }

    static String schemaOf(List<Column> columns) {
        return columns.stream().map(Column::toSql).collect(Collectors.joining(", "));
    }

    /** The indexes as the API takes them: one {@code INDEX name expr TYPE t [GRANULARITY n]} per line. */
    public String indexesText() {
        return indexes.stream().map(Index::toSql).collect(Collectors.joining("\n"));
    }

    /** {@code CREATE TABLE db.table (columns, indexes) ENGINE = ...}. */
    public String createTableSql(String database, String table) {
        List<String> elements = new ArrayList<>();
        columns.forEach(column -> elements.add(columnSql(column)));
        indexes.forEach(index -> elements.add(index.toSql()));
        return "CREATE TABLE " + ClickHouse.table(database, table) + " (" + String.join(", ", elements)
                + ") ENGINE = " + engine.toSql();
    }

    /** A ClickHouse column definition: name, type, DEFAULT/MATERIALIZED and CODEC (no jsonpath). */
    static String columnSql(Column column) {
        StringBuilder sql = new StringBuilder(ClickHouse.identifier(column.name()));
        if (column.type() != null) {
            sql.append(' ').append(column.fullType());
        }
        if (column.defaultValue() != null) {
            sql.append(' ').append(column.defaultValue());
        }
        if (column.codec() != null) {
            sql.append(' ').append(column.codec());
        }
        return sql.toString();
    }

    static List<Column> parseSchema(String schema) {
        List<Column> columns;
        try {
            columns = SchemaParser.parse(schema);
        } catch (SyntaxException e) {
            throw ApiException.badRequest("Invalid schema: " + e.reason() + " (line " + e.line() + ", column "
                    + e.column() + ")");
        }
        if (columns.isEmpty()) {
            throw ApiException.badRequest("Invalid schema: it has no columns");
        }
        return columns;
    }

    static List<Index> parseIndexes(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return IndexesParser.parse(text);
        } catch (SyntaxException e) {
            throw ApiException.badRequest("Invalid indexes: " + e.reason() + " (line " + e.line() + ", column "
                    + e.column() + ")");
        }
    }

    private static Engine parseEngine(String name, List<Map.Entry<String, String>> settings, List<Column> columns) {
        try {
            Engine engine = Engine.of(name, settings);
            engine.validate(columns);
            return engine;
        } catch (EngineException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * Checks that NDJSON/Parquet columns can be read: every column either has a valid jsonpath or gets its value
     * from a DEFAULT/MATERIALIZED expression, paths with {@code [:]} go to array columns and types are readable.
     */
    static void checkJsonColumns(List<Column> columns) {
        for (Column column : columns) {
            if (column.jsonpath() == null) {
                if (column.defaultValue() == null && !column.nullable()) {
                    throw ApiException.badRequest("mode=create with format=ndjson or format=parquet requires to set"
                            + " jsonpaths on the schema");
                }
                continue;
            }
            JsonPath path;
            try {
                path = JsonPath.parse(column.jsonpath());
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                throw ApiException.badRequest("Schema error. " + message + (message.endsWith(".") ? "" : "."));
            }
            if (column.defaultValue() != null && column.defaultValue().startsWith("MATERIALIZED")) {
                throw ApiException.badRequest("Schema error. Column '" + column.name()
                        + "' is MATERIALIZED and cannot have a jsonpath.");
            }
            ColumnType type = ColumnType.of(column);
            if (!ValueSql.supportsJson(type)) {
                throw ApiException.badRequest("Unsupported type: " + column.fullType());
            }
            if (path.array() && type.kind() != ColumnType.Kind.ARRAY) {
                throw ApiException.badRequest("Schema error. The jsonpath '" + column.jsonpath() + "' of column '"
                        + column.name() + "' reads an array, but the column type " + column.fullType()
                        + " is not an Array.");
            }
        }
    }
}
