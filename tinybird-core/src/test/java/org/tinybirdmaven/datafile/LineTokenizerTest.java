package org.tinybirdmaven.datafile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineTokenizerTest {

    private static List<String> words(String line) throws Exception {
        return LineTokenizer.tokenize(line).stream().map(LineTokenizer.Word::text).toList();
    }

    @Test
    void splitsOnRunsOfSpacesAndTabs() throws Exception {
        assertThat(words("ENGINE_TTL  timestamp\t+  toIntervalDay(60)"))
                .containsExactly("ENGINE_TTL", "timestamp", "+", "toIntervalDay(60)");
    }

    @Test
    void quotedWordsKeepTheirQuotesAndInnerSpaces() throws Exception {
        assertThat(words("ENGINE_SORTING_KEY \"a,  b\" 'c d'")).containsExactly("ENGINE_SORTING_KEY", "\"a,  b\"",
                "'c d'");
    }

    @Test
    void aQuoteInsideAWordIsAnOrdinaryCharacter() throws Exception {
        assertThat(words("X it's")).containsExactly("X", "it's");
    }

    @Test
    void theClosingQuoteEndsTheWord() throws Exception {
        assertThat(words("X \"a\"b")).containsExactly("X", "\"a\"", "b");
    }

    @Test
    void hashStartsACommentEvenInsideAWord() throws Exception {
        assertThat(words("ENGINE_SETTINGS a=1#x y")).containsExactly("ENGINE_SETTINGS", "a=1");
        assertThat(words("   # only a comment")).isEmpty();
    }

    @Test
    void hashInsideQuotesIsLiteral() throws Exception {
        assertThat(words("DESCRIPTION \"issue #42\"")).containsExactly("DESCRIPTION", "\"issue #42\"");
    }

    @Test
    void thereIsNoBackslashEscaping() throws Exception {
        assertThat(words("X \"a\\\" b")).containsExactly("X", "\"a\\\"", "b");
    }

    @Test
    void reportsTheColumnOfAnUnclosedQuote() {
        assertThatThrownBy(() -> LineTokenizer.tokenize("TAGS 'never"))
                .isInstanceOfSatisfying(LineTokenizer.UnclosedQuoteException.class, e -> {
                    assertThat(e.column).isEqualTo(6);
                    assertThat(e.quote).isEqualTo('\'');
                });
    }

    @Test
    void recordsWordColumns() throws Exception {
        assertThat(LineTokenizer.tokenize("  TYPE  endpoint")).containsExactly(new LineTokenizer.Word("TYPE", 3),
                new LineTokenizer.Word("endpoint", 9));
    }

    @Test
    void unquoteRemovesAnyQuotePairEvenMismatched() {
        assertThat(LineTokenizer.unquote("\"MergeTree\"")).isEqualTo("MergeTree");
        assertThat(LineTokenizer.unquote("'MergeTree'")).isEqualTo("MergeTree");
        assertThat(LineTokenizer.unquote("\"a', 'b\"")).isEqualTo("a', 'b");
        assertThat(LineTokenizer.unquote("\"a\", \"b\"")).isEqualTo("a\", \"b");
        assertThat(LineTokenizer.unquote("\"a'")).isEqualTo("a");
        assertThat(LineTokenizer.unquote("plain")).isEqualTo("plain");
        assertThat(LineTokenizer.unquote("\"")).isEmpty();
    }
}
