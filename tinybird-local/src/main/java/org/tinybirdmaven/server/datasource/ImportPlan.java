package org.tinybirdmaven.server.datasource;

import static org.tinybirdmaven.server.ClickHouse.identifier;
import static org.tinybirdmaven.server.ClickHouse.string;

import java.util.ArrayList;
import java.util.List;
import org.tinybirdmaven.schema.Column;

/**
 * The SQL of one import: a {@code SELECT} over the uploaded file ({@link #base()}) that yields, for every row, the
 * converted values ({@code __tb_v_<i>}), whether each value is present ({@code __tb_p_<i>}), the row's errors
 * ({@code __tb_errors}, {@code __tb_error_columns}) and whether the line is invalid ({@code __tb_invalid}: a CSV row
 * with more fields than expected). The importer runs it three times at most: to count, to insert the good rows into
 * the datasource and the bad ones into its quarantine. ClickHouse reads the file itself; nothing passes through Java.
 *
 * <p>A value that is missing (a missing JSON key or {@code null}; an empty CSV field for a non-string column) takes
 * the column's DEFAULT expression, else NULL for a Nullable column; otherwise the row is quarantined. A
 * non-nullable CSV string column without DEFAULT takes an empty or missing field as the empty string. The DEFAULT expression is evaluated in the
 * {@code SELECT} that feeds the insert, where every column value is aliased with its column name, so expressions
 * that refer to other columns ({@code DEFAULT toDate(ts)}) see the inserted values, as in ClickHouse.
 *
 * @param insertColumns     target columns, quoted
 * @param insertValues      their values, evaluated over {@link #base()}
 * @param quarantineColumns quarantine columns (datasource columns as Nullable(String)), quoted
 * @param quarantineValues  their values: the text the file had
 */
record ImportPlan(String base, List<String> insertColumns, List<String> insertValues, List<String> quarantineColumns,
                  List<String> quarantineValues, String settings) {

    /** Settings every import query needs: {@code Variant(String, T)} parsing of enums, UUIDs and fixed strings. */
    private static final String COMMON_SETTINGS = "allow_suspicious_variant_types = 1";

    /**
     * A CSV import.
     *
     * @param columns the datasource's columns
     * @param dialect delimiter and, when the file has one, its header
     */
    static ImportPlan csv(Upload upload, List<Column> columns, CsvDialect dialect) {
        List<Column> insertable = insertable(columns);
        List<String> header = dialect.header();
        int fields = (header == null ? insertable.size() : header.size()) + 1;
        List<String> structure = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            structure.add("__tb_f" + i + " Nullable(String)");
            select.add("__tb_f" + i);
        }
        Builder builder = new Builder();
        for (int i = 0; i < insertable.size(); i++) {
            Column column = insertable.get(i);
            int field = header == null ? i : header.indexOf(column.name());
            String text = field < 0 ? "CAST(NULL AS Nullable(String))" : "__tb_f" + field;
            ColumnType type = ColumnType.of(column);
            boolean hasDefault = column.defaultValue() != null;
            // A non-nullable string column without DEFAULT has no "missing": an absent field is the empty string.
            boolean alwaysPresent = type.emptyIsValue() && !type.nullable() && !hasDefault;
            String present = alwaysPresent ? "1" : "(" + text + " IS NOT NULL AND " + text + " != '')";
            ValueSql.Conversion conversion = ValueSql.fromText("ifNull(" + text + ", '')", type);
            String message = "concat(" + string("value '") + ", ifNull(" + text + ", ''), "
                    + string("' on column '" + column.name() + "' is not " + column.fullType()) + ")";
            boolean absentOk = type.nullable() || hasDefault;
            String error = "if(__tb_p_" + i + ", if(" + conversion.ok() + ", '', " + message + "), "
                    + (absentOk ? "''" : message) + ")";
            builder.column(i, column, present, conversion.value(), error, text);
        }
        select.add("__tb_f" + (fields - 1) + " IS NOT NULL AS __tb_invalid");
        select.addAll(builder.select);
        select.add(builder.errors("1"));
        String source = "file(" + string(upload.file().toString()) + ", 'CSV', " + string(String.join(", ",
                structure)) + ", " + string(upload.compression()) + ")";
        String settings = COMMON_SETTINGS + ", input_format_csv_allow_variable_number_of_columns = 1, "
                + "input_format_csv_empty_as_default = 0, input_format_csv_detect_header = 0, "
                + "input_format_csv_skip_first_lines = " + (header == null ? 0 : 1) + ", format_csv_delimiter = "
                + string(String.valueOf(dialect.delimiter()));
        return builder.plan("SELECT " + String.join(", ", select) + " FROM " + source, settings);
    }

    /**
     * An NDJSON import, or a Parquet one: Parquet rows are turned into JSON lines by ClickHouse
     * ({@code formatRowNoNewline('JSONEachRow', *)}) so that jsonpaths apply to both alike.
     */
    static ImportPlan json(Upload upload, List<Column> columns, boolean parquet) {
        String lines = parquet
                ? "SELECT formatRowNoNewline('JSONEachRow', *) AS __tb_line FROM file(" + string(upload.file()
                        .toString()) + ", 'Parquet')"
                : "SELECT __tb_line FROM file(" + string(upload.file().toString()) + ", 'LineAsString', "
                        + "'__tb_line String', " + string(upload.compression()) + ") WHERE notEmpty(trimBoth(__tb_line))";
        Builder builder = new Builder();
        List<String> select = new ArrayList<>(List.of("__tb_line",
                "(isValidJSON(__tb_line) AND JSONType(__tb_line) = 'Object') AS __tb_json", "0 AS __tb_invalid"));
        int i = 0;
        for (Column column : insertable(columns)) {
            if (column.jsonpath() == null) {
                continue;
            }
            JsonPath path = JsonPath.parse(column.jsonpath());
            ColumnType type = ColumnType.of(column);
            String raw = "__tb_r_" + i;
            select.add((path.keys().isEmpty() ? "__tb_line"
                    : "JSONExtractRaw(__tb_line, " + ValueSql.keys(path.keys()) + ")") + " AS " + raw);
            ValueSql.Conversion conversion = ValueSql.fromJson(raw, type, path.elementKeys(), 0);
            String where = " While accessing jsonpath '" + column.jsonpath() + "'";
            String typeError = type.kind() == ColumnType.Kind.DATE
                    ? string("Error DateTime parser failed. While processing column '" + column.name()
                            + "' with jsonpath '" + column.jsonpath() + "'")
                    : "concat('Strict type checking failed. Value ', " + ValueSql.text(raw) + ", "
                            + string(" on column '" + column.name() + "' is a ") + ", " + ValueSql.pythonTypeName(raw)
                            + ", " + string(" when a " + column.fullType() + " was expected." + where) + ")";
            String absentError = type.nullable() || column.defaultValue() != null ? "''"
                    : "if(" + raw + " = '', " + string("Strict type checking failed. Object does not have column '"
                            + column.name() + "', you should send a value or recreate the table with a Nullable"
                            + " column type." + where) + ", " + string("Strict type checking failed. Null value not"
                            + " allowed on column '" + column.name() + "'." + where) + ")";
            String error = "if(__tb_p_" + i + ", if(" + conversion.ok() + ", '', " + typeError + "), " + absentError
                    + ")";
            builder.column(i, column, raw + " NOT IN ('', 'null')", conversion.value(), error,
                    "if(__tb_p_" + i + ", " + ValueSql.text(raw) + ", NULL)");
            i++;
        }
        select.addAll(builder.select);
        select.add(builder.errors("__tb_json"));
        return builder.plan("SELECT " + String.join(", ", select) + " FROM (" + lines + ")", COMMON_SETTINGS);
    }

    /** Columns an insert can set: MATERIALIZED ones are always computed. */
    static List<Column> insertable(List<Column> columns) {
        return columns.stream().filter(column -> column.defaultValue() == null
                || !column.defaultValue().startsWith("MATERIALIZED")).toList();
    }

    /** Collects the per-column expressions of a plan. */
    private static final class Builder {
        private final List<String> select = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private final List<String> errorColumns = new ArrayList<>();
        private final List<String> insertColumns = new ArrayList<>();
        private final List<String> insertValues = new ArrayList<>();
        private final List<String> quarantineColumns = new ArrayList<>();
        private final List<String> quarantineValues = new ArrayList<>();

        void column(int i, Column column, String present, String value, String error, String quarantineText) {
            select.add(present + " AS __tb_p_" + i);
            select.add(value + " AS __tb_v_" + i);
            select.add(error + " AS __tb_e_" + i);
            errors.add("__tb_e_" + i);
            errorColumns.add(string(column.name()));
            insertColumns.add(identifier(column.name()));
            String converted = "__tb_v_" + i;
            if (column.defaultValue() != null) {
                String expression = column.defaultValue().substring("DEFAULT".length()).strip();
                converted = "if(__tb_p_" + i + ", __tb_v_" + i + ", " + expression + ")";
            } else if (ColumnType.of(column).nullable()) {
                converted = "if(__tb_p_" + i + ", __tb_v_" + i + ", NULL)";
            }
            insertValues.add(converted);
            quarantineColumns.add(identifier(column.name()));
            quarantineValues.add(quarantineText);
        }

        /** The row's error list; {@code valid} false means the line itself could not be read (invalid JSON). */
        String errors(String valid) {
            String messages = array(errors);
            String names = array(errorColumns);
            if (valid.equals("1")) {
                return "arrayFilter(x -> x != '', " + messages + ") AS __tb_errors, arrayFilter((c, e) -> e != '', "
                        + names + ", " + messages + ") AS __tb_error_columns";
            }
            return "if(" + valid + ", arrayFilter(x -> x != '', " + messages + "), [concat('Line is not a valid"
                    + " JSON: ''', replaceAll(__tb_line, '\\n', ''), '''')]) AS __tb_errors, if(" + valid
                    + ", arrayFilter((c, e) -> e != '', " + names + ", " + messages + "), ['']) AS __tb_error_columns";
        }

        ImportPlan plan(String base, String settings) {
            return new ImportPlan(base, insertColumns, insertValues, quarantineColumns, quarantineValues, settings);
        }

        private static String array(List<String> items) {
            return "CAST([" + String.join(", ", items) + "] AS Array(String))";
        }
    }
}
