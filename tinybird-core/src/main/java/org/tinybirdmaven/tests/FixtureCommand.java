package org.tinybirdmaven.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.output.TextTable;

/**
 * One {@code tb} command line of a fixture test, run natively instead of through bash and the Python CLI (spec
 * §11.9, §11.10). Two commands are understood:
 * <ul>
 *   <li>{@code tb [--semver V] pipe data <pipe> [--query <sql>] --format CSV [--<param> <value> | --<param>=<value>
 *       …]}: {@code GET /v0/pipes/<pipe>.csv?<params>[&q=<sql>]}, printed as returned;</li>
 *   <li>{@code tb [--semver V] sql "<sql>" [--rows_limit N] [--format CSV]}: {@code SELECT * FROM (<sql>) LIMIT N}
 *       through {@code /v0/sql}, as CSV with names, or without {@code --format} as the CLI's table.</li>
 * </ul>
 * {@code --semver} is accepted and ignored: the workspace's live resources answer. {@code pipe data} without
 * {@code --format} and {@code --format json} print the query's timing, which no expected output can match, so they
 * are refused, as is every other command or option.
 *
 * @param pipe      the pipe of {@code pipe data}, or null for {@code sql}
 * @param query     the {@code --query} of {@code pipe data}, or the SQL of {@code sql}
 * @param params    the endpoint's parameters, in order
 * @param csv       whether the output is CSV (else the table of {@code tb sql})
 * @param rowsLimit the {@code --rows_limit} of {@code sql}
 */
public record FixtureCommand(String pipe, String query, Map<String, String> params, boolean csv, int rowsLimit,
                             int line) {

    /** {@code tb sql}'s default {@code --rows_limit}. */
    static final int DEFAULT_ROWS_LIMIT = 100;

    public FixtureCommand {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parses a {@code .test} file.
     *
     * @param variables what {@code $NAME} expands to ({@code .tinyenv}, and {@code 1} for its VERSION)
     */
    public static List<FixtureCommand> parse(String text, String file, Map<String, String> variables) {
        List<FixtureCommand> commands = new ArrayList<>();
        for (ShellWords.Command command : ShellWords.split(text, file, variables)) {
            commands.add(new Parser(command, file).command());
        }
        if (commands.isEmpty()) {
            throw new TestFileException(file, 0, 0, "no command: write a 'tb pipe data <pipe> … --format CSV' line");
        }
        return commands;
    }

    /** What {@code tb} would print: the answer and the newline {@code click.echo} adds. */
    public String output(TinybirdClient client) {
        if (pipe != null) {
            return client.pipeData(pipe, "csv", params, query).text() + "\n";
        }
        String limited = "SELECT * FROM (" + query + ") LIMIT " + rowsLimit;
        if (csv) {
            return client.sql(limited + " FORMAT CSVWithNames", null).text() + "\n";
        }
        JsonNode answer = client.sql(limited + " FORMAT JSON", null).json();
        if (answer.path("data").isEmpty()) {
            return "** No rows\n";
        }
        return String.join("\n", TextTable.rows(answer)) + "\n";
    }

    /** Reads one command's words; every refusal names the file and the command's line. */
    private static final class Parser {
        private final List<String> words;
        private final String file;
        private final int line;
        private int next;

        Parser(ShellWords.Command command, String file) {
            this.words = command.words();
            this.file = file;
            this.line = command.line();
        }

        FixtureCommand command() {
            if (!take().equals("tb")) {
                throw error("'" + words.get(0) + "' is not a tb command; a fixture test runs 'tb pipe data …' or"
                        + " 'tb sql …'");
            }
            while (peek() != null && peek().startsWith("--")) {
                String option = take();
                if (option.equals("--semver")) {
                    value(option);
                } else if (!option.startsWith("--semver=")) {
                    throw error("the tb option " + option + " is not supported here (the host and token come from"
                            + " the Maven configuration)");
                }
            }
            String sub = peek() == null ? "" : take();
            if (sub.equals("pipe") && "data".equals(peek())) {
                take();
                return pipeData();
            }
            if (sub.equals("sql")) {
                return sql();
            }
            throw error("'tb " + String.join(" ", words.subList(next - (sub.isEmpty() ? 0 : 1), words.size()))
                    + "' is not supported; a fixture test runs 'tb pipe data …' or 'tb sql …'");
        }

        private FixtureCommand pipeData() {
            String pipe = peek();
            if (pipe == null || pipe.startsWith("-")) {
                throw error("'tb pipe data' needs the pipe's name");
            }
            take();
            String query = null;
            String format = null;
            Map<String, String> params = new LinkedHashMap<>();
            while (peek() != null) {
                String word = take();
                if (!word.startsWith("--") || word.length() == 2) {
                    throw error("unexpected '" + word + "'; parameters are written --name value");
                }
                String[] option = option(word);
                switch (option[0]) {
                    case "query" -> query = option[1];
                    case "format" -> format = option[1];
                    default -> params.put(option[0], option[1]);
                }
            }
            if (format == null || !format.equalsIgnoreCase("csv")) {
                throw error("'tb pipe data' " + (format == null ? "without --format" : "with --format " + format)
                        + " prints the query's timing, which no expected output can match; use --format CSV");
            }
            return new FixtureCommand(pipe, query, params, true, 0, line);
        }

        private FixtureCommand sql() {
            String query = null;
            String format = null;
            int rowsLimit = DEFAULT_ROWS_LIMIT;
            while (peek() != null) {
                String word = take();
                if (!word.startsWith("--")) {
                    if (query != null) {
                        throw error("'tb sql' takes one query; quote it");
                    }
                    query = word;
                    continue;
                }
                String[] option = option(word);
                switch (option[0]) {
                    case "format" -> format = option[1];
                    case "rows_limit" -> rowsLimit = rowsLimit(option[1]);
                    default -> throw error("the tb sql option " + word + " is not supported here");
                }
            }
            if (query == null) {
                throw error("'tb sql' needs a query");
            }
            if (format != null && !format.equalsIgnoreCase("csv")) {
                throw error("'tb sql --format " + format + "' prints the query's timing, which no expected output"
                        + " can match; use --format CSV or no --format");
            }
            return new FixtureCommand(null, query, Map.of(), format != null, rowsLimit, line);
        }

        private int rowsLimit(String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw error("--rows_limit must be a number, not '" + value + "'");
            }
        }

        /** {@code --name=value} or {@code --name value}, as {name, value}. */
        private String[] option(String word) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                return new String[] {word.substring(2, equals), word.substring(equals + 1)};
            }
            return new String[] {word.substring(2), value(word)};
        }

        private String value(String option) {
            if (peek() == null) {
                throw error(option + " needs a value");
            }
            return take();
        }

        private String peek() {
            return next < words.size() ? words.get(next) : null;
        }

        private String take() {
            return words.get(next++);
        }

        private TestFileException error(String message) {
            return new TestFileException(file, line, 0, message);
        }
    }
}
