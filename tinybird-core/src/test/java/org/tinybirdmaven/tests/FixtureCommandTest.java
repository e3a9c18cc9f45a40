package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixtureCommandTest {

    private static final Map<String, String> VARS = Map.of("VERSION", "1.2.0", "1", "1.2.0");

    private static FixtureCommand one(String text) {
        List<FixtureCommand> commands = FixtureCommand.parse(text, "tests/t.test", VARS);
        assertThat(commands).hasSize(1);
        return commands.get(0);
    }

    private static String error(String text) {
        return assertThatThrownBy(() -> FixtureCommand.parse(text, "tests/t.test", VARS))
                .isInstanceOf(TestFileException.class).actual().getMessage();
    }

    @Test
    void readsThePipeDataLinesOfRealProjects() {
        FixtureCommand command = one("tb pipe data top_products --date_start 2024-03-01 --date_end 2024-03-03"
                + " --limit 3 --format CSV\n\n");
        assertThat(command.pipe()).isEqualTo("top_products");
        assertThat(command.params()).containsExactly(Map.entry("date_start", "2024-03-01"),
                Map.entry("date_end", "2024-03-03"), Map.entry("limit", "3"));
        assertThat(command.csv()).isTrue();
        assertThat(command.query()).isNull();

        FixtureCommand quoted = one("tb pipe data kpis --date_from 2053-10-11 --fixed_time \"2053-10-13 00:00:00\""
                + "  --format csv");
        assertThat(quoted.params()).containsEntry("fixed_time", "2053-10-13 00:00:00");
    }

    @Test
    void quotesContinuationsVariablesAndEqualsForms() {
        FixtureCommand command = one("tb --semver $VERSION pipe data 'my pipe' \\\n"
                + "  --query \"SELECT * FROM _ WHERE name = 'x' AND v = \\\"\\$y\\\"\" \\\n"
                + "  --tag=v${VERSION} --note 'a \"b\" c' --empty '' --esc it\\'s --format=CSV # comment");
        assertThat(command.pipe()).isEqualTo("my pipe");
        assertThat(command.query()).isEqualTo("SELECT * FROM _ WHERE name = 'x' AND v = \"$y\"");
        assertThat(command.params()).containsExactly(Map.entry("tag", "v1.2.0"), Map.entry("note", "a \"b\" c"),
                Map.entry("empty", ""), Map.entry("esc", "it's"));
        assertThat(one("tb --semver=$1 pipe data p --format CSV").pipe()).isEqualTo("p");
    }

    @Test
    void readsTbSqlWithItsLimit() {
        FixtureCommand sql = one("tb sql \"select * from copy_bots_snapshot where bot_source='wget'\"");
        assertThat(sql.pipe()).isNull();
        assertThat(sql.query()).isEqualTo("select * from copy_bots_snapshot where bot_source='wget'");
        assertThat(sql.csv()).isFalse();
        assertThat(sql.rowsLimit()).isEqualTo(100);
        FixtureCommand csv = one("tb sql 'SELECT 1' --rows_limit 5 --format CSV");
        assertThat(csv.csv()).isTrue();
        assertThat(csv.rowsLimit()).isEqualTo(5);
    }

    @Test
    void severalLinesAreSeveralCommands() {
        List<FixtureCommand> commands = FixtureCommand.parse("# two checks\ntb pipe data a --format CSV\n\n"
                + "tb pipe data b --format CSV\n", "tests/t.test", VARS);
        assertThat(commands).extracting(FixtureCommand::pipe).containsExactly("a", "b");
        assertThat(commands).extracting(FixtureCommand::line).containsExactly(2, 4);
    }

    @Test
    void whatNeedsAShellIsRefusedWithItsPosition() {
        assertThat(error("tb pipe data a --format CSV | head -1")).isEqualTo("tests/t.test:1:29: '|' needs a shell"
                + " (pipes, redirections, several commands on one line and subshells are not supported); write one"
                + " 'tb pipe data …' or 'tb sql …' command per line");
        assertThat(error("tb pipe data a --format CSV > out")).startsWith("tests/t.test:1:29: '>' needs a shell");
        assertThat(error("tb pipe data a --format CSV; echo x")).contains("';' needs a shell");
        assertThat(error("tb pipe data a --format CSV && echo")).contains("'&' needs a shell");
        assertThat(error("\ntb pipe data a --x $(date) --format CSV")).startsWith("tests/t.test:2:20: command"
                + " substitution");
        assertThat(error("tb pipe data a --x `date`")).contains("'`' needs a shell");
        assertThat(error("tb pipe data a --x $HOME --format CSV")).isEqualTo("tests/t.test:1:20: unknown variable"
                + " $HOME; the variables of .tinyenv (and $1, its VERSION) are available: 1, VERSION");
        assertThat(error("tb pipe data a --x 'open")).isEqualTo("tests/t.test:1:20: unterminated single quote");
        assertThat(error("tb pipe data a --x \"open")).contains("unterminated double quote");
        assertThat(error("tb pipe data a --x * --format CSV")).contains("'*' would be expanded by the shell");
    }

    @Test
    void otherCommandsAndOutputsThatCannotMatchAreRefused() {
        assertThat(error("curl http://x")).isEqualTo("tests/t.test:1: 'curl' is not a tb command; a fixture test"
                + " runs 'tb pipe data …' or 'tb sql …'");
        assertThat(error("echo hi\n")).contains("'echo' is not a tb command");
        assertThat(error("tb datasource ls")).isEqualTo("tests/t.test:1: 'tb datasource ls' is not supported; a"
                + " fixture test runs 'tb pipe data …' or 'tb sql …'");
        assertThat(error("tb --token abc pipe data a --format CSV")).contains("the tb option --token is not"
                + " supported here");
        assertThat(error("tb pipe data top --date 2024")).isEqualTo("tests/t.test:1: 'tb pipe data' without --format"
                + " prints the query's timing, which no expected output can match; use --format CSV");
        assertThat(error("tb pipe data top --format json")).contains("with --format json");
        assertThat(error("tb pipe data --format CSV")).contains("'tb pipe data' needs the pipe's name");
        assertThat(error("tb pipe data top extra --format CSV")).contains("unexpected 'extra'");
        assertThat(error("tb pipe data top --format")).contains("--format needs a value");
        assertThat(error("tb sql 'SELECT 1' --format json")).contains("use --format CSV or no --format");
        assertThat(error("tb sql 'SELECT 1' --rows_limit many")).contains("--rows_limit must be a number");
        assertThat(error("tb sql")).contains("'tb sql' needs a query");
        assertThat(error("# only a comment\n")).isEqualTo("tests/t.test: no command: write a 'tb pipe data <pipe> …"
                + " --format CSV' line");
    }
}
