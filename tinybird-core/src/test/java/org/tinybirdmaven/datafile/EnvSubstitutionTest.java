package org.tinybirdmaven.datafile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

    private static final Map<String, String> ENV = Map.of("TB_ENV", "stg", "X1", "one");

    @Test
    void replacesKnownNamesInBothForms() {
        assertThat(EnvSubstitution.substitute("kafka_$TB_ENV.incl", ENV)).isEqualTo("kafka_stg.incl");
        assertThat(EnvSubstitution.substitute("${X1}x", ENV)).isEqualTo("onex");
    }

    @Test
    void leavesUnknownNamesAndLoneDollarsAlone() {
        assertThat(EnvSubstitution.substitute("$UNKNOWN ${NOPE} $ 5$", ENV)).isEqualTo("$UNKNOWN ${NOPE} $ 5$");
    }

    @Test
    void doubleDollarBecomesOne() {
        assertThat(EnvSubstitution.substitute("SELECT $$text$$", ENV)).isEqualTo("SELECT $text$");
    }

    @Test
    void namesAreAsciiIdentifiers() {
        assertThat(EnvSubstitution.substitute("$X1_2 $X1.y", ENV)).isEqualTo("$X1_2 one.y");
    }

    @Test
    void listsUnresolvedNames() {
        assertThat(EnvSubstitution.unresolved("a_$TB_ENV_$MISSING.incl", Map.of())).containsExactly("TB_ENV_",
                "MISSING");
    }
}
