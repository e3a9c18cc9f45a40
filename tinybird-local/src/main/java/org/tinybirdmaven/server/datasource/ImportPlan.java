package org.tinybirdmaven.server.datasource;

import static org.tinybirdmaven.server.ClickHouse.identifier;
import static org.tinybirdmaven.server.ClickHouse.string;

import java.util.ArrayList;
import java.util.List;
import org.tinybirdmaven.schema.Column;

/**
 * The SQL of one import. {@link #base()} is a {@code SELECT} over the uploaded file that yields, for every row, the
 * converted values ({@code __tb_v_<i>}), whether each value is present ({@code __tb_p_<i>}), whether the row has a
 * value that does not fit ({@code __tb_bad}) and whether the line is invalid ({@code __tb_invalid}: a CSV row with
 * more fields than expected). {@link #withErrors()} adds the quarantine's error lists ({@code __tb_errors},
 * {@code __tb_error_columns}) and the original texts ({@code __tb_q_<i>}). The importer runs them three times at
 * most: to count, to insert the good rows into the datasource and the bad ones into its quarantine. ClickHouse reads
 * the file itself; nothing passes through Java.
 *
 * <p>ClickHouse's analyzer spends time on every function of a query, including the unused ones of subqueries, so the
 * SQL is kept small per column: each column gets an error code ({@code __tb_c_<i>}: 0 fits, 1 missing, 2 null,
 * 3 wrong value) and the messages are made once per row by a single {@code arrayMap} lambda over the codes, only in
 * the quarantine query. The query is also built in stages, each a subquery that only refers to the columns of the
 * previous one: aliases chained inside one {@code SELECT} are copied at every use.
 *
 * <p>A value that is missing (a missing JSON key or {@code null}; an empty CSV field for a non-string column) takes
 * the column's DEFAULT expression, else NULL for a Nullable column; otherwise the row is quarantined. A non-nullable
 * CSV string column without DEFAULT takes an empty or missing field as the empty string. The DEFAULT expression is
 * evaluated in the {@code SELECT} that feeds the insert, where every column value is aliased with its column name, so
 * expressions that refer to other columns ({@code DEFAULT toDate(ts)}) see the inserted values, as in ClickHouse.
 *
 * @param base              the rows with their values and whether they fit
 * @param withErrors        {@code base} plus the quarantine's columns
 * @param insertColumns     target columns, quoted
 * @param insertValues      their values, evaluated over {@code base}
 * @param quarantineColumns quarantine columns (datasource columns as Nullable(String)), quoted
 * @param quarantineValues  their values over {@code withErrors}: the text the file had
 */
record ImportPlan(String base, String withErrors, List<String> insertColumns, List<String> insertValues,
                  List<String> quarantineColumns, List<String> quarantineValues, String settings) {

    /**
     * Settings every import query needs: {@code Variant(String, T)} parsing of enums, UUIDs and fixed strings; room
     * for the SQL of wide schemas (ClickHouse honours a query's own {@code max_query_size}); and the previous query
     * analyzer, because the current one resolves the columns of a subquery in time quadratic in their number (120
     * columns took seconds to analyze, 300 minutes) while the previous one is linear. The previous analyzer's
     * predicate push-down copies {@code WHERE NOT __tb_bad} into the stacked subqueries with every alias expanded,
     * so each value was converted twice or more: without it the insert of an 80,000-line NDJSON file took 1 s
     * instead of 4 (benchmarks P3).
     */
    private static final String COMMON_SETTINGS = "allow_suspicious_variant_types = 1, max_query_size = 268435456,"
            + " max_ast_elements = 10000000, max_expanded_ast_elements = 10000000, enable_analyzer = 0,"
            + " enable_optimize_predicate_expression = 0";

    private static final int MISSING = 1;
    private static final int NULL = 2;
    private static final int WRONG = 3;

    /** Tinybird's CSV quarantine message ({@code value 'x' on column 'c' is not T}) for code {@code c}. */
    private static final String CSV_MESSAGE = "(c, t, n, ty) -> if(c = 0, '', concat('value ''', t, ''' on column"
            + " ''', n, ''' is not ', ty))";

    /** Tinybird's NDJSON quarantine messages, from the code, the value's text and JSON type, and the column. */
    private static final String JSON_MESSAGE = "(c, t, n, ty, d, j, p) -> multiIf(c = 0, '', c = " + MISSING
            + ", concat('Strict type checking failed. Object does not have column ''', n, ''', you should send a value"
            + " or recreate the table with a Nullable column type. While accessing jsonpath ''', p, ''''), c = " + NULL
            + ", concat('Strict type checking failed. Null value not allowed on column ''', n, '''. While accessing"
            + " jsonpath ''', p, ''''), d, concat('Error DateTime parser failed. While processing column ''', n, '''"
            + " with jsonpath ''', p, ''''), concat('Strict type checking failed. Value ', t, ' on column ''', n,"
            + " ''' is a ', multiIf(j = 'String', 'str', j IN ('Int64', 'UInt64'), 'int', j = 'Double', 'float',"
            + " j = 'Bool', 'bool', j = 'Array', 'list', j = 'Object', 'dict', 'NoneType'), ' when a ', ty,"
            + " ' was expected. While accessing jsonpath ''', p, ''''))";

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
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            structure.add("__tb_f" + i + " Nullable(String)");
            raw.add("__tb_f" + i);
        }
        raw.add("__tb_f" + (fields - 1) + " IS NOT NULL AS __tb_invalid");
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
            boolean absentOk = type.nullable() || hasDefault;
            String code = "if(" + present + ", if(" + conversion.ok() + ", 0, " + WRONG + "), " + (absentOk ? 0
                    : MISSING) + ")";
            builder.column(i, column, present, conversion.value(), code, text, "ifNull(" + text + ", '')", null,
                    false);
        }
        String source = "file(" + string(upload.file().toString()) + ", 'CSV', " + string(String.join(", ",
                structure)) + ", " + string(upload.compression()) + ")";
        String settings = COMMON_SETTINGS + ", input_format_csv_allow_variable_number_of_columns = 1, "
                + "input_format_csv_empty_as_default = 0, input_format_csv_detect_header = 0, "
                + "input_format_csv_skip_first_lines = " + (header == null ? 0 : 1) + ", format_csv_delimiter = "
                + string(String.valueOf(dialect.delimiter()));
        // ClickHouse reads a blank line as a row of NULLs; Tinybird skips blank lines.
        return builder.plan("SELECT " + String.join(", ", raw) + " FROM " + source + " WHERE NOT (__tb_f0 IS NULL AND"
                + " __tb_f1 IS NULL)", null, settings);
    }

    /**
     * An NDJSON import, or a Parquet one: Parquet rows are turned into JSON lines by ClickHouse
     * ({@code formatRowNoNewline('JSONEachRow', *)}) so that jsonpaths apply to both alike. A line that is not a JSON
     * object is quarantined whole, with Tinybird's message.
     */
    static ImportPlan json(Upload upload, List<Column> columns, boolean parquet) {
        String lines = parquet
                ? "SELECT formatRowNoNewline('JSONEachRow', *) AS __tb_line FROM file(" + string(upload.file()
                        .toString()) + ", 'Parquet')"
                : "SELECT __tb_line FROM file(" + string(upload.file().toString()) + ", 'LineAsString', "
                        + "'__tb_line String', " + string(upload.compression()) + ") WHERE notEmpty(trimBoth(__tb_line))";
        Builder builder = new Builder();
        List<String> raw = new ArrayList<>(List.of("__tb_line",
                "(isValidJSON(__tb_line) AND JSONType(__tb_line) = 'Object') AS __tb_json", "0 AS __tb_invalid"));
        List<String> typed = new ArrayList<>();
        int i = 0;
        for (Column column : insertable(columns)) {
            if (column.jsonpath() == null) {
                continue;
            }
            JsonPath path = JsonPath.parse(column.jsonpath());
            ColumnType type = ColumnType.of(column);
            String value = "__tb_r_" + i;
            String jsonType = "__tb_j_" + i;
            String text = "__tb_s_" + i;
            raw.add((path.keys().isEmpty() ? "__tb_line"
                    : "JSONExtractRaw(__tb_line, " + ValueSql.keys(path.keys()) + ")") + " AS " + value);
            typed.add("JSONType(" + value + ") AS " + jsonType);
            typed.add(ValueSql.text(value) + " AS " + text);
            ValueSql.Conversion conversion = ValueSql.fromJson(value, jsonType, text, type, path.elementKeys(), 0);
            String present = value + " NOT IN ('', 'null')";
            String absent = type.nullable() || column.defaultValue() != null ? "0"
                    : "if(" + value + " = '', " + MISSING + ", " + NULL + ")";
            String code = "if(" + present + ", if(" + conversion.ok() + ", 0, " + WRONG + "), " + absent + ")";
            builder.column(i, column, present, conversion.value(), code, "if(" + present + ", " + text + ", NULL)",
                    text, column.jsonpath(), type.kind() == ColumnType.Kind.DATE);
            i++;
        }
        String values = "SELECT " + String.join(", ", raw) + " FROM (" + lines + ")";
        if (!typed.isEmpty()) {
            values = "SELECT *, " + String.join(", ", typed) + " FROM (" + values + ")";
        }
        return builder.plan(values, "__tb_json", COMMON_SETTINGS);
    }

    /** Columns an insert can set: MATERIALIZED ones are always computed. */
    static List<Column> insertable(List<Column> columns) {
        return columns.stream().filter(column -> column.defaultValue() == null
                || !column.defaultValue().startsWith("MATERIALIZED")).toList();
    }

    /** Collects the per-column expressions of a plan. */
    private static final class Builder {
        private final List<String> conversions = new ArrayList<>();
        private final List<String> quarantineTexts = new ArrayList<>();
        private final List<String> codes = new ArrayList<>();
        private final List<String> messageTexts = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<String> types = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();
        private final List<String> dates = new ArrayList<>();
        private final List<String> jsonTypes = new ArrayList<>();
        private final List<String> insertColumns = new ArrayList<>();
        private final List<String> insertValues = new ArrayList<>();
        private final List<String> quarantineColumns = new ArrayList<>();
        private final List<String> quarantineValues = new ArrayList<>();

        /**
         * @param present        whether the value is there (over the previous stage's columns)
         * @param value          the converted value
         * @param code           the column's error code
         * @param quarantineText what the quarantine keeps of the value
         * @param messageText    the value as error messages quote it
         * @param jsonpath       NDJSON only: the column's jsonpath; null for CSV
         * @param date           whether wrong values get Tinybird's date parsing message (NDJSON dates)
         */
        void column(int i, Column column, String present, String value, String code, String quarantineText,
                    String messageText, String jsonpath, boolean date) {
            conversions.add(present + " AS __tb_p_" + i);
            conversions.add(value + " AS __tb_v_" + i);
            conversions.add(code + " AS __tb_c_" + i);
            quarantineTexts.add(quarantineText + " AS __tb_q_" + i);
            codes.add("__tb_c_" + i);
            messageTexts.add(messageText);
            names.add(string(column.name()));
            types.add(string(column.fullType()));
            if (jsonpath != null) {
                dates.add(date ? "1" : "0");
                paths.add(string(jsonpath));
                jsonTypes.add("__tb_j_" + i);
            }
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
            quarantineValues.add("__tb_q_" + i);
        }

        /**
         * Stacks the conversion stage, the row's verdict and (for the quarantine) its error lists over
         * {@code values}.
         *
         * @param valid an expression saying whether the line itself could be read (NDJSON), or null (CSV, whose
         *              reader fails the whole file on an unreadable line)
         */
        ImportPlan plan(String values, String valid, String settings) {
            String converted = conversions.isEmpty() ? values
                    : "SELECT *, " + String.join(", ", conversions) + " FROM (" + values + ")";
            String codeArray = array(codes, "UInt8");
            String bad = "arrayExists(c -> c != 0, " + codeArray + ")";
            if (valid != null) {
                bad = "(NOT " + valid + " OR " + bad + ")";
            }
            String base = "SELECT *, " + bad + " AS __tb_bad FROM (" + converted + ")";

            String names = array(this.names, "String");
            List<String> arguments = new ArrayList<>(List.of(codeArray, array(messageTexts, "String"), names,
                    array(types, "String")));
            String lambda = CSV_MESSAGE;
            if (valid != null) {
                arguments.addAll(List.of(array(dates, "UInt8"), array(jsonTypes, "String"), array(paths, "String")));
                lambda = JSON_MESSAGE;
            }
            String errorList = "arrayFilter(x -> x != '', arrayMap(" + lambda + ", " + String.join(", ", arguments)
                    + "))";
            String columnList = "arrayFilter((n, c) -> c != 0, " + names + ", " + codeArray + ")";
            if (valid != null) {
                errorList = "if(" + valid + ", " + errorList + ", [concat('Line is not a valid JSON: ''', "
                        + "replaceAll(__tb_line, '\\n', ''), '''')])";
                columnList = "if(" + valid + ", " + columnList + ", [''])";
            }
            List<String> quarantine = new ArrayList<>(quarantineTexts);
            quarantine.add(errorList + " AS __tb_errors");
            quarantine.add(columnList + " AS __tb_error_columns");
            String withErrors = "SELECT *, " + String.join(", ", quarantine) + " FROM (" + base + ")";
            return new ImportPlan(base, withErrors, insertColumns, insertValues, quarantineColumns, quarantineValues,
                    settings);
        }

        private static String array(List<String> items, String type) {
            return "CAST([" + String.join(", ", items) + "] AS Array(" + type + "))";
        }
    }
}
