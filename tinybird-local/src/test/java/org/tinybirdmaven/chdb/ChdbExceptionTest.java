package org.tinybirdmaven.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChdbExceptionTest {

    @Test
    void parsesCodeAndNameAndDropsThePrefix() {
        ChdbException e = ChdbException.fromEngineMessage(
                "Code: 60. DB::Exception: Unknown table expression identifier 'nope' in scope SELECT * FROM nope. "
                        + "(UNKNOWN_TABLE)");

        assertThat(e.code()).isEqualTo(60);
        assertThat(e.errorName()).isEqualTo("UNKNOWN_TABLE");
        assertThat(e.getMessage())
                .isEqualTo("Unknown table expression identifier 'nope' in scope SELECT * FROM nope. (UNKNOWN_TABLE)");
    }

    @Test
    void unwrapsRethrownMessagesAndVersionSuffixes() {
        ChdbException e = ChdbException.fromEngineMessage("Code: 73. DB::Exception: Code: 73. DB::Exception: Code: 73. "
                + "DB::Exception: Unknown format Foo. Maybe you meant: []. (UNKNOWN_FORMAT) (version 26.5.1.1). "
                + "(UNKNOWN_FORMAT) (version 26.5.1.1). (UNKNOWN_FORMAT)");

        assertThat(e.code()).isEqualTo(73);
        assertThat(e.errorName()).isEqualTo("UNKNOWN_FORMAT");
        assertThat(e.getMessage()).isEqualTo("Unknown format Foo. Maybe you meant: []. (UNKNOWN_FORMAT)");
    }

    @Test
    void dropsTheStackTraceButKeepsMultiLineMessages() {
        ChdbException e = ChdbException.fromEngineMessage("Code: 27. DB::Exception: Cannot parse input: (at row 1)\n"
                + ": While executing ParallelParsingBlockInputFormat. (CANNOT_PARSE_INPUT_ASSERTION_FAILED)\n"
                + "\nStack trace (when copying this message, always include the lines below):\n\n0. DB::Exception…");

        assertThat(e.code()).isEqualTo(27);
        assertThat(e.getMessage()).isEqualTo("Cannot parse input: (at row 1)\n"
                + ": While executing ParallelParsingBlockInputFormat. (CANNOT_PARSE_INPUT_ASSERTION_FAILED)");
    }

    @Test
    void keepsMessagesWithoutACode() {
        ChdbException e = ChdbException.fromEngineMessage("Unexpected null connection");

        assertThat(e.code()).isZero();
        assertThat(e.errorName()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("Unexpected null connection");
    }
}
