package org.tinybirdmaven.graph;

/**
 * Text widths without a font renderer. Names are set in a monospace font, whose advance is 0.6 em in every common
 * one (DejaVu Sans Mono, Menlo, Consolas' 0.55 fits too); captions in a sans-serif font, estimated at the width of
 * its wider lower-case letters so that DejaVu Sans, the widest usual fallback, still fits.
 */
final class TextWidth {

    static final String MONO = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";
    static final String SANS = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif";

    private TextWidth() {}

    static double mono(String text, double fontSize) {
        return text.codePointCount(0, text.length()) * 0.61 * fontSize;
    }

    static double sans(String text, double fontSize) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            em += c == 'm' ? 1.0 : Character.isUpperCase(c) || c == 'w' ? 0.86
                    : c == ' ' || c == 'i' || c == 'l' || c == 'j' ? 0.35 : 0.64;
        }
        return em * fontSize;
    }
}
