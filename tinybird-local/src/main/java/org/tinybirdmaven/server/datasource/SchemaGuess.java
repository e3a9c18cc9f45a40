package org.tinybirdmaven.server.datasource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.DataType;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.Json;

/**
 * Guesses the schema of a datasource created from its first data.
 *
 * <p>CSV: ClickHouse's own schema inference ({@code DESCRIBE file(...)}), which detects a header row; a column is
 * Nullable only when the sample has empty values. Without a header the columns are named {@code column_00},
 * {@code column_01}, ...
 *
 * <p>NDJSON (Events API auto-creation): the first {@value #SAMPLE_LINES} lines are read and every leaf of the JSON
 * objects becomes a column named after its path ({@code user.id} → {@code user_id}) with the jsonpath
 * {@code $.user.id}; arrays of scalars become {@code Array(T)} columns with a {@code [:]} path, other arrays and
 * empty objects {@code String} columns holding their JSON. Types: {@code Int64}, {@code Float64}, {@code Bool},
 * {@code Date}, {@code DateTime} and {@code DateTime64(3)} for ISO-like strings, otherwise {@code String}; a column
 * missing or null in some sampled row is Nullable (arrays get {@code DEFAULT []} instead).
 */
final class SchemaGuess {

    static final int SAMPLE_LINES = 1000;
    private static final Pattern GENERATED_NAME = Pattern.compile("c\\d+");
    private static final Pattern DATE_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATETIME_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}Z?");
    private static final Pattern DATETIME64_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}\\.\\d+Z?");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_\\-]+");

    private SchemaGuess() {}

    /** The columns ClickHouse infers for a CSV upload. */
    static List<Column> csv(Datasources datasources, Upload upload, char delimiter) {
        JsonNode rows;
        try {
            rows = datasources.queryJsonOrThrow("DESCRIBE file(" + ClickHouse.string(upload.file().toString())
                    + ", 'CSV', 'auto', " + ClickHouse.string(upload.compression()) + ") SETTINGS "
                    + "format_csv_delimiter = " + ClickHouse.string(String.valueOf(delimiter))
                    + ", schema_inference_make_columns_nullable = 'auto', input_format_csv_detect_header = 1");
        } catch (ChdbException e) {
            throw ApiException.badRequest("Could not guess the schema of the CSV file: " + e.getMessage());
        }
        boolean generatedNames = true;
        for (JsonNode row : rows) {
            generatedNames &= GENERATED_NAME.matcher(row.get("name").asText()).matches();
        }
        List<Column> columns = new ArrayList<>();
        int index = 0;
        for (JsonNode row : rows) {
            String name = generatedNames ? String.format("column_%02d", index) : row.get("name").asText();
            DataType type = DataType.parse(row.get("type").asText());
            boolean nullable = type.family().equals("Nullable");
            columns.add(new Column(name, nullable ? type.typeArguments().get(0).toString() : type.toString(),
                    nullable, null, null, null));
            index++;
        }
        return columns;
    }

    /**
     * The columns of an NDJSON upload, from its first lines.
     *
     * @throws ApiException 400 when no line is a JSON object
     */
    static List<Column> ndjson(Upload upload) {
        Map<String, Leaf> leaves = new LinkedHashMap<>();
        int objects = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(upload.open(),
                StandardCharsets.UTF_8))) {
            String line;
            for (int read = 0; read < SAMPLE_LINES && (line = reader.readLine()) != null; read++) {
                JsonNode node = parse(line);
                if (node != null && node.isObject()) {
                    objects++;
                    Set<String> seen = new HashSet<>();
                    visit(node, List.of(), leaves, seen, objects > 1);
                    leaves.forEach((path, leaf) -> {
                        if (!seen.contains(path)) {
                            leaf.missing = true;
                        }
                    });
                }
            }
        } catch (IOException e) {
            // A damaged gzip stream, typically.
            throw ApiException.badRequest("Could not read the uploaded file: " + e.getMessage());
        }
        if (objects == 0 || leaves.isEmpty()) {
            throw ApiException.badRequest("Analysis error, invalid data. We could not infer the schema, please create"
                    + " the datasource manually and try again or contact us at support@tinybird.co.");
        }
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Leaf leaf : leaves.values()) {
            String name = uniqueName(leaf.name(), names);
            if (leaf.array) {
                String element = leaf.kind.type();
                columns.add(new Column(name, "Array(" + (leaf.nullElements ? "Nullable(" + element + ")" : element)
                        + ")", false, leaf.jsonpath(), leaf.missing ? "DEFAULT []" : null, null));
            } else {
                columns.add(new Column(name, leaf.kind.type(), leaf.missing || leaf.kind == Kind.NULL, leaf.jsonpath(),
                        null, null));
            }
        }
        return columns;
    }

    private static JsonNode parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** @param late whether earlier objects were sampled, which lacked any leaf first seen now */
    private static void visit(JsonNode object, List<String> path, Map<String, Leaf> leaves, Set<String> seen,
                              boolean late) {
        object.fields().forEachRemaining(field -> {
            if (field.getKey().contains("'")) {
                return; // a key with a quote cannot be written in a jsonpath
            }
            List<String> keys = new ArrayList<>(path);
            keys.add(field.getKey());
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                visit(value, keys, leaves, seen, late);
                return;
            }
            Leaf leaf = leaves.computeIfAbsent(String.join("\u0000", keys), k -> new Leaf(keys, late));
            seen.add(String.join("\u0000", keys));
            leaf.add(value);
        });
    }

    private static String uniqueName(String base, Set<String> names) {
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** What a leaf's values were, from most to least specific; mixing kinds falls back to {@link #STRING}. */
    private enum Kind {
        NULL("String"), BOOL("Bool"), INT("Int64"), FLOAT("Float64"), DATE("Date"), DATETIME("DateTime"),
        DATETIME64("DateTime64(3)"), STRING("String");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        String type() {
            return type;
        }

        static Kind of(JsonNode value) {
            if (value.isNull()) {
                return NULL;
            }
            if (value.isBoolean()) {
                return BOOL;
            }
            if (value.isIntegralNumber()) {
                return value.canConvertToLong() ? INT : FLOAT;
            }
            if (value.isNumber()) {
                return FLOAT;
            }
            if (value.isTextual()) {
                String text = value.asText();
                if (DATETIME64_TEXT.matcher(text).matches()) {
                    return DATETIME64;
                }
                if (DATETIME_TEXT.matcher(text).matches()) {
                    return DATETIME;
                }
                return DATE_TEXT.matcher(text).matches() ? DATE : STRING;
            }
            return STRING;
        }

        Kind merge(Kind other) {
            if (this == other || other == NULL) {
                return this;
            }
            if (this == NULL) {
                return other;
            }
            if ((this == INT && other == FLOAT) || (this == FLOAT && other == INT)) {
                return FLOAT;
            }
            if ((this == DATETIME && other == DATETIME64) || (this == DATETIME64 && other == DATETIME)) {
                return DATETIME64;
            }
            return STRING;
        }
    }

    /** One path of the sampled objects. */
    private static final class Leaf {
        private final List<String> keys;
        private Kind kind = Kind.NULL;
        private boolean array;
        private boolean nullElements;
        private boolean missing;
        /** Seen as an array of objects or arrays, or mixed with non-arrays: kept as JSON text. */
        private boolean raw;

        Leaf(List<String> keys, boolean missing) {
            this.keys = List.copyOf(keys);
            this.missing = missing;
        }

        void add(JsonNode value) {
            if (value.isNull()) {
                missing = true;
                return;
            }
            boolean isArray = value.isArray();
            if (kind != Kind.NULL || array) {
                raw |= isArray != array;
            }
            if (isArray) {
                array = true;
                for (JsonNode element : value) {
                    if (element.isContainerNode()) {
                        raw = true;
                    } else if (element.isNull()) {
                        nullElements = true;
                    } else {
                        kind = kind.merge(Kind.of(element));
                    }
                }
            } else {
                kind = kind.merge(value.isContainerNode() ? Kind.STRING : Kind.of(value));
            }
            if (raw) {
                array = false;
                kind = Kind.STRING;
            }
        }

        String name() {
            String name = String.join("_", keys).replaceAll("[^A-Za-z0-9_]", "_");
            return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "c_" + name : name;
        }

        String jsonpath() {
            StringBuilder path = new StringBuilder("$");
            for (String key : keys) {
                path.append(PLAIN_KEY.matcher(key).matches() ? "." + key : ".['" + key + "']");
            }
            return array ? path.append("[:]").toString() : path.toString();
        }
    }
}
