package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.tests.RegressionFile.Assertions;
import org.tinybirdmaven.tests.RegressionRunner.Answer;

/** The comparison rules of {@link RegressionRunner}, on answers built by hand. */
class RegressionComparisonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Assertions DEFAULTS = Assertions.DEFAULTS;

    private static Answer answer(String rows, double elapsed, long bytes) throws Exception {
        return new Answer(MAPPER.readTree(rows), null, elapsed, bytes);
    }

    private static List<String> problems(Assertions assertions, Answer before, Answer after) {
        return RegressionRunner.problems(assertions, before, after, "main", "branch");
    }

    @Test
    void sameAnswersPass() throws Exception {
        assertThat(problems(DEFAULTS, answer("[{\"a\":1}]", 0.01, 100), answer("[{\"a\":1}]", 0.02, 100))).isEmpty();
    }

    @Test
    void rowsAndCountsAreCompared() throws Exception {
        Answer before = answer("[{\"a\":1},{\"a\":2}]", 0, 0);
        assertThat(problems(DEFAULTS, before, answer("[{\"a\":1}]", 0, 0)))
                .containsExactly("1 rows in branch, 2 in main", "the results differ");
        Answer reversed = answer("[{\"a\":2},{\"a\":1}]", 0, 0);
        assertThat(problems(DEFAULTS, before, reversed)).containsExactly("the results differ");
        Assertions ignoreOrder = new Assertions(true, true, true, true, 25, 25, 0.3, false, false);
        assertThat(problems(ignoreOrder, before, reversed)).isEmpty();
        Assertions countOnly = new Assertions(false, true, true, false, 25, 25, 0.3, false, false);
        assertThat(problems(countOnly, before, answer("[{\"a\":7},{\"a\":8}]", 0, 0))).isEmpty();
    }

    @Test
    void anErrorInTheCandidateFailsUnlessAllowed() throws Exception {
        Answer broken = new Answer(null, "Could not query: boom", 0, 0);
        assertThat(problems(DEFAULTS, answer("[]", 0, 0), broken))
                .containsExactly("branch answered with an error: Could not query: boom");
        Assertions errorsAllowed = new Assertions(true, false, true, false, 25, 25, 0.3, false, false);
        assertThat(problems(errorsAllowed, answer("[]", 0, 0), broken)).isEmpty();
        assertThat(problems(DEFAULTS, broken, answer("[]", 0, 0))).as("a fix is no regression").isEmpty();
    }

    @Test
    void slowerCountsOnlyAboveTheMaxTimeAndThePercentage() throws Exception {
        String rows = "[]";
        assertThat(problems(DEFAULTS, answer(rows, 0.001, 0), answer(rows, 0.2, 0)))
                .as("200 times slower, but under assert_max_time: noise").isEmpty();
        assertThat(problems(DEFAULTS, answer(rows, 0.5, 0), answer(rows, 0.6, 0))).as("+20%").isEmpty();
        assertThat(problems(DEFAULTS, answer(rows, 0.5, 0), answer(rows, 0.7, 0)))
                .containsExactly("took 0.700 s in branch, 0.500 s in main (more than +25% and over assert_max_time"
                        + " 0.3 s)");
        Assertions off = new Assertions(true, true, true, false, -1, 25, 0.3, false, false);
        assertThat(problems(off, answer(rows, 0.5, 0), answer(rows, 9, 0))).isEmpty();
    }

    @Test
    void moreBytesCountOnlyAboveAMegabyteAndThePercentage() throws Exception {
        String rows = "[]";
        assertThat(problems(DEFAULTS, answer(rows, 0, 100), answer(rows, 0, 900_000)))
                .as("tiny reads are noise").isEmpty();
        assertThat(problems(DEFAULTS, answer(rows, 0, 2_000_000), answer(rows, 0, 2_400_000))).isEmpty();
        assertThat(problems(DEFAULTS, answer(rows, 0, 2_000_000), answer(rows, 0, 3_000_000)))
                .containsExactly("read 3000000 bytes in branch, 2000000 in main (more than +25%)");
    }
}
