package org.tinybirdmaven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.schema.SyntaxErrors.assertSyntaxError;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndexesParserTest {

    @Test
    void parsesOneIndexPerLineAndIgnoresBlankLines() {
        String block = """
                    page_idx page TYPE bloom_filter(0.01) GRANULARITY 4

                    ts_idx ts TYPE minmax
                """;

        assertThat(IndexesParser.parse(block)).containsExactly(
                new Index("page_idx", "page", "bloom_filter(0.01)", 4),
                new Index("ts_idx", "ts", "minmax", null));
    }

    @Test
    void acceptsAnOptionalIndexPrefixAndTrailingComma() {
        List<Index> indexes = IndexesParser.parse("INDEX a_idx a TYPE minmax GRANULARITY 1,\nindex b_idx b TYPE set(10),");

        assertThat(indexes).containsExactly(new Index("a_idx", "a", "minmax", 1), new Index("b_idx", "b", "set(10)",
                null));
    }

    @Test
    void keepsNamesStartingWithTheLettersOfIndex() {
        assertThat(IndexesParser.parse("IDX_user user_id TYPE set(100)\nINDEX NIX n TYPE minmax"))
                .extracting(Index::name)
                .containsExactly("IDX_user", "NIX");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "tags_idx arrayMap(x -> lower(x), tags) TYPE bloom_filter GRANULARITY 2 | arrayMap(x -> lower(x), tags) | bloom_filter",
        "ip_idx (toIPv6(a), toIPv6(b)) TYPE minmax                             | (toIPv6(a), toIPv6(b))        | minmax",
        "m_idx m['key'] TYPE tokenbf_v1(512, 3, 0)                             | m['key']                      | tokenbf_v1(512, 3, 0)",
        "s_idx lower(s) TYPE ngrambf_v1(3, 256, 2, 0)                          | lower(s)                      | ngrambf_v1(3, 256, 2, 0)",
        "q_idx concat(s, ' TYPE ') TYPE set(0)                                 | concat(s, ' TYPE ')           | set(0)",
        "t_idx type TYPE set(10)                                               | type                          | set(10)",
        "b_idx b * 2 TYPE bloom_filter ( 0.025 )                               | b * 2                         | bloom_filter(0.025)"
    })
    void keepsExpressionsAndTypesAsWritten(String line, String expression, String type) {
        Index index = IndexesParser.parse(line).get(0);

        assertThat(index.expression()).isEqualTo(expression);
        assertThat(index.type()).isEqualTo(type);
    }

    @Test
    void rendersIndexesForTheApi() {
        assertThat(new Index("page_idx", "page", "bloom_filter(0.01)", 4).toSql())
                .isEqualTo("INDEX page_idx page TYPE bloom_filter(0.01) GRANULARITY 4");
        assertThat(new Index("my idx", "lower(s)", "minmax", null).toSql())
                .isEqualTo("INDEX `my idx` lower(s) TYPE minmax");
        assertThat(IndexesParser.parse("`my idx` a TYPE minmax").get(0).name()).isEqualTo("my idx");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a_idx a TYPE minmax, b_idx b TYPE minmax   | TYPE appears more than once: write one index per line | 32",
        "a_idx a minmax                             | Missing TYPE in index a_idx: expected <name> <expression> TYPE <type> [GRANULARITY <n>] | 3",
        "a_idx TYPE minmax                          | Missing expression for index a_idx | 9",
        "a_idx a TYPE hash                          | Unknown index type hash: use one of minmax, set, bloom_filter, ngrambf_v1, tokenbf_v1 | 16",
        "a_idx a TYPE                               | Missing index type after TYPE: use one of minmax, set, bloom_filter, ngrambf_v1, tokenbf_v1 | 15",
        "a_idx a TYPE set                           | Index type set takes 1 argument (max_rows), got 0 | 16",
        "a_idx a TYPE minmax(1)                     | Index type minmax takes no arguments, got 1 | 16",
        "a_idx a TYPE bloom_filter(0.1, 2)          | Index type bloom_filter takes at most 1 argument (false_positive_rate), got 2 | 16",
        "a_idx a TYPE tokenbf_v1(512, 3)            | Index type tokenbf_v1 takes 3 arguments (size_of_bloom_filter_in_bytes, number_of_hash_functions, random_seed), got 2 | 16",
        "a_idx a TYPE ngrambf_v1(3)                 | Index type ngrambf_v1 takes 4 arguments (n, size_of_bloom_filter_in_bytes, number_of_hash_functions, random_seed), got 1 | 16",
        "a_idx a TYPE set(10                        | Missing ')' for this '(' | 19",
        "a_idx a TYPE minmax GRANULARITY 0          | GRANULARITY must be a positive integer | 35",
        "a_idx a TYPE minmax GRANULARITY x          | GRANULARITY must be a positive integer | 35",
        "a_idx a TYPE minmax GRANULARITY 2 extra    | Unexpected 'extra' after GRANULARITY 2 | 37",
        "a_idx a TYPE minmax LIMIT 2                | Unexpected 'LIMIT 2' after the index type: expected GRANULARITY <n> | 23",
        "a-idx a TYPE minmax                        | Invalid character '-' in index name | 4",
        "a_idx                                      | Missing expression and TYPE after index name a_idx | 3",
        "`a idx a TYPE minmax                       | Unterminated backquoted index name | 3"
    })
    void reportsMalformedIndexesAtTheOffendingCharacter(String line, String reason, int column) {
        assertSyntaxError(() -> IndexesParser.parse("\n  " + line), reason, 2, column);
    }

    @Test
    void rejectsDuplicateIndexNames() {
        assertSyntaxError(() -> IndexesParser.parse("a_idx a TYPE minmax\na_idx b TYPE minmax"),
                "Duplicate index name a_idx", 2, 1);
    }
}
