package org.tinybirdmaven.datafile;

import java.util.Map;

/**
 * Python's {@code string.Template.safe_substitute}: {@code $name} and {@code ${name}} are replaced when the name is
 * known, unknown names and lone {@code $} stay as written, and {@code $$} becomes {@code $}. Names are ASCII
 * identifiers. Classic applies it with the process environment to many datafile values and with the parameters of
 * an {@code INCLUDE} line to the included text.
 */
final class EnvSubstitution {

    private EnvSubstitution() {}

    static String substitute(String text, Map<String, String> variables) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int end = identifierEnd(text, i + 2);
                if (end > i + 2 && end < n && text.charAt(end) == '}'
                        && variables.containsKey(text.substring(i + 2, end))) {
                    out.append(variables.get(text.substring(i + 2, end)));
                    i = end + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                int end = identifierEnd(text, i + 1);
                if (end > i + 1 && variables.containsKey(text.substring(i + 1, end))) {
                    out.append(variables.get(text.substring(i + 1, end)));
                    i = end;
                } else {
                    out.append(c);
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** The names of {@code $name} / {@code ${name}} references that {@code variables} cannot resolve. */
    static java.util.List<String> unresolved(String text, Map<String, String> variables) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = text.indexOf('$'); i >= 0 && i + 1 < text.length(); i = text.indexOf('$', i + 1)) {
            int start = text.charAt(i + 1) == '{' ? i + 2 : i + 1;
            int end = identifierEnd(text, start);
            if (end > start && !variables.containsKey(text.substring(start, end))) {
                names.add(text.substring(start, end));
            }
        }
        return names;
    }

    private static int identifierEnd(String text, int start) {
        int i = start;
        if (i < text.length() && isIdentifierStart(text.charAt(i))) {
            i++;
            while (i < text.length() && (isIdentifierStart(text.charAt(i)) || (text.charAt(i) >= '0' && text.charAt(i) <= '9'))) {
                i++;
            }
        }
        return i;
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
