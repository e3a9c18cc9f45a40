package org.tinybirdmaven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.schema.SyntaxErrors.assertSyntaxError;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaParserTest {

    private static Column single(String schema) {
        List<Column> columns = SchemaParser.parse(schema);
        assertThat(columns).hasSize(1);
        return columns.get(0);
    }

    @Test
    void parsesAMultiLineSchema() {
        String schema = """
                    `ts` DateTime64(3) `json:$.ts`,
                    `page` LowCardinality(String) `json:$.page` DEFAULT 'unknown',
                    `tags` Array(String) `json:$.tags[:]`,
                    user_id Nullable(UInt64) `json:$.user.id`
                """;

        assertThat(SchemaParser.parse(schema)).containsExactly(
                new Column("ts", "DateTime64(3)", false, "$.ts", null, null),
                new Column("page", "LowCardinality(String)", false, "$.page", "DEFAULT 'unknown'", null),
                new Column("tags", "Array(String)", false, "$.tags[:]", null, null),
                new Column("user_id", "UInt64", true, "$.user.id", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n  \n", "-- nothing here\n  -- nor here"})
    void blankOrCommentOnlySchemaHasNoColumns(String schema) {
        assertThat(SchemaParser.parse(schema)).isEmpty();
    }

    @Test
    void stripsLineCommentsToTheEndOfTheLine() {
        List<Column> columns = SchemaParser.parse("a String, -- the first\n  b UInt8 -- the second, c Int8\n");

        assertThat(columns).extracting(Column::name).containsExactly("a", "b");
    }

    @Test
    void keepsCommentMarkersInsideJsonPaths() {
        assertThat(single("`a` String `json:$.x--y`").jsonpath()).isEqualTo("$.x--y");
    }

    @Test
    void treatsCommentMarkersInsideBackquotedNamesAsCommentsLikeClassic() {
        assertSyntaxError(() -> SchemaParser.parse("`a--b` String"), "Unterminated backquoted column name", 1, 1);
    }

    @Test
    void treatsCommentMarkersInsideStringsAsCommentsLikeClassic() {
        assertSyntaxError(() -> SchemaParser.parse("a String DEFAULT 'x--y'"),
                "Unterminated string in the DEFAULT expression of column a", 1, 18);
    }

    @Test
    void acceptsTheBareNameCharacterSet() {
        assertThat(single("w.x_1*<>+-'`z String").name()).isEqualTo("w.x_1*<>+-'`z");
    }

    @ParameterizedTest
    @ValueSource(chars = {'$', '#', '%', '{', '(', '/', '"', ':', 'é'})
    void rejectsOtherCharactersInBareNames(char invalid) {
        assertSyntaxError(() -> SchemaParser.parse("ab" + invalid + "c String"),
                "Invalid character '" + invalid + "' in column name ab" + invalid
                        + ": write names with other characters between backquotes", 1, 3);
    }

    @Test
    void acceptsAnyTextInBackquotedNames() {
        assertThat(single("`my col (€), #1` String").name()).isEqualTo("my col (€), #1");
    }

    @Test
    void rejectsEmptyAndUnterminatedBackquotedNames() {
        assertSyntaxError(() -> SchemaParser.parse("a String,\n`` String"), "Empty column name", 2, 1);
        assertSyntaxError(() -> SchemaParser.parse("a String,\n `b String"), "Unterminated backquoted column name",
                2, 2);
    }

    @Test
    void recognisesKeywordsInAnyCase() {
        Column column = single("a UInt8 default 0 codec(ZSTD)");

        assertThat(column.defaultValue()).isEqualTo("DEFAULT 0");
        assertThat(column.codec()).isEqualTo("CODEC(ZSTD)");
        assertThat(single("b UInt8 Materialized a + 1").defaultValue()).isEqualTo("MATERIALIZED a + 1");
    }

    @Test
    void recognisesAKeywordOnlyAfterWhitespace() {
        assertThat(single("a Nullable(String)").type()).isEqualTo("String");
        assertSyntaxError(() -> SchemaParser.parse("a String`json:$.a`"),
                "Invalid character '$' in the type of column a", 1, 15);
    }

    @Test
    void recognisesAKeywordOnlyBeforeANonIdentifierCharacter() {
        assertSyntaxError(() -> SchemaParser.parse("a DEFAULTS"), "Unknown data type family: DEFAULTS", 1, 3);
        assertThat(single("a String DEFAULT'x'").defaultValue()).isEqualTo("DEFAULT 'x'");
    }

    @Test
    void keepsCommasInsideParenthesesAndQuotesInsideTheColumn() {
        List<Column> columns = SchemaParser.parse(
                "m Map(String, UInt64), q AggregateFunction(quantiles(0.5, 0.9), Float64), "
                        + "s String DEFAULT 'a, b', d String DEFAULT \"c, d\"");

        assertThat(columns).extracting(Column::type).containsExactly(
                "Map(String, UInt64)", "AggregateFunction(quantiles(0.5, 0.9), Float64)", "String", "String");
        assertThat(columns).extracting(Column::defaultValue)
                .containsExactly(null, null, "DEFAULT 'a, b'", "DEFAULT \"c, d\"");
    }

    @Test
    void backslashEscapesAQuoteInsideAString() {
        assertThat(single("a String DEFAULT 'it\\'s, fine'").defaultValue()).isEqualTo("DEFAULT 'it\\'s, fine'");
    }

    @Test
    void typesMaySpanWordsAndLines() {
        List<Column> columns = SchemaParser.parse("a INT UNSIGNED,\nm Map(\n    String,\n    UInt64\n)");

        assertThat(columns).extracting(Column::type).containsExactly("INT UNSIGNED", "Map(String, UInt64)");
    }

    @ParameterizedTest
    @ValueSource(chars = {'$', '#', '%', '{', '}', '|', '&', ';', '@', '\\', '^'})
    void rejectsCharactersOutsideTheAllowedSetInExpressions(char invalid) {
        assertSyntaxError(() -> SchemaParser.parse("a UInt8 DEFAULT b " + invalid + " 2"),
                "Invalid character '" + invalid + "' in the DEFAULT expression of column a", 1, 19);
    }

    @Test
    void rejectsCharactersOutsideTheAllowedSetInTypes() {
        assertSyntaxError(() -> SchemaParser.parse("a Str$ing"), "Invalid character '$' in the type of column a",
                1, 6);
    }

    @Test
    void allowsAnyCharacterInsideStrings() {
        assertThat(single("a String DEFAULT concat('$#%{}|&;@', b)").defaultValue())
                .isEqualTo("DEFAULT concat('$#%{}|&;@', b)");
    }

    @Test
    void allowsTheExtraExpressionCharacters() {
        assertThat(single("a UInt8 DEFAULT if(b != 1 AND c[1] = 2, d / 3 ? 1 : 0, 0)").defaultValue())
                .isEqualTo("DEFAULT if(b != 1 AND c[1] = 2, d / 3 ? 1 : 0, 0)");
    }

    @Test
    void squareBracketsDoNotNestLikeClassic() {
        assertThat(single("a Array(UInt8) DEFAULT []").defaultValue()).isEqualTo("DEFAULT []");
        assertThat(single("a Array(UInt8) DEFAULT array(1, 2)").defaultValue()).isEqualTo("DEFAULT array(1, 2)");
        assertSyntaxError(() -> SchemaParser.parse("a Array(UInt8) DEFAULT [1, 2]"),
                "A ',' inside [...] is not supported in the DEFAULT expression of column a: the schema is split into"
                        + " columns at this comma; write array(...) instead", 1, 26);
    }

    @Test
    void reportsUnbalancedParenthesesAndQuotes() {
        assertSyntaxError(() -> SchemaParser.parse("a Map(String, UInt8"),
                "Missing ')' for this '(' in the type of column a", 1, 6);
        assertSyntaxError(() -> SchemaParser.parse("a String)"), "Unexpected ')' in the type of column a", 1, 9);
        assertSyntaxError(() -> SchemaParser.parse("a String DEFAULT concat('x', b"),
                "Missing ')' for this '(' in the DEFAULT expression of column a", 1, 24);
    }

    @Test
    void acceptsAJsonPathBeforeTheDefault() {
        Column column = single("`slug` String `json:$.slug` DEFAULT 'x'");

        assertThat(column.jsonpath()).isEqualTo("$.slug");
        assertThat(column.defaultValue()).isEqualTo("DEFAULT 'x'");
    }

    @Test
    void rejectsAJsonPathAfterTheDefaultLikeClassic() {
        assertSyntaxError(() -> SchemaParser.parse("a String DEFAULT 'x' `json:$.a`"),
                "The jsonpath of column a must come before its DEFAULT expression", 1, 22);
        assertSyntaxError(() -> SchemaParser.parse("a UInt64 MATERIALIZED b `json:$.a`"),
                "The jsonpath of column a must come before its MATERIALIZED expression", 1, 25);
    }

    @Test
    void acceptsAJsonPathAfterTheCodec() {
        Column column = single("a String DEFAULT 'x' CODEC(ZSTD(1)) `json:$.a`");

        assertThat(column.jsonpath()).isEqualTo("$.a");
        assertThat(column.codec()).isEqualTo("CODEC(ZSTD(1))");
    }

    @Test
    void rejectsASecondJsonPath() {
        assertSyntaxError(() -> SchemaParser.parse("a String `json:$.a` CODEC(ZSTD) `json:$.b`"),
                "Column a has more than one jsonpath", 1, 33);
    }

    @Test
    void rejectsEmptyAndUnterminatedJsonPaths() {
        assertSyntaxError(() -> SchemaParser.parse("a String `json:`"), "Empty jsonpath", 1, 10);
        assertSyntaxError(() -> SchemaParser.parse("a String `json:$.a"),
                "Unterminated jsonpath: missing the closing backquote", 1, 10);
    }

    @Test
    void keepsTheCodecClause() {
        assertThat(single("a Float64 CODEC(Delta(4), LZ4)").codec()).isEqualTo("CODEC(Delta(4), LZ4)");
        assertThat(single("a String CODEC (ZSTD)").codec()).isEqualTo("CODEC(ZSTD)");
        assertThat(single("a UInt8 DEFAULT 1 CODEC(ZSTD)").defaultValue()).isEqualTo("DEFAULT 1");
    }

    @Test
    void rejectsMisplacedOrRepeatedClauses() {
        assertSyntaxError(() -> SchemaParser.parse("a UInt8 CODEC(ZSTD) DEFAULT 1"),
                "DEFAULT must come before CODEC in column a", 1, 21);
        assertSyntaxError(() -> SchemaParser.parse("a UInt8 DEFAULT 1 MATERIALIZED 2"),
                "Column a has more than one DEFAULT/MATERIALIZED expression", 1, 19);
        assertSyntaxError(() -> SchemaParser.parse("a UInt8 CODEC(ZSTD) CODEC(LZ4)"),
                "Column a has more than one CODEC", 1, 21);
        assertSyntaxError(() -> SchemaParser.parse("a String CODEC ZSTD"),
                "Expected '(' after CODEC in column a", 1, 16);
        assertSyntaxError(() -> SchemaParser.parse("a String `json:$.a` foo, b String"),
                "Unexpected 'foo' in column a: expected DEFAULT, MATERIALIZED, CODEC, a `json:` path or ','", 1, 21);
        assertSyntaxError(() -> SchemaParser.parse("a String DEFAULT , b UInt8"),
                "Missing expression after DEFAULT in column a", 1, 10);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a String NULL                     | NULL column syntax is not supported: use Nullable(T) as the type | 10",
        "a String not   null               | NOT NULL column syntax is not supported: columns are not nullable unless typed Nullable(T) | 10",
        "a UInt8 ALIAS b + 1               | ALIAS columns are not supported | 9",
        "a UInt8 DEFAULT 1 ALIAS b         | ALIAS columns are not supported | 19",
        "a DateTime TTL a + INTERVAL 1 DAY | Column TTL is not supported: use ENGINE_TTL for a table TTL | 12",
        "a DateTime DEFAULT now() ttl a    | Column TTL is not supported: use ENGINE_TTL for a table TTL | 26",
        "a DateTime CODEC(ZSTD) TTL a      | Column TTL is not supported: use ENGINE_TTL for a table TTL | 24"
    })
    void rejectsUnsupportedColumnClauses(String schema, String reason, int column) {
        assertSyntaxError(() -> SchemaParser.parse(schema), reason, 1, column);
    }

    @Test
    void nullAndNotNullAreOrdinarySqlInsideExpressions() {
        assertThat(single("a UInt8 DEFAULT b IS NOT NULL").defaultValue()).isEqualTo("DEFAULT b IS NOT NULL");
        assertThat(single("a Nullable(UInt8) DEFAULT NULL").defaultValue()).isNull();
    }

    @Test
    void unwrapsTopLevelNullable() {
        List<Column> columns = SchemaParser.parse("a Nullable(String), b LowCardinality(Nullable(String))");

        assertThat(columns.get(0)).isEqualTo(new Column("a", "String", true, null, null, null));
        assertThat(columns.get(1)).isEqualTo(new Column("b", "LowCardinality(Nullable(String))", false, null, null,
                null));
    }

    @Test
    void dropsDefaultNullOnlyOnNullableColumns() {
        List<Column> columns = SchemaParser.parse(
                "a Nullable(String) default null, b Nullable(UInt8) DEFAULT 0, c String MATERIALIZED NULL");

        assertThat(columns).extracting(Column::defaultValue).containsExactly(null, "DEFAULT 0", "MATERIALIZED NULL");
    }

    @Test
    void rejectsIndexEntries() {
        assertSyntaxError(() -> SchemaParser.parse("a String,\n  INDEX idx a TYPE minmax"),
                "INDEX is not allowed in SCHEMA: declare indexes in the INDEXES block", 2, 3);
    }

    @Test
    void acceptsColumnsNamedIndexInOtherSpellings() {
        assertThat(SchemaParser.parse("`INDEX` String, index UInt32")).extracting(Column::name)
                .containsExactly("INDEX", "index");
    }

    @Test
    void rejectsATrailingCommaLikeClassic() {
        assertSyntaxError(() -> SchemaParser.parse("a String,\nb UInt8,\n"), "Trailing comma after the last column",
                2, 8);
    }

    @Test
    void rejectsAnEmptyDefinitionBetweenCommas() {
        assertSyntaxError(() -> SchemaParser.parse("a String,, b UInt8"), "Empty column definition", 1, 10);
        assertSyntaxError(() -> SchemaParser.parse(", b UInt8"), "Empty column definition", 1, 1);
    }

    @Test
    void allowsAMissingTypeOnlyWithADefaultExpression() {
        assertThat(single("`c` DEFAULT plus(1, 2)")).isEqualTo(
                new Column("c", null, false, null, "DEFAULT plus(1, 2)", null));
        assertThat(single("c MATERIALIZED now()").type()).isNull();
        assertSyntaxError(() -> SchemaParser.parse("x String, a, b String"), "Missing type for column a", 1, 11);
        assertSyntaxError(() -> SchemaParser.parse("a"), "Missing type for column a", 1, 1);
        assertSyntaxError(() -> SchemaParser.parse("`a` `json:$.a`"), "Missing type for column a", 1, 1);
    }

    @Test
    void validatesTypesAtTheirPositionInTheSchema() {
        assertSyntaxError(() -> SchemaParser.parse("a String,\n  b Strin"), "Unknown data type family: Strin", 2, 5);
        assertSyntaxError(() -> SchemaParser.parse("a String,\r\n  b Array(Strin)"),
                "Unknown data type family: Strin", 2, 11);
        assertSyntaxError(() -> SchemaParser.parse("-- c\n x Nullable(Array(String))"),
                "Nullable(Array(String)) is not allowed: Nested type Array(String) cannot be inside Nullable type",
                2, 4);
    }

    @Test
    void canonicalisesTypes() {
        assertThat(single("m Map(String,Array( Nullable(String)))").type())
                .isEqualTo("Map(String, Array(Nullable(String)))");
    }

    @Test
    void rejectsDuplicateColumnNames() {
        assertSyntaxError(() -> SchemaParser.parse("a String, `a` UInt8"), "Duplicate column name a", 1, 11);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "`ts` DateTime64(3) `json:$.ts`                       | `ts` DateTime64(3) `json:$.ts`",
        "page LowCardinality(String) `json:$.page` DEFAULT 'unknown' | `page` LowCardinality(String) `json:$.page` DEFAULT 'unknown'",
        "`tags` Array(String) `json:$.tags[:]`                | `tags` Array(String) `json:$.tags[:]`",
        "`a.b` String `json:$.a.b`                            | `a.b` String `json:$.a.b`",
        "`k` String `json:$.['key with dots']`                | `k` String `json:$.['key with dots']`",
        "`x` String `json:$.x` DEFAULT 'y'                    | `x` String `json:$.x` DEFAULT 'y'",
        "`user id` Nullable(UInt64) `json:$.user.id`          | `user id` Nullable(UInt64) `json:$.user.id`",
        "`my col` Nullable(String) DEFAULT NULL               | `my col` Nullable(String)",
        "s Nullable(SimpleAggregateFunction(any, String))     | `s` SimpleAggregateFunction(any, Nullable(String))",
        "t SimpleAggregateFunction(max, DateTime)             | `t` SimpleAggregateFunction(max, DateTime)",
        "c DEFAULT plus(1,2)                                  | `c` DEFAULT plus(1,2)",
        "m Map(String,UInt64) CODEC(ZSTD(1))                  | `m` Map(String, UInt64) CODEC(ZSTD(1))",
        "h UInt64 MATERIALIZED cityHash64(id)                 | `h` UInt64 MATERIALIZED cityHash64(id)",
        "d UInt8 DEFAULT 1 CODEC(ZSTD) `json:$.d`             | `d` UInt8 `json:$.d` DEFAULT 1 CODEC(ZSTD)"
    })
    void serialisesColumnsLikeTinybird(String definition, String sql) {
        assertThat(single(definition).toSql()).isEqualTo(sql);
    }

    @Test
    void reparsingTheSerialisationGivesTheSameColumns() {
        String schema = """
                `ts` DateTime64(3, 'UTC') `json:$.ts`,
                `page` LowCardinality(String) `json:$.page` DEFAULT 'unknown', -- the page
                `tags` Array(String) `json:$.tags[:]`,
                `user id` Nullable(UInt64) `json:$.['user id']`,
                `amount` Decimal(10, 2) DEFAULT 0 CODEC(ZSTD(1)),
                `visits` SimpleAggregateFunction(sum, UInt64),
                `top` AggregateFunction(topK(10), String),
                `flags` Nested(a String, b UInt8)
                """;
        List<Column> columns = SchemaParser.parse(schema);

        String serialised = columns.stream().map(Column::toSql).collect(Collectors.joining(",\n"));

        assertThat(SchemaParser.parse(serialised)).isEqualTo(columns);
        assertThat(columns).hasSize(8);
    }
}
