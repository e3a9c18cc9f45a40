package org.tinybirdmaven.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's {@code .tinyenv} (spec §10.2): shell {@code KEY=VALUE} lines, sourced by Tinybird's CI scripts, e.g.
 * {@code VERSION=1.2.0}. {@code export} prefixes, comments and quotes around values are handled; any other line is
 * ignored.
 */
public final class TinyEnv {

    private TinyEnv() {}

    /** The variables of {@code <projectDir>/.tinyenv}; empty when the file does not exist. */
    public static Map<String, String> read(Path projectDir) {
        Path file = projectDir.resolve(".tinyenv");
        Map<String, String> variables = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return variables;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (line.startsWith("#") || equals <= 0 || !line.substring(0, equals).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            variables.put(line.substring(0, equals), value(line.substring(equals + 1).strip()));
        }
        return variables;
    }

    private static String value(String text) {
        if (text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')) {
            int end = text.indexOf(text.charAt(0), 1);
            if (end > 0) {
                return text.substring(1, end);
            }
        }
        int comment = text.indexOf(" #");
        return (comment >= 0 ? text.substring(0, comment) : text).strip();
    }
}
