package org.tinybirdmaven.template;

/** Python's notion of whitespace and the strip family, shared by the interpreter and Tinybird's helpers. */
final class PyStrings {

    private PyStrings() {}

    /** {@code str.isspace()} for one code point (Unicode whitespace plus the information separators). */
    static boolean isSpace(int c) {
        if (c >= 0x1c && c <= 0x1f || c == 0x85) {
            return true;
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** {@code s.strip(chars)}; {@code chars == null} strips whitespace. */
    static String strip(String s, String chars) {
        return rstrip(lstrip(s, chars), chars);
    }

    static String lstrip(String s, String chars) {
        int start = 0;
        while (start < s.length()) {
            int c = s.codePointAt(start);
            if (!stripped(c, chars)) {
                break;
            }
            start += Character.charCount(c);
        }
        return s.substring(start);
    }

    static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0) {
            int c = s.codePointBefore(end);
            if (!stripped(c, chars)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return s.substring(0, end);
    }

    private static boolean stripped(int c, String chars) {
        return chars == null ? isSpace(c) : chars.indexOf(new String(Character.toChars(c))) >= 0;
    }
}
