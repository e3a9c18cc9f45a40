package org.tinybirdmaven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.datafile.Datafile;
import org.tinybirdmaven.datafile.DatafileParser;

class CanonicalFormTest {

    private static Datafile parse(String file, String text) {
        return new DatafileParser(Map.of()).parse(Path.of(file), text).valid().orElseThrow();
    }

    @Test
    void aPipeWithoutTypePublishesItsLastNodeAndFormattingDoesNotMatter() {
        Datafile local = parse("p.pipe", "DESCRIPTION >\n    Top\n\nNODE a\nSQL >\n\n        SELECT *\n"
                + "          FROM events   \n\nNODE b\nSQL >\n    SELECT * FROM a\n");
        Datafile exported = parse("p.pipe", "DESCRIPTION >\n    Top\n\nNODE a\nSQL >\n    SELECT *\n"
                + "      FROM events\n\n"
                + "NODE b\nSQL >\n    SELECT * FROM a\n\nTYPE endpoint\n");

        assertThat(CanonicalForm.of(local, null, Map.of())).isEqualTo(CanonicalForm.of(exported, null, Map.of()))
                .containsExactly("DESCRIPTION >", "    Top", "", "NODE a", "SQL >", "    SELECT *",
                        "      FROM events", "", "NODE b", "SQL >", "    SELECT * FROM a", "", "TYPE endpoint");
    }

    @Test
    void localReferencesAreRenamedToTheirVersionsAsAPushSendsThem() {
        Datafile local = parse("p.pipe", "NODE a\nSQL >\n    SELECT * FROM events\nTYPE materialized\n"
                + "DATASOURCE daily\n");

        assertThat(CanonicalForm.of(local, 1, Map.of("events", "events__v3", "daily", "daily__v2")))
                .containsExactly("VERSION 1", "", "NODE a", "SQL >", "    SELECT * FROM events__v3", "",
                        "TYPE materialized", "DATASOURCE daily__v2");
    }

    @Test
    void aDatasourceKeepsOnlySchemaIndexesAndTtl() {
        Datafile datasource = parse("d.datasource", "DESCRIPTION >\n    ignored\nTOKEN t APPEND\nSCHEMA >\n"
                + "    a String,\n    `b` Nullable(Int32)\nINDEXES >\n    idx a TYPE bloom_filter GRANULARITY 4\n"
                + "ENGINE MergeTree\nENGINE_SORTING_KEY a\nENGINE_TTL toDate(now())  +  interval 1 day\n");

        assertThat(CanonicalForm.of(datasource, null, Map.of())).isEqualTo(List.of("SCHEMA >", "    `a` String,",
                "    `b` Nullable(Int32)", "", "INDEXES >", "    idx a TYPE bloom_filter GRANULARITY 4", "",
                "ENGINE_TTL \"toDate(now()) + interval 1 day\""));
    }
}
