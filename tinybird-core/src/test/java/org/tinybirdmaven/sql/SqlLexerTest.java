package org.tinybirdmaven.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.tinybirdmaven.sql.SqlToken.Kind.COMMA;
import static org.tinybirdmaven.sql.SqlToken.Kind.DOT;
import static org.tinybirdmaven.sql.SqlToken.Kind.HEREDOC;
import static org.tinybirdmaven.sql.SqlToken.Kind.LEFT_PAREN;
import static org.tinybirdmaven.sql.SqlToken.Kind.NUMBER;
import static org.tinybirdmaven.sql.SqlToken.Kind.OPERATOR;
import static org.tinybirdmaven.sql.SqlToken.Kind.QUOTED_IDENTIFIER;
import static org.tinybirdmaven.sql.SqlToken.Kind.RIGHT_PAREN;
import static org.tinybirdmaven.sql.SqlToken.Kind.STRING;
import static org.tinybirdmaven.sql.SqlToken.Kind.TEMPLATE_COMMENT;
import static org.tinybirdmaven.sql.SqlToken.Kind.TEMPLATE_EXPRESSION;
import static org.tinybirdmaven.sql.SqlToken.Kind.TEMPLATE_STATEMENT;
import static org.tinybirdmaven.sql.SqlToken.Kind.WORD;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.syntax.SyntaxException;

class SqlLexerTest {

    private static List<String> texts(String sql) {
        return SqlLexer.tokenize(sql).stream().map(SqlToken::text).toList();
    }

    private static List<SqlToken.Kind> kinds(String sql) {
        return SqlLexer.tokenize(sql).stream().map(SqlToken::kind).toList();
    }

    @Test
    void wordsPunctuationAndPositions() {
        List<SqlToken> tokens = SqlLexer.tokenize("SELECT a,\n  f(b) FROM t");

        assertThat(tokens)
                .extracting(SqlToken::kind, SqlToken::text, SqlToken::offset, SqlToken::line, SqlToken::column)
                .containsExactly(
                        tuple(WORD, "SELECT", 0, 1, 1),
                        tuple(WORD, "a", 7, 1, 8),
                        tuple(COMMA, ",", 8, 1, 9),
                        tuple(WORD, "f", 12, 2, 3),
                        tuple(LEFT_PAREN, "(", 13, 2, 4),
                        tuple(WORD, "b", 14, 2, 5),
                        tuple(RIGHT_PAREN, ")", 15, 2, 6),
                        tuple(WORD, "FROM", 17, 2, 8),
                        tuple(WORD, "t", 22, 2, 13));
    }

    @Test
    void quotedIdentifiersUnescapeBackslashAndDoubledQuotes() {
        List<SqlToken> tokens = SqlLexer.tokenize("`a``b` \"c\"\"d\" `e\\`f` \"g\\\"h\"");

        assertThat(tokens).extracting(SqlToken::kind).containsOnly(QUOTED_IDENTIFIER);
        assertThat(tokens).extracting(SqlToken::value).containsExactly("a`b", "c\"d", "e`f", "g\"h");
    }

    @Test
    void stringLiteralsUnescape() {
        List<SqlToken> tokens = SqlLexer.tokenize("'it''s' 'a\\'b' 'tab\\there' '\\x41\\\\' 'FROM x'");

        assertThat(tokens).extracting(SqlToken::kind).containsOnly(STRING);
        assertThat(tokens).extracting(SqlToken::value).containsExactly("it's", "a'b", "tab\there", "A\\", "FROM x");
    }

    @Test
    void heredocsWithAndWithoutTag() {
        List<SqlToken> tokens = SqlLexer.tokenize("$$it's $x$$ $tag$a $$ b$tag$ $name");

        assertThat(tokens).extracting(SqlToken::kind, SqlToken::value)
                .containsExactly(tuple(HEREDOC, "it's $x"), tuple(HEREDOC, "a $$ b"), tuple(WORD, "$name"));
    }

    @Test
    void numbersIncludingHexExponentsAndTupleAccess() {
        assertThat(texts(".5 1 1.5 0x1F 0b101 1e10 2.5E-3 1_000 0x1p4"))
                .containsExactly(".5", "1", "1.5", "0x1F", "0b101", "1e10", "2.5E-3", "1_000", "0x1p4");
        assertThat(kinds(".5 1 1.5 0x1F 0b101 1e10 2.5E-3 1_000 0x1p4")).containsOnly(NUMBER);
        assertThat(kinds("a .5")).containsExactly(WORD, DOT, NUMBER);
        assertThat(kinds("t.1.2")).containsExactly(WORD, DOT, NUMBER, DOT, NUMBER);
        assertThat(kinds("f(x).1")).containsExactly(WORD, LEFT_PAREN, WORD, RIGHT_PAREN, DOT, NUMBER);
        assertThat(kinds("1st")).containsExactly(WORD);
    }

    @Test
    void multiCharacterOperators() {
        assertThat(texts("a->b::c||d!=e<>f<=g>=h==i=j<k>l%m")).containsExactly(
                "a", "->", "b", "::", "c", "||", "d", "!=", "e", "<>", "f", "<=", "g", ">=", "h", "==", "i", "=", "j",
                "<", "k", ">", "l", "%", "m");
        assertThat(kinds("->")).containsExactly(OPERATOR);
    }

    @Test
    void commentsProduceNoTokens() {
        assertThat(texts("a -- JOIN y\nb /* x /* nested */ JOIN z */ c // d\ne # f\ng #!h\ni")).containsExactly(
                "a", "b", "c", "e", "g", "i");
    }

    @Test
    void hashNotFollowedBySpaceOrBangIsAnOperator() {
        assertThat(texts("a #b")).containsExactly("a", "#", "b");
    }

    @Test
    void templateRegionsAreTokens() {
        List<SqlToken> tokens = SqlLexer.tokenize("%\n{% if a %}x{% end %} {{ table('t') }} {# note #}");

        assertThat(tokens).extracting(SqlToken::kind, SqlToken::text).containsExactly(
                tuple(OPERATOR, "%"),
                tuple(TEMPLATE_STATEMENT, "{% if a %}"),
                tuple(WORD, "x"),
                tuple(TEMPLATE_STATEMENT, "{% end %}"),
                tuple(TEMPLATE_EXPRESSION, "{{ table('t') }}"),
                tuple(TEMPLATE_COMMENT, "{# note #}"));
        assertThat(tokens.get(4).value()).isEqualTo(" table('t') ");
    }

    @Test
    void templateRegionEndsAtFirstCloserWhateverItContains() {
        assertThat(texts("{% set x = '}}' %} b")).containsExactly("{% set x = '}}' %}", "b");
        assertThat(texts("{{ x }} }} y")).containsExactly("{{ x }}", "}", "}", "y");
    }

    @Test
    void templateRegionInsideStringOrCommentFollowsTheContainingToken() {
        List<SqlToken> tokens = SqlLexer.tokenize("'a{{ \"'\" }}b' -- {{ table('c') }}\nd");

        assertThat(tokens).extracting(SqlToken::kind, SqlToken::text).containsExactly(
                tuple(STRING, "'a{{ \"'\" }}b'"),
                tuple(TEMPLATE_EXPRESSION, "{{ \"'\" }}"),
                tuple(TEMPLATE_EXPRESSION, "{{ table('c') }}"),
                tuple(WORD, "d"));
        assertThat(tokens.get(1).offset()).isEqualTo(2);
        assertThat(tokens.get(2)).extracting(SqlToken::line, SqlToken::column).containsExactly(1, 18);
    }

    @Test
    void escapedAndTripleBracesAreNotRegionOpeners() {
        assertThat(texts("{{! x }}")).containsExactly("{", "{", "!", "x", "}", "}");
        assertThat(texts("{{{ x }}}")).containsExactly("{", "{{ x }}", "}");
        assertThat(texts("{'a': 1}")).containsExactly("{", "'a'", ":", "1", "}");
    }

    @Test
    void unterminatedStringIsReportedAtItsQuote() {
        assertThatThrownBy(() -> SqlLexer.tokenize("SELECT 1\nWHERE a = 'x\\'"))
                .isInstanceOf(SyntaxException.class)
                .hasMessage("2:11: unterminated string literal");
    }

    @Test
    void unterminatedQuotedIdentifierIsReportedAtItsQuote() {
        assertThatThrownBy(() -> SqlLexer.tokenize("SELECT `a"))
                .isInstanceOf(SyntaxException.class)
                .hasMessage("1:8: unterminated quoted identifier");
        assertThatThrownBy(() -> SqlLexer.tokenize("SELECT \"a\"\"")).hasMessage("1:8: unterminated quoted identifier");
    }

    @Test
    void unterminatedHeredocIsReportedAtItsTag() {
        assertThatThrownBy(() -> SqlLexer.tokenize("SELECT\n  $t$ abc $$")).hasMessage("2:3: unterminated heredoc");
    }

    @Test
    void unterminatedBlockCommentIsReportedAtItsStart() {
        assertThatThrownBy(() -> SqlLexer.tokenize("a /* b /* c */")).hasMessage("1:3: unterminated comment");
    }

    @Test
    void unterminatedTemplateRegionsAreReportedAtTheirStart() {
        assertThatThrownBy(() -> SqlLexer.tokenize("a\n {{ x }"))
                .hasMessage("2:2: unterminated template region: missing }}");
        assertThatThrownBy(() -> SqlLexer.tokenize("{% if x }}")).hasMessage("1:1: unterminated template region: missing %}");
        assertThatThrownBy(() -> SqlLexer.tokenize("a '{# x'")).hasMessage("1:4: unterminated template region: missing #}");
    }
}
