package org.tinybirdmaven.datafile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatafileParserTest {

    private static final Map<String, String> ENV = Map.of("TB_ENV", "stg", "TOPIC", "events_topic");

    @TempDir
    Path dir;

    private ParsedDatafile parse(String fileName, String content) throws IOException {
        Path file = dir.resolve(fileName);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return new DatafileParser(ENV).parse(file);
    }

    private PipeFile pipe(String content) throws IOException {
        ParsedDatafile parsed = parse("p.pipe", content);
        assertThat(parsed.errors()).isEmpty();
        return (PipeFile) parsed.datafile();
    }

    private DatasourceFile datasource(String content) throws IOException {
        ParsedDatafile parsed = parse("d.datasource", content);
        assertThat(parsed.errors()).isEmpty();
        return (DatasourceFile) parsed.datafile();
    }

    private static List<String> messages(ParsedDatafile parsed) {
        return parsed.diagnostics().stream().map(d -> d.location().line() + ":" + d.location().column() + " "
                + d.message()).toList();
    }

    @Test
    void instructionsAreCaseInsensitive() throws IOException {
        PipeFile pipe = pipe("node n\nsql >\n    SELECT 1 AS x\nType Endpoint\n");
        assertThat(pipe.nodes()).singleElement().satisfies(node -> {
            assertThat(node.name()).isEqualTo("n");
            assertThat(node.type()).isEqualTo(NodeType.ENDPOINT);
        });
    }

    @Test
    void hashLinesInsideBlocksAreDropped() throws IOException {
        PipeFile pipe = pipe("DESCRIPTION >\n    # Heading\n    Body text\nNODE n\nSQL >\n    SELECT 1\n"
                + "    # not a comment in SQL, but Classic drops it\n    AS x\n");
        assertThat(pipe.description()).isEqualTo("Body text");
        assertThat(pipe.nodes().get(0).sql().text()).isEqualTo("SELECT 1\nAS x");
    }

    @Test
    void blankLinesInsideBlocksAreDropped() throws IOException {
        PipeFile pipe = pipe("NODE n\nSQL >\n\n    SELECT 1\n\n\n    AS x\n\nTYPE endpoint\n");
        assertThat(pipe.nodes().get(0).sql().text()).isEqualTo("SELECT 1\nAS x");
    }

    @Test
    void sqlAtColumnZeroStaysInTheBlock() throws IOException {
        PipeFile pipe = pipe("NODE n\nSQL >\nSELECT a\nFROM events\nfrom_dates AS (x)\nWHERE 1\nTYPE endpoint\n");
        Node node = pipe.nodes().get(0);
        assertThat(node.sql().text()).isEqualTo("SELECT a\nFROM events\nfrom_dates AS (x)\nWHERE 1");
        assertThat(node.type()).isEqualTo(NodeType.ENDPOINT);
    }

    @Test
    void anUnindentedInstructionEndsABlockButAnIndentedOneDoesNot() throws IOException {
        PipeFile pipe = pipe("NODE n\nSQL >\n    SELECT 1 AS x\n    TYPE endpoint\n");
        assertThat(pipe.nodes().get(0).sql().text()).isEqualTo("SELECT 1 AS x\nTYPE endpoint");
        assertThat(pipe.nodes().get(0).type()).isEqualTo(NodeType.STANDARD);
    }

    @Test
    void anInstructionAtColumnZeroInsideSqlEndsTheBlock() throws IOException {
        ParsedDatafile parsed = parse("p.pipe", "NODE n\nSQL >\n    SELECT 1 AS x\nSETTINGS max_threads = 1\n");
        assertThat(messages(parsed)).containsExactly(
                "4:1 SETTINGS option is not allowed, use ENGINE_SETTINGS instead");
    }

    @Test
    void textAfterTheBlockMarkerIsDiscarded() throws IOException {
        PipeFile pipe = pipe("DESCRIPTION > ignored words\n    kept\nNODE n\nSQL >\n    SELECT 1\n");
        assertThat(pipe.description()).isEqualTo("kept");
    }

    @Test
    void aLineWithAnUnclosedQuoteInsideABlockIsKept() throws IOException {
        PipeFile pipe = pipe("NODE n\nSQL >\n    SELECT 'it''s\nTYPE 'oops\n    AS x\n");
        assertThat(pipe.nodes().get(0).sql().text()).isEqualTo("    SELECT 'it''s\nTYPE 'oops\n    AS x");
    }

    @Test
    void sqlIsDedentedAndRightTrimmed() throws IOException {
        PipeFile pipe = pipe("NODE n\nSQL >\n      SELECT a,\n          b   \n      FROM t   \n");
        Sql sql = pipe.nodes().get(0).sql();
        assertThat(sql.text()).isEqualTo("SELECT a,\n    b   \nFROM t");
        assertThat(sql.template()).isFalse();
        assertThat(sql.origin().locate(2, 5)).isEqualTo(new Location(dir.resolve("p.pipe"), 4, 11));
    }

    @Test
    void templatesAreOnlyTrimmedAndKeepIndentation() throws IOException {
        PipeFile pipe = pipe("NODE n\nSQL >\n\n    %\n    SELECT {{ Int32(x, 1) }} AS x\n");
        Sql sql = pipe.nodes().get(0).sql();
        assertThat(sql.template()).isTrue();
        assertThat(sql.text()).isEqualTo("%\n    SELECT {{ Int32(x, 1) }} AS x");
        assertThat(sql.body()).isEqualTo("\n    SELECT {{ Int32(x, 1) }} AS x");
        assertThat(sql.templateSource()).isEqualTo(" \n    SELECT {{ Int32(x, 1) }} AS x");
        assertThat(sql.origin().locate(1, 1)).isEqualTo(new Location(dir.resolve("p.pipe"), 4, 5));
    }

    @Test
    void environmentVariablesAreSubstitutedInSqlAndValuesButNotInSchema() throws IOException {
        PipeFile pipe = pipe("NODE n\nSQL >\n    SELECT '$TB_ENV', '$$x', '$NOPE'\n");
        assertThat(pipe.nodes().get(0).sql().text()).isEqualTo("SELECT 'stg', '$x', '$NOPE'");
        DatasourceFile datasource = datasource("SCHEMA >\n    `v` String DEFAULT '$TB_ENV'\n\n"
                + "KAFKA_CONNECTION_NAME conn\nKAFKA_TOPIC $TOPIC\nKAFKA_GROUP_ID \"g_${TB_ENV}\"\n");
        assertThat(datasource.columns().get(0).defaultValue()).isEqualTo("DEFAULT '$TB_ENV'");
        assertThat(datasource.setting("kafka_topic")).contains("events_topic");
        assertThat(datasource.setting("kafka_group_id")).contains("g_stg");
    }

    @Test
    void keyValueWordsAreRejoinedWithOneSpaceThenUnquoted() throws IOException {
        DatasourceFile datasource = datasource("SCHEMA >\n    `ts` DateTime\n\nENGINE_TTL ts  +  toIntervalDay(60)\n"
                + "ENGINE_PARTITION_KEY \"toYYYYMM(ts)  \"\n");
        assertThat(datasource.engineSettings()).extracting(Setting::value)
                .containsExactly("ts + toIntervalDay(60)", "toYYYYMM(ts)  ");
    }

    @Test
    void descriptionBindsToThePipeBeforeTheFirstNodeAndToTheNodeAfter() throws IOException {
        PipeFile pipe = pipe("DESCRIPTION \"the pipe\"\nNODE n\nDESCRIPTION >\n    the node\n      indented\n"
                + "SQL >\n    SELECT 1\n");
        assertThat(pipe.description()).isEqualTo("\"the pipe\"");
        assertThat(pipe.nodes().get(0).description()).isEqualTo("the node\n      indented");
    }

    @Test
    void tagsSplitIntoFilteringAndOperationalTags() throws IOException {
        PipeFile pipe = pipe("TAGS \"team, billing\"\nNODE n\nTAGS with_staging=true, owner\nSQL >\n"
                + "    SELECT 1\n");
        assertThat(pipe.filteringTags()).containsExactly("team", "billing", "owner");
        assertThat(pipe.nodes().get(0).setting("tags")).contains("with_staging=true");
    }

    @Test
    void operationalTagsBeforeTheFirstNodeAreIgnoredWithAWarning() throws IOException {
        ParsedDatafile parsed = parse("p.pipe", "TAGS a=1\nNODE n\nSQL >\n    SELECT 1\n");
        assertThat(messages(parsed)).containsExactly("1:1 Operational TAGS (key=value) before the first NODE are"
                + " ignored; move them below the NODE they apply to");
    }

    @Test
    void tokenLinesUnquoteTheNameOnly() throws IOException {
        PipeFile pipe = pipe("TOKEN \"dash board\" READ extra\nNODE n\nSQL >\n    SELECT 1\n");
        assertThat(pipe.tokens()).extracting(TokenGrant::tokenName, TokenGrant::permission)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dash board", "READ"));
    }

    @Test
    void versionSuffixesTheRemoteName() throws IOException {
        DatasourceFile datasource = datasource("VERSION 3\nSCHEMA >\n    `id` String\n");
        assertThat(datasource.version()).isEqualTo(3);
        assertThat(datasource.remoteName()).isEqualTo("d__v3");
    }

    @Test
    void pipeNamesAreCutAtTheFirstDotAndDatasourceNamesAtTheLast() {
        assertThat(DatafileKind.PIPE.resourceName(Path.of("top.v2.pipe"))).isEqualTo("top");
        assertThat(DatafileKind.DATASOURCE.resourceName(Path.of("events.v2.datasource"))).isEqualTo("events.v2");
    }

    @Test
    void legacyInstructionsAreWarningsNotErrors() throws IOException {
        ParsedDatafile parsed = parse("d.datasource", "SCHEMA >\n    `id` String\n\nSORTING_KEY id\nKEY id\n"
                + "TEST something\nSOURCE http://example.com\nMAINTAINER me\n");
        assertThat(parsed.errors()).isEmpty();
        assertThat(messages(parsed)).containsExactly(
                "4:1 SORTING_KEY is ignored by Tinybird: did you mean ENGINE_SORTING_KEY?",
                "5:1 KEY is a legacy instruction (Join tables) that current Tinybird CLIs reject; it is ignored",
                "6:1 TEST is a debugging instruction; it is ignored");
    }

    @Test
    void collectsEveryErrorOfAFile() throws IOException {
        ParsedDatafile parsed = parse("p.pipe", "FOO bar\nNODE n\nSQL >\n    SELECT 1\nTYPE nope\nBAR\n");
        assertThat(messages(parsed)).containsExactly("1:1 FOO is not a valid option",
                "5:6 Unknown TYPE 'nope': use endpoint, materialized, copy, sink or stream",
                "6:1 BAR is not a valid option");
    }

    @Test
    void includeSplicesLinesWithParametersResolvedAgainstTheIncludingFile() throws IOException {
        Files.createDirectories(dir.resolve("includes"));
        Files.writeString(dir.resolve("includes/filter.incl"), "NODE filtered\nSQL >\n    %\n"
                + "    SELECT * FROM events {% if $MODE == 'buy' %} WHERE action = '$MODE' {% end %}\n"
                + "    -- cost: $$5\n");
        Files.writeString(dir.resolve("includes/settings.incl"), "INCLUDE \"../includes/filter.incl\" MODE=buy\n");
        ParsedDatafile parsed = parse("endpoints/e.pipe", "INCLUDE \"../includes/settings.incl\"\n\nNODE endpoint\n"
                + "SQL >\n    SELECT count() AS c FROM filtered\n");
        assertThat(parsed.errors()).isEmpty();
        PipeFile pipe = (PipeFile) parsed.datafile();
        assertThat(pipe.nodes()).extracting(Node::name).containsExactly("filtered", "endpoint");
        assertThat(pipe.nodes().get(0).sql().text()).isEqualTo("%\n"
                + "    SELECT * FROM events {% if buy == 'buy' %} WHERE action = 'buy' {% end %}\n    -- cost: $5");
        assertThat(pipe.nodes().get(0).location().file()).isEqualTo(dir.resolve("includes/filter.incl")
                .toAbsolutePath().normalize());
        assertThat(pipe.includes()).containsExactly(dir.resolve("includes/settings.incl").toAbsolutePath()
                .normalize(), dir.resolve("includes/filter.incl").toAbsolutePath().normalize());
    }

    @Test
    void includePathMayUseEnvironmentVariables() throws IOException {
        Files.createDirectories(dir.resolve("includes"));
        Files.writeString(dir.resolve("includes/kafka_stg.incl"), "KAFKA_CONNECTION_NAME c\nKAFKA_TOPIC t\n"
                + "KAFKA_GROUP_ID g");
        DatasourceFile datasource = (DatasourceFile) parse("datasources/k.datasource", "SCHEMA >\n"
                + "    `v` String `json:$.v`\n\nINCLUDE \"../includes/kafka_$TB_ENV.incl\"").datafile();
        assertThat(datasource.isKafka()).isTrue();
        assertThat(datasource.setting("kafka_group_id")).contains("g");
    }

    @Test
    void errorsInsideAnIncludePointIntoTheIncludedFile() throws IOException {
        Files.createDirectories(dir.resolve("includes"));
        Files.writeString(dir.resolve("includes/bad.incl"), "NODE n\nSQL >\n    SELECT 1\nTYPE bogus\n");
        ParsedDatafile parsed = parse("pipes/p.pipe", "INCLUDE \"../includes/bad.incl\"\n");
        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.location().file().getFileName().toString()).isEqualTo("bad.incl");
            assertThat(error.location().line()).isEqualTo(4);
            assertThat(error.location().column()).isEqualTo(6);
            assertThat(error.message()).startsWith("Unknown TYPE 'bogus'");
        });
    }

    @Test
    void aMisspelledInstructionAtColumnZeroStaysInTheBlockWithAWarning() throws IOException {
        ParsedDatafile parsed = parse("p.pipe", "NODE n\nSQL >\n    SELECT 1 AS x\nTYPO endpoint\nSELECTED x\n");
        assertThat(parsed.errors()).isEmpty();
        assertThat(((PipeFile) parsed.datafile()).nodes().get(0).sql().text())
                .isEqualTo("    SELECT 1 AS x\nTYPO endpoint\nSELECTED x");
        assertThat(messages(parsed)).containsExactly(
                "4:1 TYPO at column 0 continues the SQL block: did you mean TYPE?");
    }

    @Test
    void endpointNodeIsTheTypedOneOrTheLast() throws IOException {
        assertThat(pipe("NODE a\nSQL >\n    SELECT 1\nNODE b\nSQL >\n    SELECT 2\n").endpointNode())
                .map(Node::name).contains("b");
        assertThat(pipe("NODE a\nSQL >\n    SELECT 1\nTYPE endpoint\nNODE b\nSQL >\n    SELECT 2\n").endpointNode())
                .map(Node::name).contains("a");
        PipeFile materialized = pipe("NODE a\nSQL >\n    SELECT 1 AS x\nTYPE materialized\nDATASOURCE t\n");
        assertThat(materialized.kind()).isEqualTo(NodeType.MATERIALIZED);
        assertThat(materialized.endpointNode()).isEmpty();
    }

    @Test
    void windowsAndOldMacLineEndingsAreLines() throws IOException {
        PipeFile pipe = pipe("NODE n\r\nSQL >\r\n    SELECT 1\r    AS x\r\n");
        assertThat(pipe.nodes().get(0).sql().text()).isEqualTo("SELECT 1\nAS x");
    }
}
