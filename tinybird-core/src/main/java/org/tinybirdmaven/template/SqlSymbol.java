package org.tinybirdmaven.template;

/**
 * Tinybird's {@code Symbol}: an escaped identifier from {@code column}, {@code symbol}, {@code table},
 * {@code tb_secret}; inserted raw by <code>{{ }}</code>. Not a string: it has no string methods and compares by
 * identity, as in Tinybird.
 */
final class SqlSymbol {
    private final String text;

    SqlSymbol(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
