package org.tinybirdmaven.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.testing.SharedFolder;

/**
 * Parses the schemas and engine settings of the real Tinybird projects in the shared corpus.
 *
 * <p>The corpus is {@code shared/corpus} beside the repository root (the directory whose {@code pom.xml} is the
 * {@code tinybird-parent} POM); for a git worktree nested one level deeper the nearest ancestor holding
 * {@code shared/corpus} is used. The tests are skipped when there is no corpus.
 *
 * <p>No corpus schema uses a Forward-only construct (a trailing comma after the last column, a jsonpath after
 * DEFAULT, an INDEX entry), so no file is excluded.
 */
class CorpusTest {

    private static Path corpus;

    @BeforeAll
    static void locateCorpus() {
        corpus = SharedFolder.corpus();
    }

    @Test
    void everySchemaOfTheCorpusParses() {
        List<Path> datasources = files(".datasource");
        List<String> failures = new ArrayList<>();
        int schemas = 0;
        for (Path file : datasources) {
            String schema = schemaBlock(lines(file));
            if (schema == null) {
                continue;
            }
            schemas++;
            try {
                assertThat(SchemaParser.parse(schema)).isNotEmpty();
            } catch (RuntimeException | AssertionError e) {
                failures.add(corpus.relativize(file) + ": " + e.getMessage());
            }
        }

        assertThat(failures).isEmpty();
        assertThat(schemas).isGreaterThan(100);
    }

    @Test
    void everyEngineOfTheCorpusIsValidAndRenders() {
        List<String> failures = new ArrayList<>();
        int engines = 0;
        for (Path file : Stream.concat(files(".datasource").stream(), files(".pipe").stream()).toList()) {
            List<String> lines = lines(file);
            String schema = file.toString().endsWith(".datasource") ? schemaBlock(lines) : null;
            for (List<String> node : nodes(lines)) {
                String name = null;
                List<Map.Entry<String, String>> settings = new ArrayList<>();
                for (String line : node) {
                    String[] instruction = line.split("\\s+", 2);
                    String value = instruction.length > 1 ? unquoted(instruction[1].strip()) : "";
                    if (instruction[0].equals("ENGINE")) {
                        name = value;
                    } else if (instruction[0].startsWith("ENGINE_")) {
                        settings.add(new SimpleEntry<>(instruction[0].substring("ENGINE_".length()), value));
                    }
                }
                if (name == null && settings.isEmpty()) {
                    continue;
                }
                engines++;
                try {
                    Engine engine = Engine.of(name, settings);
                    if (schema != null) {
                        engine.validate(withConnectorColumns(SchemaParser.parse(schema), lines));
                    }
                    assertThat(engine.toSql()).startsWith(engine.name() + "(");
                } catch (RuntimeException | AssertionError e) {
                    failures.add(corpus.relativize(file) + ": " + e.getMessage());
                }
            }
        }

        assertThat(failures).isEmpty();
        assertThat(engines).isGreaterThan(100);
    }

    /**
     * The text of the {@code SCHEMA >} block: the lines after it up to the first non-blank line starting at
     * column 0, without the lines whose first non-blank character is {@code #}; null when there is none.
     */
    private static String schemaBlock(List<String> lines) {
        int start = lines.indexOf("SCHEMA >");
        if (start < 0) {
            return null;
        }
        StringBuilder block = new StringBuilder();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                break;
            }
            if (!line.strip().startsWith("#")) {
                block.append(line).append('\n');
            }
        }
        return block.toString();
    }

    /**
     * The schema plus the columns Tinybird adds to DynamoDB datasources, which their engine settings use
     * ({@code ENGINE_VER "_timestamp"}, {@code ENGINE_IS_DELETED "_is_deleted"}) without declaring them.
     */
    private static List<Column> withConnectorColumns(List<Column> schema, List<String> lines) {
        if (lines.stream().noneMatch(line -> line.matches("IMPORT_SERVICE\\s+['\"]?dynamodb['\"]?"))) {
            return schema;
        }
        List<Column> columns = new ArrayList<>(schema);
        columns.add(new Column("_timestamp", "DateTime64(3)", false, null, null, null));
        columns.add(new Column("_is_deleted", "UInt8", false, null, null, null));
        return columns;
    }

    /** The file split at {@code NODE} lines (a datasource is a single node). */
    private static List<List<String>> nodes(List<String> lines) {
        List<List<String>> nodes = new ArrayList<>(List.of(new ArrayList<>()));
        for (String line : lines) {
            if (line.startsWith("NODE ")) {
                nodes.add(new ArrayList<>());
            }
            nodes.get(nodes.size() - 1).add(line);
        }
        return nodes;
    }

    /** The datafile unquoting rule: a first and last character that are each a quote are removed. */
    private static String unquoted(String value) {
        boolean quoted = value.length() >= 2 && "\"'".indexOf(value.charAt(0)) >= 0
                && "\"'".indexOf(value.charAt(value.length() - 1)) >= 0;
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private static List<Path> files(String extension) {
        try (Stream<Path> walk = Files.walk(corpus)) {
            return walk.filter(path -> path.toString().endsWith(extension)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
