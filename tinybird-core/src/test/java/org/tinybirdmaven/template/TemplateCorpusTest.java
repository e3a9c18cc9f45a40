package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.testing.SharedFolder;
import org.tinybirdmaven.syntax.SyntaxException;

/** Every templated SQL block of the shared corpus of real Tinybird projects parses and passes the checks. */
class TemplateCorpusTest {

    private static final Set<String> KEYWORDS = Set.of(
            "NODE", "SQL", "TYPE", "DATASOURCE", "TOKEN", "DESCRIPTION", "INCLUDE", "VERSION", "TAGS", "SCHEMA",
            "INDEXES", "SETTINGS", "SHARED_WITH", "TARGET_DATASOURCE", "FORWARD_QUERY");

    private static final List<String> KEYWORD_PREFIXES = List.of("ENGINE", "COPY_", "EXPORT_", "KAFKA_", "IMPORT_");

    private static final Pattern FIRST_WORD = Pattern.compile("^([A-Z][A-Z0-9_]*)\\b");

    private static final Pattern INCLUDE_VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    record Block(Path file, int firstLine, String sql) {}

    /** Every templated SQL block of the corpus, in file order (skips the test when the corpus is absent). */
    static List<Block> corpusBlocks() {
        Path corpus = SharedFolder.corpus();
        List<Block> blocks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            files.filter(file -> file.toString().endsWith(".pipe") || file.toString().endsWith(".incl"))
                    .sorted()
                    .forEach(file -> blocks.addAll(templatedBlocks(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blocks;
    }

    @Test
    void everyTemplatedBlockParsesAndHasNoErrors() {
        List<Block> blocks = corpusBlocks();

        assertThat(blocks).hasSizeGreaterThan(100);
        List<String> failures = new ArrayList<>();
        for (Block block : blocks) {
            try {
                Template template = TemplateParser.parse(block.sql());
                template.validate().stream()
                        .filter(problem -> problem.severity() == TemplateProblem.Severity.ERROR)
                        .forEach(problem -> failures.add(where(block, problem.line()) + ": " + problem.reason()));
                assertThat(template.parameters()).isNotNull();
            } catch (SyntaxException e) {
                failures.add(where(block, e.line()) + ":" + e.column() + ": " + e.reason());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " corpus templates fail:\n" + String.join("\n", failures));
        }
    }

    static String where(Block block, int lineInBlock) {
        return block.file() + ":" + (block.firstLine() + lineInBlock - 1);
    }

    /**
     * The SQL of each {@code SQL >} block whose first non-blank character is {@code %}, with the marker blanked
     * out; comment lines are dropped and {@code .incl} variables replaced by a name.
     */
    private static List<Block> templatedBlocks(Path file) {
        List<String> lines = readLines(file);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("SQL >")) {
                continue;
            }
            int firstLine = i + 2;
            StringBuilder sql = new StringBuilder();
            int j = i + 1;
            for (; j < lines.size() && !endsBlock(lines.get(j)); j++) {
                if (!lines.get(j).strip().startsWith("#")) {
                    sql.append(lines.get(j)).append('\n');
                }
            }
            i = j - 1;
            String text = sql.toString();
            String trimmed = text.strip();
            if (trimmed.startsWith("%")) {
                int marker = text.indexOf('%');
                String template = text.substring(0, marker) + " " + text.substring(marker + 1);
                if (file.toString().endsWith(".incl")) {
                    template = substituteIncludeVariables(template);
                }
                blocks.add(new Block(file, firstLine, template));
            }
        }
        return blocks;
    }

    private static boolean endsBlock(String line) {
        if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
            return false;
        }
        Matcher word = FIRST_WORD.matcher(line);
        return word.find()
                && (KEYWORDS.contains(word.group(1)) || KEYWORD_PREFIXES.stream().anyMatch(word.group(1)::startsWith));
    }

    /** {@code INCLUDE "x.incl" "DATE_FILTER=last_week"} substitutes text before the template is parsed. */
    private static String substituteIncludeVariables(String template) {
        return INCLUDE_VARIABLE.matcher(template).replaceAll(match -> match.group(1).toLowerCase());
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
