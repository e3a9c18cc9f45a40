package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void blankLinesAndLineEndingsDoNotCount() {
        assertThat(LineDiff.same("a\nb\n", "a\n\nb\n\n\n")).isTrue();
        assertThat(LineDiff.same("a\r\nb", "a\nb\n")).isTrue();
        assertThat(LineDiff.same("a\n \nb", "a\nb")).as("spaces are not blank, as with diff -B").isFalse();
        assertThat(LineDiff.unified("a\n", "a\n\n", "x", "y")).isEmpty();
    }

    @Test
    void aChangedRowIsAUnifiedHunkWithContext() {
        String expected = "\"h\"\n1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String actual = "\"h\"\n1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n";
        assertThat(LineDiff.unified(expected, actual, "t.test.result", "actual")).isEqualTo("""
                --- t.test.result
                +++ actual
                @@ -3,7 +3,7 @@
                 2
                 3
                 4
                -5
                +FIVE
                 6
                 7
                 8
                """);
    }

    @Test
    void insertionsDeletionsAndSeparateHunks() {
        String expected = String.join("\n", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
        String actual = String.join("\n", "a", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m");
        assertThat(LineDiff.unified(expected, actual, "e", "a")).isEqualTo("""
                --- e
                +++ a
                @@ -1,5 +1,4 @@
                 a
                -b
                 c
                 d
                 e
                @@ -10,3 +9,4 @@
                 j
                 k
                 l
                +m
                """);
        assertThat(LineDiff.unified("", "x\n", "e", "a")).isEqualTo("--- e\n+++ a\n@@ -0,0 +1 @@\n+x\n");
        assertThat(LineDiff.unified("x\ny\n", "", "e", "a")).isEqualTo("--- e\n+++ a\n@@ -1,2 +0,0 @@\n-x\n-y\n");
    }
}
