package org.tinybirdmaven.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.syntax.SyntaxException;

class VersionedNamesTest {

    private static final Map<String, String> EVENTS_V1 = Map.of("events", "events__v1");

    // Expected values of the Classic tests were produced with the CLI's own expression in CPython:
    // re.sub("([\t \\n']+|^)" + old + "([\t \\n'\\)]+|$)", "\\1" + new + "\\2", sql)

    @Test
    void classicRenamesNamesBetweenBlanksQuotesAndParenthesis() {
        assertThat(VersionedNames.rewrite(
                "SELECT * FROM events\nWHERE joinGet('events', 'c', k) AND x IN (SELECT y FROM\n  events)", EVENTS_V1))
                .isEqualTo("SELECT * FROM events__v1\nWHERE joinGet('events__v1', 'c', k) AND x IN (SELECT y FROM\n"
                        + "  events__v1)");
        assertThat(VersionedNames.rewrite("events FROM\tevents\t", EVENTS_V1)).isEqualTo("events__v1 FROM\tevents__v1\t");
    }

    @Test
    void classicLeavesOtherPunctuationAlone() {
        String sql = "SELECT * FROM (events) JOIN events, x.events ON 1 JOIN events_raw ON 1 JOIN my_events ON 1";

        assertThat(VersionedNames.rewrite(sql, EVENTS_V1)).isEqualTo(sql);
    }

    @Test
    void classicCarriageReturnIsNotABoundary() {
        assertThat(VersionedNames.rewrite("SELECT * FROM events\r\nWHERE 1", EVENTS_V1))
                .isEqualTo("SELECT * FROM events\r\nWHERE 1");
    }

    @Test
    void classicRenamesColumnsAndStringsToo() {
        assertThat(VersionedNames.rewrite("SELECT events FROM t WHERE x = 'events'", EVENTS_V1))
                .isEqualTo("SELECT events__v1 FROM t WHERE x = 'events__v1'");
    }

    @Test
    void classicBoundaryRunsAreConsumed() {
        assertThat(VersionedNames.rewrite("SELECT * FROM events  events", EVENTS_V1))
                .isEqualTo("SELECT * FROM events__v1  events");
    }

    @Test
    void classicAppliesRenamesOneAfterAnother() {
        Map<String, String> renames = new LinkedHashMap<>();
        renames.put("a", "b");
        renames.put("b", "c");

        assertThat(VersionedNames.rewrite("FROM a JOIN b ON 1", renames)).isEqualTo("FROM c JOIN c ON 1");
    }

    @Test
    void classicDotInNameMatchesAnyCharacter() {
        assertThat(VersionedNames.rewrite("FROM wsXds JOIN ws.ds ON 1", Map.of("ws.ds", "ws.ds__v1")))
                .isEqualTo("FROM ws.ds__v1 JOIN ws.ds__v1 ON 1");
    }

    @Test
    void classicAgreesWithTheCliRegularExpressionOnRandomText() {
        Random random = new Random(42);
        String alphabet = "ev.x '\n)(,\r\t";
        for (String name : new String[] {"ev", "e.v", "v"}) {
            Pattern cli = Pattern.compile("([\t \n']+|^)" + name + "([\t \n')]+|$)", Pattern.UNIX_LINES);
            for (int n = 0; n < 3000; n++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(14); i > 0; i--) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String expected = cli.matcher(text).replaceAll("$1" + Matcher.quoteReplacement("N$") + "$2");

                assertThat(VersionedNames.rewrite(text.toString(), Map.of(name, "N$")))
                        .as("name %s in %s", name, text).isEqualTo(expected);
            }
        }
    }

    @Test
    void classicIsLinearOnLongBlankRuns() {
        String sql = "SELECT" + " ".repeat(400_000) + "x FROM t";

        String result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> VersionedNames.rewrite(sql, EVENTS_V1));

        assertThat(result).isEqualTo(sql);
    }

    @Test
    void tokensRenamesEveryTableReferenceWhateverThePunctuation() {
        String sql = "SELECT * FROM events, other JOIN (SELECT * FROM events) e ON 1 WHERE x IN events OR y IN(events)";

        assertThat(VersionedNames.rewriteTokens(sql, EVENTS_V1)).isEqualTo("SELECT * FROM events__v1, other "
                + "JOIN (SELECT * FROM events__v1) e ON 1 WHERE x IN events__v1 OR y IN(events__v1)");
    }

    @Test
    void tokensLeavesColumnsStringsAndCtesAlone() {
        String sql = "WITH events AS (SELECT 1) SELECT events, 'events' FROM events";

        assertThat(VersionedNames.rewriteTokens(sql, EVENTS_V1)).isEqualTo(sql);
    }

    @Test
    void tokensKeepsQuotingStyle() {
        assertThat(VersionedNames.rewriteTokens("SELECT * FROM `events` JOIN \"events\" ON 1", EVENTS_V1))
                .isEqualTo("SELECT * FROM `events__v1` JOIN \"events__v1\" ON 1");
        assertThat(VersionedNames.rewriteTokens("SELECT * FROM events", Map.of("events", "my events")))
                .isEqualTo("SELECT * FROM `my events`");
    }

    @Test
    void tokensRenamesFunctionAndTemplateLiterals() {
        String sql = "%\nSELECT joinGet('events', 'c', k), dictGet('ws.dict', 'a', k) FROM {{ table(\"events\") }}";

        assertThat(VersionedNames.rewriteTokens(sql, Map.of("events", "events__v1", "ws.dict", "ws.dict__v2")))
                .isEqualTo("%\nSELECT joinGet('events__v1', 'c', k), dictGet('ws.dict__v2', 'a', k) "
                        + "FROM {{ table(\"events__v1\") }}");
    }

    @Test
    void tokensMatchesQualifiedReferencesOnlyByQualifiedKey() {
        String sql = "SELECT * FROM ws.events JOIN events ON 1";

        assertThat(VersionedNames.rewriteTokens(sql, EVENTS_V1)).isEqualTo("SELECT * FROM ws.events JOIN events__v1 ON 1");
        assertThat(VersionedNames.rewriteTokens(sql, Map.of("ws.events", "ws2.events__v3")))
                .isEqualTo("SELECT * FROM ws2.events__v3 JOIN events ON 1");
    }

    @Test
    void tokensMayQualifyAnUnqualifiedReference() {
        assertThat(VersionedNames.rewriteTokens("SELECT * FROM `events`", Map.of("events", "d_1.t_2")))
                .isEqualTo("SELECT * FROM `d_1`.`t_2`");
    }

    @Test
    void tokensAppliesAllRenamesAtOnce() {
        assertThat(VersionedNames.rewriteTokens("FROM a JOIN b ON 1", Map.of("a", "b", "b", "c")))
                .isEqualTo("FROM b JOIN c ON 1");
    }

    @Test
    void tokensRenamesInEveryTemplateBranch() {
        String sql = "%\n{% if x %}SELECT * FROM events{% else %}SELECT * FROM events, u{% end %}";

        assertThat(VersionedNames.rewriteTokens(sql, EVENTS_V1))
                .isEqualTo("%\n{% if x %}SELECT * FROM events__v1{% else %}SELECT * FROM events__v1, u{% end %}");
    }

    @Test
    void tokensReportsSyntaxErrors() {
        assertThatThrownBy(() -> VersionedNames.rewriteTokens("SELECT * FROM (events", EVENTS_V1))
                .isInstanceOf(SyntaxException.class)
                .hasMessage("1:15: unclosed '('");
    }
}
