package org.tinybirdmaven.template;

import java.util.List;

/**
 * The left-hand side of {@code {% set %}}, the variables of {@code {% for %}} and of comprehensions. Templates may
 * only bind names and (nested) tuples of names; Python's attribute, subscript and starred targets are rejected.
 */
public sealed interface Target {

    SourcePosition position();

    /** {@code x} */
    record Name(String id, SourcePosition position) implements Target {}

    /** {@code a, b} or {@code (a, (b, c))} or {@code [a, b]}: unpacks an iterable element by element. */
    record Tuple(List<Target> elements, SourcePosition position) implements Target {
        public Tuple {
            elements = List.copyOf(elements);
        }
    }
}
