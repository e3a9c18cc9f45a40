package org.tinybirdmaven.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits the text of a {@code .test} file into commands and words the way bash would, for the subset such files
 * use: single and double quotes, backslash escapes, backslash-newline continuations, {@code #} comments, and
 * {@code $NAME} / {@code ${NAME}} expansion from the given variables. One command per line. Anything that would
 * need a shell (pipes, redirections, {@code ;}, {@code &&}, subshells, command substitution, globs, unknown
 * variables) is a {@link TestFileException} naming the line and column, so that no test passes by being misread.
 */
final class ShellWords {

    /** A command: its words after quote removal and expansion, and the line it starts on. */
    record Command(List<String> words, int line) {}

    private static final String OPERATORS = "|&;<>()`";

    private final String text;
    private final String file;
    private final Map<String, String> variables;
    private int pos;
    private int line = 1;
    private int column = 1;

    private ShellWords(String text, String file, Map<String, String> variables) {
        this.text = text;
        this.file = file;
        this.variables = variables;
    }

    /**
     * @param file      the file's name for error messages
     * @param variables what {@code $NAME} expands to
     */
    static List<Command> split(String text, String file, Map<String, String> variables) {
        return new ShellWords(text.replace("\r\n", "\n"), file, variables).commands();
    }

    private List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int commandLine = line;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                advance();
                if (!words.isEmpty()) {
                    commands.add(new Command(List.copyOf(words), commandLine));
                    words.clear();
                }
            } else if (c == ' ' || c == '\t') {
                advance();
            } else if (c == '\\' && peek(1) == '\n') {
                advance();
                advance();
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else {
                if (words.isEmpty()) {
                    commandLine = line;
                }
                words.add(word());
            }
        }
        if (!words.isEmpty()) {
            commands.add(new Command(List.copyOf(words), commandLine));
        }
        return commands;
    }

    private String word() {
        StringBuilder word = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n') {
                break;
            }
            if (OPERATORS.indexOf(c) >= 0) {
                throw error("'" + c + "' needs a shell (pipes, redirections, several commands on one line and"
                        + " subshells are not supported); write one 'tb pipe data …' or 'tb sql …' command per line");
            }
            if (c == '*' || c == '?' || c == '[' || c == '~' && word.length() == 0) {
                throw error("'" + c + "' would be expanded by the shell; quote it");
            }
            if (c == '\'') {
                int start = advance();
                int end = text.indexOf('\'', pos);
                if (end < 0) {
                    throw errorAt(start, "unterminated single quote");
                }
                while (pos < end) {
                    word.append(text.charAt(pos));
                    advance();
                }
                advance();
            } else if (c == '"') {
                doubleQuoted(word);
            } else if (c == '\\') {
                advance();
                if (pos < text.length()) {
                    if (text.charAt(pos) != '\n') {
                        word.append(text.charAt(pos));
                    }
                    advance();
                }
            } else if (c == '$') {
                word.append(variable());
            } else {
                word.append(c);
                advance();
            }
        }
        return word.toString();
    }

    private void doubleQuoted(StringBuilder word) {
        int start = advance();
        while (true) {
            if (pos >= text.length()) {
                throw errorAt(start, "unterminated double quote");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                advance();
                return;
            }
            if (c == '\\' && pos + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(pos + 1)) >= 0) {
                advance();
                if (text.charAt(pos) != '\n') {
                    word.append(text.charAt(pos));
                }
                advance();
            } else if (c == '$') {
                word.append(variable());
            } else if (c == '`') {
                throw error("command substitution needs a shell and is not supported");
            } else {
                word.append(c);
                advance();
            }
        }
    }

    /** {@code $NAME}, {@code ${NAME}} or {@code $1}; the text at {@code pos} starts with {@code $}. */
    private String variable() {
        int start = advance();
        String name;
        if (peek(0) == '{') {
            advance();
            int end = text.indexOf('}', pos);
            if (end < 0) {
                throw errorAt(start, "unterminated ${");
            }
            name = text.substring(pos, end);
            while (pos <= end) {
                advance();
            }
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*|[0-9]")) {
                throw errorAt(start, "'${" + name + "}' needs a shell; only plain ${NAME} is supported");
            }
        } else if (peek(0) == '(') {
            throw errorAt(start, "command substitution needs a shell and is not supported");
        } else {
            StringBuilder read = new StringBuilder();
            if (Character.isDigit(peek(0))) {
                read.append(peek(0));
                advance();
            } else {
                while (pos < text.length() && (Character.isLetterOrDigit(peek(0)) || peek(0) == '_')) {
                    read.append(peek(0));
                    advance();
                }
            }
            name = read.toString();
            if (name.isEmpty()) {
                return "$";
            }
        }
        String value = variables.get(name);
        if (value == null) {
            throw errorAt(start, "unknown variable $" + name + "; the variables of .tinyenv (and $1, its VERSION)"
                    + " are available: " + String.join(", ", new java.util.TreeSet<>(variables.keySet())));
        }
        return value;
    }

    private char peek(int ahead) {
        return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0';
    }

    /** Moves one character on and returns the offset it was at. */
    private int advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return pos++;
    }

    private TestFileException error(String message) {
        return new TestFileException(file, line, column, message);
    }

    private TestFileException errorAt(int offset, String message) {
        int l = 1;
        int c = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        return new TestFileException(file, l, c, message);
    }
}
