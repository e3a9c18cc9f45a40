package org.tinybirdmaven.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.testing.SharedFolder;

/** Scans every {@code SQL >} block of the shared corpus of real Tinybird projects. */
class CorpusSqlTest {

    /** Column-0 words that end a {@code SQL >} block (the datafile instructions found after SQL in real files). */
    private static final Set<String> INSTRUCTIONS = Set.of("NODE", "TYPE", "DATASOURCE", "TOKEN", "DESCRIPTION",
            "INCLUDE", "ENGINE", "SQL", "TAGS", "VERSION", "SCHEMA", "INDEXES", "TARGET_DATASOURCE", "COPY_SCHEDULE",
            "COPY_MODE", "MODE", "FILTER", "SOURCE", "TTL", "SETTINGS", "RESOURCE", "FORWARD_QUERY", "SHARED_WITH",
            "DEPLOYMENT_METHOD", "BACKFILL");
    private static final List<String> INSTRUCTION_PREFIXES = List.of("ENGINE_", "EXPORT_", "KAFKA_", "IMPORT_");

    /**
     * Blocks that read no table at all, as {@code <glob over the corpus-relative path>#<node>} (the same pipes are
     * copied into many projects of the corpus), with the reason.
     */
    private static final Map<String, String> NO_TABLES = Map.of(
            "tinybirdco__use-case-examples*/*/*/{kpis,trend}.pipe#timeseries",
            "date series built with arrayJoin(range(…)), no FROM",
            "tinybirdco__web-analytics-starter-kit@f304a93/tinybird/endpoints/{kpis,trend}.pipe#timeseries",
            "date series built with arrayJoin(range(…)), no FROM",
            "tinybirdco__web-analytics-starter-kit/tinybird/endpoints/trend.pipe#timeseries",
            "date series built with arrayJoin(range(…)), no FROM",
            "tinybirdco__web-analytics-starter-kit/tinybird/**.pipe#date_calculations",
            "one row of computed dates, no FROM",
            "tinybirdco__web-analytics-starter-kit/tinybird/web_vitals/endpoints/web_vitals_events.pipe"
                    + "#web_vitals_metadata",
            "FROM a UNION ALL of constant SELECTs",
            "tinybirdco__logs-explorer-template/tinybird/endpoints/log_timeseries.pipe"
                    + "#{day,hour,minute}_intervals",
            "interval series built with arrayJoin(range(…)), no FROM",
            "tinybirdco__use-case-examples/forward_deployment/copies/populate.pipe#populate_users",
            "FROM generateRandom(…), a table function",
            "tinybirdco__web-analytics-starter-kit/tinybird/copies/random_data_generator.pipe#generate_random_events",
            "FROM numbers(…), a table function",
            "tinybirdco__iceberg-tinybird/{iceberg-kafka/copies/backfill_events.pipe#backfill,"
                    + "tinybird/copies/cp_github_events_historic.pipe#github_events_filtered}",
            "FROM iceberg(…), a table function",
            "tinybirdco__iceberg-tinybird/tinybird/endpoints/test.pipe#endpoint",
            "SELECT 1; the iceberg(…) query is commented out");

    private static Path corpus;

    @BeforeAll
    static void locateCorpus() {
        corpus = SharedFolder.corpus();
    }

    @Test
    void everyBlockScansAndReadsATableUnlessListed() throws IOException {
        List<Block> blocks = blocks();
        List<String> unexpectedlyEmpty = new ArrayList<>();
        List<String> listedButNotEmpty = new ArrayList<>();
        for (Block block : blocks) {
            assertThatCode(() -> SqlTableScanner.scan(block.sql())).as(block.toString()).doesNotThrowAnyException();
            boolean empty = SqlTableScanner.scan(block.sql()).isEmpty();
            boolean listed = NO_TABLES.keySet().stream().anyMatch(block::matches);
            if (empty && !listed) {
                unexpectedlyEmpty.add(block.toString());
            } else if (!empty && listed) {
                listedButNotEmpty.add(block.toString());
            }
        }

        assertThat(blocks).hasSizeGreaterThan(500);
        assertThat(unexpectedlyEmpty).isEmpty();
        assertThat(listedButNotEmpty).isEmpty();
    }

    @Test
    void everyBlockRewritesToItselfWithoutRenames() throws IOException {
        for (Block block : blocks()) {
            assertThat(VersionedNames.rewriteTokens(block.sql(), Map.of())).isEqualTo(block.sql());
        }
    }

    @Test
    void ecommerceTopProductPerDay() {
        List<Block> nodes = blocksOf("tinybirdco__ecommerce_data_project/pipes/top_product_per_day.pipe");

        assertThat(nodes).extracting(Block::node).containsExactly("only_buy_events", "top_per_day");
        assertThat(SqlTableScanner.scan(nodes.get(0).sql()))
                .containsExactly(new TableReference(null, "events", TableReference.Kind.FROM, 6, 10));
        assertThat(SqlTableScanner.scan(nodes.get(1).sql()))
                .containsExactly(new TableReference(null, "only_buy_events", TableReference.Kind.FROM, 6, 10));
    }

    @Test
    void ecommerceSalesEndpoint() {
        List<Block> nodes = blocksOf("tinybirdco__ecommerce_data_project/endpoints/sales.pipe");

        assertThat(nodes).extracting(Block::node).containsExactly("only_buy_events", "endpoint");
        assertThat(SqlTableScanner.scan(nodes.get(0).sql())).containsExactly(
                new TableReference(null, "events", TableReference.Kind.FROM, 6, 10),
                new TableReference(null, "products", TableReference.Kind.FROM, 7, 15));
        assertThat(SqlTableScanner.scan(nodes.get(1).sql()))
                .containsExactly(new TableReference(null, "only_buy_events", TableReference.Kind.FROM, 3, 18));
    }

    @Test
    void joinGetInAnInclude() {
        List<Block> nodes = blocksOf("tinybirdco__ecommerce_data_project_advanced/includes/only_buy_events.incl");

        assertThat(nodes).hasSize(1);
        assertThat(SqlTableScanner.scan(nodes.get(0).sql()))
                .extracting(TableReference::kind, TableReference::qualifiedName)
                .containsExactly(
                        tuple(TableReference.Kind.JOIN_GET, "products_join_by_id"),
                        tuple(TableReference.Kind.FROM, "events"));
    }

    @Test
    void icebergTableFunctionWithSecretsReadsNothing() {
        List<Block> nodes = blocksOf("tinybirdco__iceberg-tinybird/tinybird/copies/cp_github_events_historic.pipe");

        assertThat(nodes).isNotEmpty();
        assertThat(nodes.get(0).sql()).contains("iceberg(").contains("tb_secret");
        assertThat(SqlTableScanner.scan(nodes.get(0).sql())).isEmpty();
    }

    private record Block(Path file, String node, int line, String sql) {
        boolean matches(String globAndNode) {
            return FileSystems.getDefault().getPathMatcher("glob:" + globAndNode)
                    .matches(Path.of(corpus.relativize(file) + "#" + node));
        }

        @Override
        public String toString() {
            return corpus.relativize(file) + ":" + line + " (" + node + ")";
        }
    }

    private static List<Block> blocks() throws IOException {
        try (Stream<Path> files = Files.walk(corpus)) {
            return files.filter(f -> f.toString().endsWith(".pipe") || f.toString().endsWith(".incl"))
                    .sorted()
                    .flatMap(f -> extract(f).stream())
                    .toList();
        }
    }

    private static List<Block> blocksOf(String relativePath) {
        return extract(corpus.resolve(relativePath));
    }

    /** The {@code SQL >} blocks of a datafile, following the Classic block rules closely enough for real files. */
    private static List<Block> extract(Path file) {
        List<String> lines = read(file).lines().toList();
        List<Block> blocks = new ArrayList<>();
        String node = null;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String first = firstWord(line);
            if (first.equals("NODE")) {
                node = line.strip().substring(4).strip();
            }
            i++;
            if (first.equals("SQL") && line.strip().endsWith(">")) {
                int start = i + 1;
                StringBuilder sql = new StringBuilder();
                while (i < lines.size() && !endsBlock(lines.get(i))) {
                    if (!lines.get(i).isBlank() && !lines.get(i).strip().startsWith("#")) {
                        sql.append(lines.get(i)).append('\n');
                    }
                    i++;
                }
                blocks.add(new Block(file, node, start, sql.toString()));
            }
        }
        return blocks;
    }

    private static boolean endsBlock(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
            return false;
        }
        String word = firstWord(line);
        return INSTRUCTIONS.contains(word) || INSTRUCTION_PREFIXES.stream().anyMatch(word::startsWith);
    }

    private static String firstWord(String line) {
        String stripped = line.strip();
        int end = 0;
        while (end < stripped.length() && !Character.isWhitespace(stripped.charAt(end))) {
            end++;
        }
        return stripped.substring(0, end);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
