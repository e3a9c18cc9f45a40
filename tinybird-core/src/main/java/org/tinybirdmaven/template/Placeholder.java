package org.tinybirdmaven.template;

/**
 * The value of a parameter in test mode (spec §4.4). Type functions turn it into their default or a dummy value;
 * <code>{{ }}</code> renders it as {@code '__no_value__'}; {@code defined()} is false for it. Like Tinybird's class it
 * is truthy, compares by identity, supports {@code p[i]} for i ≤ 2 (so iterating it yields three placeholders),
 * {@code p + x}, {@code split} and {@code startswith}; calling it is an error; ordering comparisons raise a
 * {@code TypeError}.
 */
final class Placeholder {
    private final String name;
    private final int line;

    Placeholder(String name, int line) {
        this.name = name;
        this.line = line;
    }

    /** An anonymous placeholder, as produced by indexing or adding to one. */
    Placeholder() {
        this("__no_value__", 0);
    }

    String name() {
        return name;
    }

    /** The template line Tinybird reports for it, or 0 when unknown. */
    int line() {
        return line;
    }

    @Override
    public String toString() {
        return "__no_value__";
    }
}
