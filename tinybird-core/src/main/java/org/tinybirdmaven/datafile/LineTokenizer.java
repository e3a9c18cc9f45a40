package org.tinybirdmaven.datafile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one datafile line into words the way the Classic CLI does (Python {@code shlex}, non-POSIX mode, whitespace
 * splitting): quoted words keep their quotes, a quote inside a word is an ordinary character, {@code #} outside
 * quotes ends the line even in the middle of a word, and there is no backslash escaping.
 */
final class LineTokenizer {

    /** A word and the 1-based column where it starts. */
    record Word(String text, int column) {}

    /** The line has a quote that is never closed; {@code column} is where it opens. */
    static final class UnclosedQuoteException extends Exception {
        private static final long serialVersionUID = 1L;
        final int column;
        final char quote;

        UnclosedQuoteException(int column, char quote) {
            super("unclosed " + quote + " quote");
            this.column = column;
            this.quote = quote;
        }
    }

    private LineTokenizer() {}

    static List<Word> tokenize(String line) throws UnclosedQuoteException {
        List<Word> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                break;
            } else if (c == '"' || c == '\'') {
                int close = line.indexOf(c, i + 1);
                if (close < 0) {
                    throw new UnclosedQuoteException(i + 1, c);
                }
                // Non-POSIX shlex ends the word at the closing quote, so `"a"b` is two words.
                words.add(new Word(line.substring(i, close + 1), i + 1));
                i = close + 1;
            } else {
                int start = i;
                while (i < n && !isWhitespace(line.charAt(i)) && line.charAt(i) != '#') {
                    i++;
                }
                words.add(new Word(line.substring(start, i), start + 1));
                if (i < n && line.charAt(i) == '#') {
                    break;
                }
            }
        }
        return words;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Removes one leading and one trailing quote when both ends are quotes (they need not match), as Classic does. */
    static String unquote(String value) {
        if (!value.isEmpty() && isQuote(value.charAt(0)) && isQuote(value.charAt(value.length() - 1))) {
            return value.length() == 1 ? "" : value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }
}
