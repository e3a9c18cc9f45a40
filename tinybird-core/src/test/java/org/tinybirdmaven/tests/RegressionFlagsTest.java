package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegressionFlagsTest {

    @Test
    void flagsOverrideOnlyTheSettingsTheyName() {
        RegressionFile.Test test = RegressionFlags.parse("--no-assert-result,--assert-result-ignore-order"
                + " --assert-max-time 1.5 --limit=3").apply(RegressionFile.Test.coverage());

        assertThat(test.assertions()).isEqualTo(new RegressionFile.Assertions(false, true, true, true, 25, 25, 1.5,
                false, false));
        assertThat(test.limit()).isEqualTo(3);
        assertThat(test.samplesByParams()).isEqualTo(1);
        assertThat(test.mode()).isEqualTo(RegressionFile.Mode.COVERAGE);
    }

    @Test
    void everyTestOfEveryRuleIsOverridden() {
        List<RegressionFile.Rule> rules = List.of(new RegressionFile.Rule(Pattern.compile(".*"),
                List.of(RegressionFile.Test.coverage(), RegressionFile.Test.coverage()), 1));

        List<RegressionFile.Rule> overridden = RegressionFlags.parse("--failfast").apply(rules);

        assertThat(overridden.get(0).tests()).allSatisfy(t -> assertThat(t.assertions().failfast()).isTrue());
        assertThat(RegressionFlags.NONE.apply(rules)).isEqualTo(rules);
        assertThat(RegressionFlags.parse("  ")).isSameAs(RegressionFlags.NONE);
    }

    @Test
    void unknownFlagsAndBadNumbersAreRefusedWithTheirName() {
        assertThatThrownBy(() -> RegressionFlags.parse("--assert-everything"))
                .hasMessageStartingWith("unknown regression flag '--assert-everything'; known: --[no-]assert-result");
        assertThatThrownBy(() -> RegressionFlags.parse("bug"))
                .hasMessageStartingWith("unknown regression flag 'bug'");
        assertThatThrownBy(() -> RegressionFlags.parse("--assert-max-time"))
                .hasMessage("regression flag --assert-max-time needs a number of 0 or more, not nothing");
        assertThatThrownBy(() -> RegressionFlags.parse("--limit=-2"))
                .hasMessage("regression flag --limit=-2 needs a number of 0 or more, not '-2'");
    }
}
