package org.tinybirdmaven.tests;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three kinds of tests a project's {@code tests/} folder holds. */
public enum TestKind {
    DATA_QUALITY("data-quality"),
    FIXTURE("fixture"),
    REGRESSION("regression");

    private final String id;

    TestKind(String id) {
        this.id = id;
    }

    /** The name users write ({@code data-quality}, {@code fixture}, {@code regression}). */
    public String id() {
        return id;
    }

    /** A comma-separated list of kinds. */
    public static java.util.Set<TestKind> parseList(String text) {
        java.util.Set<TestKind> kinds = java.util.EnumSet.noneOf(TestKind.class);
        for (String kind : text.split(",")) {
            kinds.add(parse(kind));
        }
        return kinds;
    }

    /** Reads a user's name for a kind; {@code data_quality}, {@code quality} and plurals are accepted too. */
    public static TestKind parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replaceAll("s$", "");
        for (TestKind kind : values()) {
            if (kind.id.equals(key) || kind.id.endsWith("-" + key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown test kind '" + text + "'; use "
                + Arrays.stream(values()).map(TestKind::id).collect(Collectors.joining(", ")));
    }
}
