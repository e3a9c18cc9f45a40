package org.tinybirdmaven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.tinybirdmaven.syntax.SyntaxException;

final class SyntaxErrors {

    private SyntaxErrors() {
    }

    /** Asserts that {@code call} throws a SyntaxException with exactly this reason and 1-based position. */
    static void assertSyntaxError(ThrowingCallable call, String reason, int line, int column) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SyntaxException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.line()).as("line").isEqualTo(line);
            assertThat(e.column()).as("column").isEqualTo(column);
        });
    }
}
