package org.tinybirdmaven.server.datasource;

import java.util.ArrayList;
import java.util.List;

/**
 * A column's NDJSON path in Tinybird's dialect: {@code $} (the whole line), {@code $.a.b} (nested keys),
 * {@code $.['key.with.dots']} (a key written in single quotes inside brackets), {@code $.arr[:]} (the elements of an
 * array) and {@code $.arr[:].b} (a key of every element). At most one {@code [:]} is allowed and brackets must hold a
 * single-quoted key; the messages are Tinybird's.
 *
 * @param keys        the keys leading to the value (or to the array when {@link #array()}); empty for the root
 * @param array       whether the path iterates an array ({@code [:]})
 * @param elementKeys the keys applied to every array element after {@code [:]}
 */
record JsonPath(String text, List<String> keys, boolean array, List<String> elementKeys) {

    JsonPath {
        keys = List.copyOf(keys);
        elementKeys = List.copyOf(elementKeys);
    }

    /**
     * Parses a jsonpath.
     *
     * @throws IllegalArgumentException with Tinybird's message when the path is not valid
     */
    static JsonPath parse(String text) {
        String path = text.strip();
        if (path.equals("$")) {
            return new JsonPath(path, List.of(), false, List.of());
        }
        String rest;
        if (path.startsWith("$.")) {
            rest = path.substring(2);
        } else if (path.startsWith("$[:]")) {
            rest = path.substring(1);
        } else {
            throw new IllegalArgumentException("Invalid JSONPath " + path);
        }
        String[] parts = rest.split("\\[:]", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("Nested arrays are not supported. Found " + parts.length
                    + " levels of nesting.");
        }
        List<String> keys = segments(parts[0], rest);
        if (parts.length == 1) {
            return new JsonPath(path, keys, false, List.of());
        }
        return new JsonPath(path, keys, true, segments(parts[1], rest));
    }

    /** Splits {@code a.['b.c'].d} into keys; dots inside {@code ['...']} do not separate. */
    private static List<String> segments(String text, String whole) {
        List<String> keys = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int close = text.indexOf("']", i);
                if (!text.startsWith("['", i) || close < 0) {
                    throw new IllegalArgumentException("Invalid JSONPath " + whole
                            + ". The path inside brackets should be single quoted.");
                }
                keys.add(text.substring(i + 2, close));
                i = close + 2;
            } else {
                int end = i;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                keys.add(text.substring(i, end));
                i = end;
            }
        }
        return keys;
    }
}
