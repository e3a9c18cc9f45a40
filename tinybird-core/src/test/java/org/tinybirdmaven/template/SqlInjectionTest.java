package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Classic SQL-injection payloads sent through every function that puts a request value into SQL. The proof: the
 * rendered SQL is split into tokens with ClickHouse's quoting rules ({@link #tokenize}); the tokens of the whole
 * statement must be exactly the tokens of the fixed text before the tag, then the tokens of the value, then the
 * tokens of the fixed text after the tag — so the value cannot have ended a literal or identifier early, started a
 * comment or swallowed the rest of the statement — and the value's tokens must have the expected shape (one string
 * literal, one quoted identifier, ...). Values that a function rejects are fine too: no SQL is produced.
 */
class SqlInjectionTest {

    private static final String BEFORE = "SELECT * FROM t WHERE a = 1 AND b = ";
    private static final String AFTER = " AND c = 'fixed' -- end\n LIMIT 10";

    private static final List<String> PAYLOADS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE users; --",
            "\\' OR 1=1 --",
            "\\",
            "a\\\\'b",
            "1) UNION ALL SELECT name, password FROM system.users --",
            "\" OR \"\"=\"",
            "`; DROP TABLE x; --",
            "x' /* comment */ OR '",
            "abc\n-- newline\nDROP TABLE t",
            "%' AND 1=0 UNION SELECT password FROM users WHERE '%'='",
            "a\u0000b",
            "a\u001ab\rc\td\be",
            "'' OR ''='",
            "}' OR 1 --",
            "a.b`.c",
            "x,y') OR ('1'='1",
            "\u02bc OR 1=1 \uff07",
            "2024-01-01 00:00:00' OR '1'='1",
            "2024-01-01T00:00:00.000' UNION SELECT 1 --",
            "1 OR 1=1",
            "1; DROP TABLE t",
            "1\n",
            "-1 UNION SELECT 1");

    // ------------------------------------------------------------------------------------------------ lexer

    enum Kind {
        STRING, BACKQUOTED, DOUBLE_QUOTED, WORD, NUMBER, SYMBOL, COMMENT, UNTERMINATED
    }

    record Token(Kind kind, String value) {}

    /**
     * ClickHouse's lexical rules for what matters here: {@code '...'}, {@code `...`} and {@code "..."} where a
     * backslash escapes the next character and a doubled quote is a quote; {@code --} and {@code /* * /} comments;
     * words, numbers and single-character symbols. Escapes are decoded with the inverse of Tinybird's table.
     */
    static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                tokens.add(new Token(Kind.COMMENT, sql.substring(i, end)));
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    tokens.add(new Token(Kind.UNTERMINATED, sql.substring(i)));
                    return tokens;
                }
                tokens.add(new Token(Kind.COMMENT, sql.substring(i, end + 2)));
                i = end + 2;
            } else if (c == '\'' || c == '`' || c == '"') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        value.append(unescape(sql.charAt(j + 1)));
                        j += 2;
                    } else if (d == c && j + 1 < n && sql.charAt(j + 1) == c) {
                        value.append(c);
                        j += 2;
                    } else if (d == c) {
                        closed = true;
                        j++;
                        break;
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                if (!closed) {
                    tokens.add(new Token(Kind.UNTERMINATED, sql.substring(i)));
                    return tokens;
                }
                tokens.add(new Token(c == '\'' ? Kind.STRING : c == '`' ? Kind.BACKQUOTED : Kind.DOUBLE_QUOTED,
                        value.toString()));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                    j++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.'
                        || (sql.charAt(j) == '-' || sql.charAt(j) == '+') && "eE".indexOf(sql.charAt(j - 1)) >= 0)) {
                    j++;
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(i, j)));
                i = j;
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    private static char unescape(char c) {
        return switch (c) {
            case '0' -> '\0';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 't' -> '\t';
            case 'z' -> '\u001a';
            case 'n' -> '\n';
            default -> c;
        };
    }

    @Test
    void theLexerSeesABreakout() {
        String broken = BEFORE + "'" + "' OR '1'='1" + "'" + AFTER;
        assertThat(tokenize(broken)).isNotEqualTo(concat(tokenize(BEFORE), List.of(new Token(Kind.STRING, "")),
                tokenize(AFTER)));
        assertThat(tokenize("'a\\'")).extracting(Token::kind).containsExactly(Kind.UNTERMINATED);
        assertThat(tokenize("'it\\'s' `a``b`")).containsExactly(new Token(Kind.STRING, "it's"),
                new Token(Kind.BACKQUOTED, "a`b"));
    }

    // ------------------------------------------------------------------------------------------------ checks

    @SafeVarargs
    private static List<Token> concat(List<Token>... parts) {
        List<Token> all = new ArrayList<>();
        for (List<Token> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /**
     * Renders {@code BEFORE {{ expression }} AFTER} with {@code x} set to each payload and checks the confinement; the
     * value's tokens go to {@code shape}. Returns how many payloads produced SQL.
     */
    private static int assertConfined(String expression, RenderOptions options, Map<String, Object> extra,
            Consumer<List<Token>> shape) {
        int rendered = 0;
        for (String payload : PAYLOADS) {
            Map<String, Object> parameters = new java.util.LinkedHashMap<>(extra);
            parameters.put("x", payload);
            String sql;
            try {
                sql = new TemplateRenderer(options).render(TemplateParser.parse(BEFORE + "{{ " + expression + " }}"
                        + AFTER), parameters, RenderMode.REQUEST).sql();
            } catch (TemplateRenderException rejected) {
                assertThat(rejected.status()).as(payload).isEqualTo(400);
                continue;
            }
            rendered++;
            assertThat(sql).startsWith(BEFORE).endsWith(AFTER);
            String value = sql.substring(BEFORE.length(), sql.length() - AFTER.length());
            List<Token> valueTokens = tokenize(value);
            assertThat(tokenize(sql)).as("tokens of %s with x = %s", expression, payload)
                    .isEqualTo(concat(tokenize(BEFORE), valueTokens, tokenize(AFTER)));
            assertThat(valueTokens).as("value tokens of %s with x = %s", expression, payload)
                    .noneMatch(token -> token.kind() == Kind.COMMENT || token.kind() == Kind.UNTERMINATED);
            shape.accept(valueTokens);
        }
        return rendered;
    }

    private static int assertConfined(String expression, Consumer<List<Token>> shape) {
        return assertConfined(expression, RenderOptions.defaults(), Map.of(), shape);
    }

    private static void oneString(List<Token> tokens) {
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).kind()).isEqualTo(Kind.STRING);
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void plainParametersAndStringStayOneLiteralWithTheExactValue() {
        for (String expression : List.of("x", "String(x)", "String(x, 'd')")) {
            assertThat(assertConfined(expression, tokens -> oneString(tokens))).isEqualTo(PAYLOADS.size());
        }
        for (String payload : PAYLOADS) {
            String sql = new TemplateRenderer().render(TemplateParser.parse("{{ x }}"), Map.of("x", payload),
                    RenderMode.REQUEST).sql();
            assertThat(tokenize(sql)).containsExactly(new Token(Kind.STRING, payload));
        }
    }

    @Test
    void dateTypesAcceptOnlyTheirFormatAndQuoteTheRest() {
        for (String type : List.of("Date", "DateTime", "DateTime64")) {
            assertConfined(type + "(x)", SqlInjectionTest::oneString);
        }
        assertThat(assertConfined("DateTime(x)", SqlInjectionTest::oneString)).isEqualTo(2);
    }

    @Test
    void numericTypesRenderOnlyNormalisedNumbers() {
        for (String type : List.of("Int8", "Int16", "Int32", "Int64", "Int128", "Int256", "UInt8", "UInt16", "UInt32",
                "UInt64", "UInt128", "UInt256", "Float32", "Float64")) {
            assertConfined(type + "(x)", tokens -> {
                assertThat(tokens).extracting(Token::kind)
                        .containsExactly(Kind.WORD, Kind.SYMBOL, Kind.STRING, Kind.SYMBOL);
                assertThat(tokens.get(0).value()).isEqualTo("to" + type);
                assertThat(tokens.get(2).value()).matches("-?[0-9]+(\\.[0-9]+)?(e[+-][0-9]+)?|-?inf|nan");
            });
        }
        for (String type : List.of("Int", "Integer")) {
            assertConfined(type + "(x)", tokens -> assertThat(tokens).extracting(Token::kind)
                    .containsAnyOf(Kind.NUMBER).doesNotContain(Kind.STRING, Kind.WORD));
        }
        assertConfined("Boolean(x)", tokens -> assertThat(tokens).containsExactly(new Token(Kind.NUMBER, "1")));
    }

    @Test
    void identifiersStayQuoted() {
        for (String expression : List.of("symbol(x)", "Symbol(x)", "Column(x)", "column(x, 'd')")) {
            assertThat(assertConfined(expression, tokens -> assertThat(tokens).allSatisfy(token -> assertThat(
                    token.kind() == Kind.BACKQUOTED || token.equals(new Token(Kind.SYMBOL, "."))).isTrue())))
                    .isEqualTo(PAYLOADS.size());
        }
        assertConfined("symbol(x)", tokens -> assertThat(tokens).hasSize(1));
        assertConfined("symbol(x, '\"')", tokens -> assertThat(tokens).extracting(Token::kind)
                .containsExactly(Kind.DOUBLE_QUOTED));
        assertConfined("symbol(x, \"'\")", SqlInjectionTest::oneString);
    }

    @Test
    void columnListsStayQuotedIdentifiers() {
        assertConfined("columns(x)", tokens -> assertThat(tokens).allSatisfy(token -> assertThat(
                token.kind() == Kind.BACKQUOTED || token.kind() == Kind.SYMBOL && ".,".contains(token.value()))
                .isTrue()));
        assertConfined("columns(x, fn='sum')", tokens -> assertThat(tokens).allSatisfy(token -> assertThat(
                token.kind() == Kind.BACKQUOTED || token.kind() == Kind.SYMBOL && ".,()".contains(token.value())
                        || token.kind() == Kind.WORD && List.of("sum", "as").contains(token.value())
                        || token.kind() == Kind.WORD && token.value().matches("[A-Za-z_][A-Za-z0-9_]*")).isTrue()));
    }

    @Test
    void tableNamesAreBareIdentifiersOrQuoted() {
        assertConfined("table(x)", tokens -> assertThat(tokens).allSatisfy(token -> assertThat(
                token.kind() == Kind.BACKQUOTED || token.kind() == Kind.WORD
                        || token.equals(new Token(Kind.SYMBOL, "."))).isTrue()));
    }

    @Test
    void arrayElementsAreOneLiteralEach() {
        assertThat(assertConfined("Array(x)", tokens -> {
            assertThat(tokens.get(0)).isEqualTo(new Token(Kind.SYMBOL, "["));
            assertThat(tokens.get(tokens.size() - 1)).isEqualTo(new Token(Kind.SYMBOL, "]"));
            for (int i = 1; i < tokens.size() - 1; i++) {
                assertThat(tokens.get(i)).isEqualTo(i % 2 == 1 ? tokens.get(i) : new Token(Kind.SYMBOL, ","));
                if (i % 2 == 1) {
                    assertThat(tokens.get(i).kind()).isEqualTo(Kind.STRING);
                }
            }
        })).isEqualTo(PAYLOADS.size());
        assertConfined("Array(x, 'Int32')", tokens -> assertThat(tokens).extracting(Token::kind)
                .doesNotContain(Kind.STRING, Kind.WORD));
        assertConfined("Array(x, 'Date')", tokens -> assertThat(tokens).extracting(Token::kind)
                .doesNotContain(Kind.WORD, Kind.BACKQUOTED));
    }

    @Test
    void splitToArrayReprKeepsEveryElementOneToken() {
        Consumer<List<Token>> shape = tokens -> {
            assertThat(tokens.get(0)).isEqualTo(new Token(Kind.SYMBOL, "["));
            for (int i = 1; i < tokens.size() - 1; i++) {
                Kind kind = tokens.get(i).kind();
                assertThat(i % 2 == 1 ? kind == Kind.STRING || kind == Kind.DOUBLE_QUOTED
                        : tokens.get(i).equals(new Token(Kind.SYMBOL, ","))).isTrue();
            }
        };
        assertThat(assertConfined("split_to_array(x)", shape)).isEqualTo(PAYLOADS.size());
        RenderOptions escaping = RenderOptions.builder().escapeArrays(true).build();
        assertConfined("split_to_array(x)", escaping, Map.of(), tokens -> {
            shape.accept(tokens);
            assertThat(tokens).extracting(Token::kind).doesNotContain(Kind.DOUBLE_QUOTED);
        });
    }

    @Test
    void sqlAndKeepsValuesInLiterals() {
        assertThat(assertConfined("sql_and(col=String(x), other__in=Array(x), n__gt=Int32(y, defined=False))",
                RenderOptions.defaults(), Map.of("y", "3"), tokens -> {
                    assertThat(tokens.subList(0, 3)).containsExactly(new Token(Kind.WORD, "col"),
                            new Token(Kind.SYMBOL, "="), tokens.get(2));
                    assertThat(tokens.get(2).kind()).isEqualTo(Kind.STRING);
                    assertThat(tokens.subList(3, 6)).containsExactly(new Token(Kind.WORD, "and"),
                            new Token(Kind.WORD, "other"), new Token(Kind.WORD, "in"));
                    assertThat(tokens.get(6)).isEqualTo(new Token(Kind.SYMBOL, "["));
                    assertThat(tokens.get(7).kind()).isEqualTo(Kind.STRING);
                    assertThat(tokens.subList(tokens.size() - 8, tokens.size())).containsExactly(
                            new Token(Kind.SYMBOL, "]"), new Token(Kind.WORD, "and"), new Token(Kind.WORD, "n"),
                            new Token(Kind.SYMBOL, ">"), new Token(Kind.WORD, "toInt32"), new Token(Kind.SYMBOL, "("),
                            new Token(Kind.STRING, "3"), new Token(Kind.SYMBOL, ")"));
                })).isEqualTo(PAYLOADS.size());
    }

    @Test
    void sqlUnescapeNeverEndsTheLiteral() {
        for (String what : List.of("%", "_", "", "'", "\\", "\\'", "n", "`", "\"")) {
            assertConfined("sql_unescape(String(x), w)", RenderOptions.defaults(), Map.of("w", what),
                    SqlInjectionTest::oneString);
        }
    }

    @Test
    void jsonValuesRenderAsTokensOfTheirRepr() {
        assertConfined("JSON(j)['k']", RenderOptions.defaults(), Map.of("j", "{\"k\": \"' OR 1=1 --\"}"),
                SqlInjectionTest::oneString);
        assertConfined("x", RenderOptions.defaults(), Map.of(), SqlInjectionTest::oneString);
    }

    @Test
    void secretsAreNeverInlined() {
        String secret = "s3cr3t' OR '1'='1";
        RenderOptions options = RenderOptions.builder().secrets(Map.of("key", secret)).build();
        RenderResult result = new TemplateRenderer(options).render(TemplateParser.parse(BEFORE
                + "{{ tb_secret('key') }}" + AFTER), Map.of(), RenderMode.REQUEST);
        assertThat(result.sql()).doesNotContain(secret).contains("{key: String}");
        assertThat(result.queryParameters()).containsEntry("key", secret);
    }

    @Test
    void commentsEndAtTheirLine() {
        for (String expression : List.of("max_threads(x)", "backend_hint(x)")) {
            for (String payload : PAYLOADS) {
                String sql = new TemplateRenderer().render(TemplateParser.parse("{{ " + expression + " }}SELECT 1"),
                        Map.of("x", payload), RenderMode.REQUEST).sql();
                List<Token> tokens = tokenize(sql);
                assertThat(tokens.get(0).kind()).isEqualTo(Kind.COMMENT);
                assertThat(tokens.subList(1, tokens.size())).containsExactly(new Token(Kind.WORD, "SELECT"),
                        new Token(Kind.NUMBER, "1"));
            }
        }
    }
}
