package org.tinybirdmaven.schema;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table engine of a datasource ({@code ENGINE} plus its {@code ENGINE_*} settings), validated and rendered as
 * the ClickHouse engine clause.
 *
 * <p>Rendering: {@code <Engine>(<params>) [PARTITION BY p] [ORDER BY s] [PRIMARY KEY pk] [SAMPLE BY sk] [TTL ttl]
 * [SETTINGS settings]}. Key values are inserted verbatim; a key with a top-level comma ({@code date, id}) is wrapped
 * in one pair of parentheses, any other key ({@code toYYYYMM(date)}, {@code tuple()}, {@code (a, b)}) is left
 * alone, so there are never double parentheses. TTL and SETTINGS are lists in ClickHouse and are never wrapped. The
 * engine parameters are {@code ReplacingMergeTree(ver[, is_deleted])}, {@code CollapsingMergeTree(sign)},
 * {@code VersionedCollapsingMergeTree(sign, version)}, {@code SummingMergeTree(column)} or
 * {@code SummingMergeTree((a, b))}, {@code Join(STRICTNESS, TYPE, key, ...)}; MergeTree engines without a sorting
 * key get {@code ORDER BY tuple()}, which ClickHouse requires.
 */
public final class Engine {

    /** Settings of every MergeTree engine. */
    private static final List<String> MERGE_TREE_SETTINGS = List.of(
            "partition_key", "sorting_key", "primary_key", "sampling_key", "ttl", "settings");

    private enum Type {
        MERGE_TREE("MergeTree", false, MERGE_TREE_SETTINGS),
        REPLACING("ReplacingMergeTree", true, MERGE_TREE_SETTINGS, "ver", "is_deleted"),
        SUMMING("SummingMergeTree", false, MERGE_TREE_SETTINGS, "columns"),
        AGGREGATING("AggregatingMergeTree", true, MERGE_TREE_SETTINGS),
        COLLAPSING("CollapsingMergeTree", true, MERGE_TREE_SETTINGS, "sign"),
        VERSIONED_COLLAPSING("VersionedCollapsingMergeTree", true, MERGE_TREE_SETTINGS, "sign", "version"),
        JOIN("Join", false, List.of("settings"), "join_strictness", "join_type", "key_columns"),
        NULL("Null", false, List.of());

        private final String canonical;
        private final boolean needsSortingKey;
        private final Set<String> settings;

        Type(String canonical, boolean needsSortingKey, List<String> common, String... own) {
            this.canonical = canonical;
            this.needsSortingKey = needsSortingKey;
            Set<String> all = new HashSet<>(common);
            all.addAll(List.of(own));
            this.settings = Set.copyOf(all);
        }

        boolean isMergeTree() {
            return this != JOIN && this != NULL;
        }
    }

    private static final List<String> KNOWN_SETTINGS = List.of(
            "partition_key", "sorting_key", "primary_key", "sampling_key", "ttl", "settings", "ver", "is_deleted",
            "sign", "version", "columns", "join_strictness", "join_type", "key_columns");

    private static final Map<String, Type> TYPES = Arrays.stream(Type.values())
            .collect(Collectors.toMap(type -> type.canonical.toLowerCase(Locale.ROOT), Function.identity()));

    private static final Set<String> JOIN_STRICTNESS = Set.of("ANY", "ALL", "SEMI", "ANTI");
    private static final Set<String> JOIN_TYPES = Set.of("LEFT", "INNER", "RIGHT", "FULL");
    private static final Set<String> VERSION_FAMILIES = Set.of(
            "UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "UInt256", "Date", "Date32", "DateTime", "DateTime32",
            "DateTime64");

    private final Type type;
    private final Map<String, String> settings;

    private Engine(Type type, Map<String, String> settings) {
        this.type = type;
        this.settings = Collections.unmodifiableMap(settings);
    }

    /**
     * Builds and validates an engine.
     *
     * @param engineName      the {@code ENGINE} value (unquoted), matched case-insensitively; null or blank means
     *                        MergeTree, the Tinybird default
     * @param settingsInOrder the {@code ENGINE_*} settings in file order, keyed by the suffix after {@code ENGINE_}
     *                        (case-insensitive, e.g. {@code sorting_key}); for a repeated key the last value wins,
     *                        and a blank value counts as not set (real projects write {@code ENGINE_SORTING_KEY ""})
     * @throws EngineException for an unsupported engine, an unknown setting, a setting that does not apply to the
     *                         engine, or a missing or invalid required setting
     */
    public static Engine of(String engineName, List<Map.Entry<String, String>> settingsInOrder) {
        String requested = engineName == null || engineName.isBlank() ? "MergeTree" : engineName.strip();
        Type type = TYPES.get(requested.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new EngineException("Engine " + requested + " is not supported; supported engines are "
                    + Arrays.stream(Type.values()).map(t -> t.canonical).collect(Collectors.joining(", ")), null);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> setting : settingsInOrder) {
            String key = setting.getKey().strip().toLowerCase(Locale.ROOT);
            if (!KNOWN_SETTINGS.contains(key)) {
                throw new EngineException("Unknown engine setting " + settingName(key) + "; known settings are "
                        + KNOWN_SETTINGS.stream().map(Engine::settingName).collect(Collectors.joining(", ")), key);
            }
            if (!type.settings.contains(key)) {
                throw new EngineException(settingName(key) + " does not apply to engine " + type.canonical
                        + "; it is a setting of " + enginesWith(key), key);
            }
            String value = setting.getValue() == null ? "" : setting.getValue().strip();
            if (value.isEmpty()) {
                settings.remove(key);
            } else {
                settings.put(key, value);
            }
        }
        checkRequired(type, settings);
        return new Engine(type, settings);
    }

    /** The engine Tinybird uses when a datasource declares none: MergeTree ordered by {@code tuple()}. */
    public static Engine defaultEngine() {
        return of(null, List.of());
    }

    /** The canonical engine name, e.g. {@code ReplacingMergeTree}. */
    public String name() {
        return type.canonical;
    }

    /** The settings keyed by lower-case suffix, in the order they first appeared, with the last value of each. */
    public Map<String, String> settings() {
        return settings;
    }

    /**
     * Checks the settings that name columns against a schema: {@code ENGINE_VER}, {@code ENGINE_IS_DELETED},
     * {@code ENGINE_SIGN}, {@code ENGINE_VERSION} and each entry of {@code ENGINE_COLUMNS} and
     * {@code ENGINE_KEY_COLUMNS} must be a column, and the sign, is-deleted and version columns must have the types
     * ClickHouse requires (Int8; UInt8; unsigned integer, Date or DateTime).
     *
     * @throws EngineException naming the setting at fault
     */
    public void validate(List<Column> columns) {
        Map<String, Column> byName = columns.stream().collect(Collectors.toMap(Column::name, c -> c, (a, b) -> a));
        for (String key : List.of("columns", "key_columns")) {
            if (settings.containsKey(key)) {
                for (String name : SqlText.splitTopLevel(unwrapped(settings.get(key)))) {
                    column(byName, key, name);
                }
            }
        }
        checkColumnType(byName, "ver", VERSION_FAMILIES, "of an unsigned integer, Date or DateTime type");
        checkColumnType(byName, "version", VERSION_FAMILIES, "of an unsigned integer, Date or DateTime type");
        checkColumnType(byName, "sign", Set.of("Int8"), "of type Int8");
        checkColumnType(byName, "is_deleted", Set.of("UInt8"), "of type UInt8");
    }

    /** The ClickHouse engine clause, e.g. {@code MergeTree() PARTITION BY toYYYYMM(d) ORDER BY (d, id)}. */
    public String toSql() {
        StringBuilder sql = new StringBuilder(type.canonical).append('(').append(parameters()).append(')');
        if (type.isMergeTree()) {
            clause(sql, "PARTITION BY", "partition_key");
            sql.append(" ORDER BY ").append(key(settings.getOrDefault("sorting_key", "tuple()")));
            clause(sql, "PRIMARY KEY", "primary_key");
            clause(sql, "SAMPLE BY", "sampling_key");
            if (settings.containsKey("ttl")) {
                sql.append(" TTL ").append(settings.get("ttl"));
            }
        }
        if (settings.containsKey("settings")) {
            sql.append(" SETTINGS ").append(settings.get("settings"));
        }
        return sql.toString();
    }

    @Override
    public String toString() {
        return toSql();
    }

    private String parameters() {
        return switch (type) {
            case REPLACING -> settings.containsKey("is_deleted")
                    ? settings.get("ver") + ", " + settings.get("is_deleted")
                    : settings.getOrDefault("ver", "");
            case COLLAPSING -> settings.get("sign");
            case VERSIONED_COLLAPSING -> settings.get("sign") + ", " + settings.get("version");
            case SUMMING -> settings.containsKey("columns") ? key(settings.get("columns")) : "";
            case JOIN -> settings.get("join_strictness").toUpperCase(Locale.ROOT) + ", "
                    + settings.get("join_type").toUpperCase(Locale.ROOT) + ", "
                    + unwrapped(settings.get("key_columns"));
            default -> "";
        };
    }

    private void clause(StringBuilder sql, String keyword, String key) {
        if (settings.containsKey(key)) {
            sql.append(' ').append(keyword).append(' ').append(key(settings.get(key)));
        }
    }

    private static void checkRequired(Type type, Map<String, String> settings) {
        if (type.needsSortingKey) {
            String sortingKey = settings.get("sorting_key");
            if (sortingKey == null) {
                throw new EngineException(type.canonical + " requires ENGINE_SORTING_KEY", null);
            }
            if (sortingKey.replaceAll("\\s", "").equalsIgnoreCase("tuple()")) {
                throw new EngineException("ENGINE_SORTING_KEY of " + type.canonical + " must not be tuple(): "
                        + "rows are merged by their sorting key", "sorting_key");
            }
        }
        if ((type == Type.COLLAPSING || type == Type.VERSIONED_COLLAPSING) && !settings.containsKey("sign")) {
            throw new EngineException(type.canonical + " requires ENGINE_SIGN", null);
        }
        if (type == Type.VERSIONED_COLLAPSING && !settings.containsKey("version")) {
            throw new EngineException(type.canonical + " requires ENGINE_VERSION", null);
        }
        if (settings.containsKey("is_deleted") && !settings.containsKey("ver")) {
            throw new EngineException("ENGINE_IS_DELETED requires ENGINE_VER", "is_deleted");
        }
        if (type == Type.JOIN) {
            requireOneOf(settings, "join_strictness", JOIN_STRICTNESS);
            requireOneOf(settings, "join_type", JOIN_TYPES);
            if (!settings.containsKey("key_columns")) {
                throw new EngineException("Join requires ENGINE_KEY_COLUMNS", null);
            }
        }
    }

    private static void requireOneOf(Map<String, String> settings, String key, Set<String> allowed) {
        String value = settings.get(key);
        String expected = allowed.stream().sorted().collect(Collectors.joining(", "));
        if (value == null) {
            throw new EngineException("Join requires " + settingName(key) + " (one of " + expected + ")", null);
        }
        if (!allowed.contains(value.toUpperCase(Locale.ROOT))) {
            throw new EngineException(settingName(key) + " must be one of " + expected + ", not " + value, key);
        }
    }

    private void checkColumnType(Map<String, Column> byName, String key, Set<String> families, String expected) {
        if (!settings.containsKey(key)) {
            return;
        }
        Column column = column(byName, key, settings.get(key));
        if (column.type() == null) {
            return;
        }
        if (column.nullable() || !families.contains(DataType.parse(column.type()).family())) {
            throw new EngineException(settingName(key) + " column " + column.name() + " must be " + expected
                    + ", not " + column.fullType(), key);
        }
    }

    private static Column column(Map<String, Column> byName, String key, String reference) {
        String name = reference.length() > 1 && reference.startsWith("`") && reference.endsWith("`")
                ? reference.substring(1, reference.length() - 1) : reference;
        Column column = byName.get(name);
        if (column == null) {
            throw new EngineException(settingName(key) + " refers to column " + name + ", which is not in the schema",
                    key);
        }
        return column;
    }

    /** A key expression usable after ORDER BY & co.: lists get one pair of parentheses, anything else is kept. */
    private static String key(String expression) {
        return SqlText.splitTopLevel(expression).size() > 1 ? "(" + expression + ")" : expression;
    }

    /** The text inside one pair of parentheses enclosing all of {@code value}, or {@code value} itself. */
    private static String unwrapped(String value) {
        boolean enclosed = value.startsWith("(")
                && SqlText.closingParenthesis(value, 0, value.length()) == value.length() - 1;
        return enclosed ? value.substring(1, value.length() - 1).strip() : value;
    }

    private static String enginesWith(String key) {
        return Arrays.stream(Type.values())
                .filter(type -> type.settings.contains(key))
                .map(type -> type.canonical)
                .collect(Collectors.joining(", "));
    }

    private static String settingName(String key) {
        return "ENGINE_" + key.toUpperCase(Locale.ROOT);
    }
}
