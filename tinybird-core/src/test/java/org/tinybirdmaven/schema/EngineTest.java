package org.tinybirdmaven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineTest {

    /** Settings from alternating key/value strings. */
    private static List<Map.Entry<String, String>> settings(String... keysAndValues) {
        List<Map.Entry<String, String>> settings = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.add(new SimpleEntry<>(keysAndValues[i], keysAndValues[i + 1]));
        }
        return settings;
    }

    private static void assertEngineError(ThrowingCallable call, String message, String settingKey) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.settingKey()).isEqualTo(settingKey);
        });
    }

    private static final List<Column> COLUMNS = SchemaParser.parse("""
            id String, updated_at DateTime, deleted UInt8, sign Int8, version UInt32, amount UInt64,
            label String, maybe Nullable(UInt8), computed DEFAULT 1
            """);

    @Test
    void defaultsToMergeTreeOrderedByTuple() {
        assertThat(Engine.defaultEngine().toSql()).isEqualTo("MergeTree() ORDER BY tuple()");
        assertThat(Engine.of(null, settings("sorting_key", "ts")).toSql()).isEqualTo("MergeTree() ORDER BY ts");
        assertThat(Engine.of("  ", List.of()).name()).isEqualTo("MergeTree");
    }

    @ParameterizedTest
    @CsvSource({
        "mergetree, MergeTree",
        "REPLACINGMERGETREE, ReplacingMergeTree",
        "summingMergeTree, SummingMergeTree",
        "AggregatingMergeTree, AggregatingMergeTree",
        "null, Null"
    })
    void matchesEngineNamesIgnoringCase(String written, String canonical) {
        List<Map.Entry<String, String>> settings = canonical.equals("AggregatingMergeTree")
                || canonical.equals("ReplacingMergeTree") ? settings("sorting_key", "id") : List.of();

        assertThat(Engine.of(written, settings).name()).isEqualTo(canonical);
    }

    @Test
    void rejectsUnsupportedEngines() {
        assertEngineError(() -> Engine.of("Log", List.of()), "Engine Log is not supported; supported engines are"
                + " MergeTree, ReplacingMergeTree, SummingMergeTree, AggregatingMergeTree, CollapsingMergeTree,"
                + " VersionedCollapsingMergeTree, Join, Null", null);
    }

    @Test
    void rejectsUnknownSettings() {
        String known = "; known settings are ENGINE_PARTITION_KEY, ENGINE_SORTING_KEY, ENGINE_PRIMARY_KEY,"
                + " ENGINE_SAMPLING_KEY, ENGINE_TTL, ENGINE_SETTINGS, ENGINE_VER, ENGINE_IS_DELETED, ENGINE_SIGN,"
                + " ENGINE_VERSION, ENGINE_COLUMNS, ENGINE_JOIN_STRICTNESS, ENGINE_JOIN_TYPE, ENGINE_KEY_COLUMNS";
        assertEngineError(() -> Engine.of("MergeTree", settings("summing_columns", "a")),
                "Unknown engine setting ENGINE_SUMMING_COLUMNS" + known, "summing_columns");
    }

    @Test
    void acceptsSettingKeysInAnyCase() {
        assertThat(Engine.of("MergeTree", settings("SORTING_KEY", "ts")).settings()).containsEntry("sorting_key",
                "ts");
    }

    @Test
    void rejectsSettingsThatDoNotApplyToTheEngine() {
        assertEngineError(() -> Engine.of("MergeTree", settings("ver", "v")),
                "ENGINE_VER does not apply to engine MergeTree; it is a setting of ReplacingMergeTree", "ver");
        assertEngineError(() -> Engine.of("ReplacingMergeTree", settings("sorting_key", "id", "sign", "s")),
                "ENGINE_SIGN does not apply to engine ReplacingMergeTree; it is a setting of CollapsingMergeTree,"
                        + " VersionedCollapsingMergeTree", "sign");
        assertEngineError(() -> Engine.of("Null", settings("sorting_key", "id")),
                "ENGINE_SORTING_KEY does not apply to engine Null; it is a setting of MergeTree, ReplacingMergeTree,"
                        + " SummingMergeTree, AggregatingMergeTree, CollapsingMergeTree,"
                        + " VersionedCollapsingMergeTree", "sorting_key");
        assertEngineError(() -> Engine.of("Join", settings("ttl", "d")),
                "ENGINE_TTL does not apply to engine Join; it is a setting of MergeTree, ReplacingMergeTree,"
                        + " SummingMergeTree, AggregatingMergeTree, CollapsingMergeTree,"
                        + " VersionedCollapsingMergeTree", "ttl");
    }

    @Test
    void blankValuesCountAsNotSet() {
        Engine engine = Engine.of("MergeTree", settings("sorting_key", "a", "ttl", "d", "sorting_key", " "));

        assertThat(engine.settings()).containsOnlyKeys("ttl");
        assertThat(engine.toSql()).isEqualTo("MergeTree() ORDER BY tuple() TTL d");
        assertEngineError(() -> Engine.of("ReplacingMergeTree", settings("sorting_key", "")),
                "ReplacingMergeTree requires ENGINE_SORTING_KEY", null);
    }

    @Test
    void lastValueOfARepeatedSettingWins() {
        Engine engine = Engine.of("MergeTree", settings("sorting_key", "a", "partition_key", "p", "sorting_key", "b"));

        assertThat(engine.settings()).containsExactly(Map.entry("sorting_key", "b"), Map.entry("partition_key", "p"));
        assertThat(engine.toSql()).isEqualTo("MergeTree() PARTITION BY p ORDER BY b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ReplacingMergeTree           |",
        "AggregatingMergeTree         |",
        "CollapsingMergeTree          | sign",
        "VersionedCollapsingMergeTree | sign;version"
    })
    void requiresARealSortingKeyForMergingEngines(String name, String requiredColumns) {
        List<Map.Entry<String, String>> required = new ArrayList<>();
        if (requiredColumns != null) {
            for (String key : requiredColumns.split(";")) {
                required.add(new SimpleEntry<>(key, key));
            }
        }
        List<Map.Entry<String, String>> withTuple = new ArrayList<>(required);
        withTuple.add(new SimpleEntry<>("sorting_key", "tuple( )"));

        assertEngineError(() -> Engine.of(name, required), name + " requires ENGINE_SORTING_KEY", null);
        assertEngineError(() -> Engine.of(name, withTuple),
                "ENGINE_SORTING_KEY of " + name + " must not be tuple(): rows are merged by their sorting key",
                "sorting_key");
    }

    @Test
    void requiresSignAndVersionForCollapsingEngines() {
        assertEngineError(() -> Engine.of("CollapsingMergeTree", settings("sorting_key", "id")),
                "CollapsingMergeTree requires ENGINE_SIGN", null);
        assertEngineError(() -> Engine.of("VersionedCollapsingMergeTree", settings("sorting_key", "id", "sign", "s")),
                "VersionedCollapsingMergeTree requires ENGINE_VERSION", null);
    }

    @Test
    void requiresVerWithIsDeleted() {
        assertEngineError(() -> Engine.of("ReplacingMergeTree", settings("sorting_key", "id", "is_deleted", "d")),
                "ENGINE_IS_DELETED requires ENGINE_VER", "is_deleted");
    }

    @Test
    void requiresTheJoinSettingsWithTheirValues() {
        assertEngineError(() -> Engine.of("Join", settings("join_type", "LEFT", "key_columns", "id")),
                "Join requires ENGINE_JOIN_STRICTNESS (one of ALL, ANTI, ANY, SEMI)", null);
        assertEngineError(() -> Engine.of("Join", settings("join_strictness", "ANY", "key_columns", "id")),
                "Join requires ENGINE_JOIN_TYPE (one of FULL, INNER, LEFT, RIGHT)", null);
        assertEngineError(() -> Engine.of("Join", settings("join_strictness", "ANY", "join_type", "LEFT")),
                "Join requires ENGINE_KEY_COLUMNS", null);
        assertEngineError(() -> Engine.of("Join", settings("join_strictness", "SOME", "join_type", "LEFT",
                "key_columns", "id")), "ENGINE_JOIN_STRICTNESS must be one of ALL, ANTI, ANY, SEMI, not SOME",
                "join_strictness");
        assertEngineError(() -> Engine.of("Join", settings("join_strictness", "ANY", "join_type", "OUTER",
                "key_columns", "id")), "ENGINE_JOIN_TYPE must be one of FULL, INNER, LEFT, RIGHT, not OUTER",
                "join_type");
    }

    @Test
    void rendersEveryMergeTreeClauseInClickHouseOrder() {
        Engine engine = Engine.of("MergeTree", settings(
                "settings", "index_granularity = 8192",
                "ttl", "toDate(ts) + toIntervalDay(90)",
                "sampling_key", "cityHash64(id)",
                "primary_key", "page",
                "sorting_key", "page, ts, cityHash64(id)",
                "partition_key", "toYYYYMM(ts)"));

        assertThat(engine.toSql()).isEqualTo("MergeTree() PARTITION BY toYYYYMM(ts) ORDER BY (page, ts, cityHash64(id))"
                + " PRIMARY KEY page SAMPLE BY cityHash64(id) TTL toDate(ts) + toIntervalDay(90)"
                + " SETTINGS index_granularity = 8192");
    }

    @Test
    void neverAddsASecondPairOfParentheses() {
        Engine engine = Engine.of("MergeTree", settings("partition_key", "tuple()", "sorting_key", "(a, b)",
                "primary_key", "(a)", "ttl", "d + INTERVAL 1 DAY, d + INTERVAL 1 WEEK TO VOLUME 'slow'"));

        assertThat(engine.toSql()).isEqualTo("MergeTree() PARTITION BY tuple() ORDER BY (a, b) PRIMARY KEY (a)"
                + " TTL d + INTERVAL 1 DAY, d + INTERVAL 1 WEEK TO VOLUME 'slow'");
    }

    @Test
    void doesNotMistakeCommasInsideCallsOrStringsForAList() {
        Engine engine = Engine.of("MergeTree", settings("sorting_key", "concat(a, ', ', b)"));

        assertThat(engine.toSql()).isEqualTo("MergeTree() ORDER BY concat(a, ', ', b)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ReplacingMergeTree           | sorting_key=id                                 | ReplacingMergeTree() ORDER BY id",
        "ReplacingMergeTree           | sorting_key=id;ver=updated_at                  | ReplacingMergeTree(updated_at) ORDER BY id",
        "ReplacingMergeTree           | sorting_key=id;ver=updated_at;is_deleted=deleted | ReplacingMergeTree(updated_at, deleted) ORDER BY id",
        "CollapsingMergeTree          | sorting_key=id;sign=sign                       | CollapsingMergeTree(sign) ORDER BY id",
        "VersionedCollapsingMergeTree | sorting_key=id;sign=sign;version=version       | VersionedCollapsingMergeTree(sign, version) ORDER BY id",
        "SummingMergeTree             | sorting_key=id                                 | SummingMergeTree() ORDER BY id",
        "SummingMergeTree             | columns=amount                                 | SummingMergeTree(amount) ORDER BY tuple()",
        "SummingMergeTree             | sorting_key=id;columns=amount, version         | SummingMergeTree((amount, version)) ORDER BY id",
        "SummingMergeTree             | sorting_key=id;columns=(amount, version)       | SummingMergeTree((amount, version)) ORDER BY id",
        "AggregatingMergeTree         | sorting_key=date, id;partition_key=toYYYYMM(date) | AggregatingMergeTree() PARTITION BY toYYYYMM(date) ORDER BY (date, id)",
        "Join                         | join_strictness=any;join_type=left;key_columns=id, label | Join(ANY, LEFT, id, label)",
        "Join                         | join_strictness=ALL;join_type=INNER;key_columns=(id);settings=join_use_nulls = 1 | Join(ALL, INNER, id) SETTINGS join_use_nulls = 1",
        "Null                         |                                                | Null()"
    })
    void rendersEngineParameters(String name, String keysAndValues, String sql) {
        List<Map.Entry<String, String>> settings = new ArrayList<>();
        if (keysAndValues != null) {
            for (String pair : keysAndValues.split(";")) {
                String[] keyAndValue = pair.split("=", 2);
                settings.add(new SimpleEntry<>(keyAndValue[0], keyAndValue[1]));
            }
        }

        Engine engine = Engine.of(name, settings);

        assertThat(engine.toSql()).isEqualTo(sql);
        assertThatCode(() -> engine.validate(COLUMNS)).doesNotThrowAnyException();
    }

    @Test
    void validatesColumnReferencesAgainstTheSchema() {
        assertEngineError(() -> Engine.of("ReplacingMergeTree", settings("sorting_key", "id", "ver", "updated"))
                .validate(COLUMNS), "ENGINE_VER refers to column updated, which is not in the schema", "ver");
        assertEngineError(() -> Engine.of("ReplacingMergeTree", settings("sorting_key", "id", "ver", "updated_at",
                "is_deleted", "gone")).validate(COLUMNS),
                "ENGINE_IS_DELETED refers to column gone, which is not in the schema", "is_deleted");
        assertEngineError(() -> Engine.of("CollapsingMergeTree", settings("sorting_key", "id", "sign", "s"))
                .validate(COLUMNS), "ENGINE_SIGN refers to column s, which is not in the schema", "sign");
        assertEngineError(() -> Engine.of("VersionedCollapsingMergeTree", settings("sorting_key", "id", "sign",
                "sign", "version", "v")).validate(COLUMNS),
                "ENGINE_VERSION refers to column v, which is not in the schema", "version");
        assertEngineError(() -> Engine.of("SummingMergeTree", settings("columns", "amount, total"))
                .validate(COLUMNS), "ENGINE_COLUMNS refers to column total, which is not in the schema", "columns");
        assertEngineError(() -> Engine.of("Join", settings("join_strictness", "ANY", "join_type", "LEFT",
                "key_columns", "key")).validate(COLUMNS),
                "ENGINE_KEY_COLUMNS refers to column key, which is not in the schema", "key_columns");
    }

    @Test
    void acceptsBackquotedColumnReferences() {
        Engine engine = Engine.of("ReplacingMergeTree", settings("sorting_key", "id", "ver", "`updated_at`"));

        assertThatCode(() -> engine.validate(COLUMNS)).doesNotThrowAnyException();
        assertThat(engine.toSql()).isEqualTo("ReplacingMergeTree(`updated_at`) ORDER BY id");
    }

    @Test
    void validatesTheTypesClickHouseRequiresOfSpecialColumns() {
        assertEngineError(() -> Engine.of("ReplacingMergeTree", settings("sorting_key", "id", "ver", "label"))
                .validate(COLUMNS),
                "ENGINE_VER column label must be of an unsigned integer, Date or DateTime type, not String", "ver");
        assertEngineError(() -> Engine.of("ReplacingMergeTree", settings("sorting_key", "id", "ver", "updated_at",
                "is_deleted", "sign")).validate(COLUMNS),
                "ENGINE_IS_DELETED column sign must be of type UInt8, not Int8", "is_deleted");
        assertEngineError(() -> Engine.of("CollapsingMergeTree", settings("sorting_key", "id", "sign", "maybe"))
                .validate(COLUMNS), "ENGINE_SIGN column maybe must be of type Int8, not Nullable(UInt8)", "sign");
        assertEngineError(() -> Engine.of("VersionedCollapsingMergeTree", settings("sorting_key", "id", "sign",
                "sign", "version", "label")).validate(COLUMNS),
                "ENGINE_VERSION column label must be of an unsigned integer, Date or DateTime type, not String",
                "version");
    }

    @Test
    void skipsTheTypeCheckForColumnsWithoutType() {
        Engine engine = Engine.of("ReplacingMergeTree", settings("sorting_key", "id", "ver", "computed"));

        assertThatCode(() -> engine.validate(COLUMNS)).doesNotThrowAnyException();
    }
}
