package org.tinybirdmaven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The expected texts are what Python's {@code difflib.unified_diff} prints for the same input. */
class UnifiedDiffTest {

    @Test
    void changesFarApartMakeTwoHunksWithThreeLinesOfContext() {
        List<String> remote = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m");
        List<String> local = List.of("a", "B", "c", "d", "e", "f", "g", "h", "i", "j", "k", "L", "m", "n");

        assertThat(UnifiedDiff.of(remote, local, "x [remote]", "x.pipe [local]")).containsExactly(
                "--- x [remote]", "+++ x.pipe [local]",
                "@@ -1,5 +1,5 @@", " a", "-b", "+B", " c", " d", " e",
                "@@ -9,5 +9,6 @@", " i", " j", " k", "-l", "+L", " m", "+n");
    }

    @Test
    void emptySidesUseDifflibsRanges() {
        assertThat(UnifiedDiff.of(List.of(), List.of("x"), "f", "t")).containsExactly("--- f", "+++ t",
                "@@ -0,0 +1 @@", "+x");
        assertThat(UnifiedDiff.of(List.of("x", "y"), List.of(), "f", "t")).containsExactly("--- f", "+++ t",
                "@@ -1,2 +0,0 @@", "-x", "-y");
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.of(List.of("a"), List.of("a"), "f", "t")).isEmpty();
    }
}
