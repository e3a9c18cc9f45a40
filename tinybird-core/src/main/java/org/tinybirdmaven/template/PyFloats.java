package org.tinybirdmaven.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's float text conversions: {@code repr()} (shortest round-trip digits) and {@code float(str)}. */
final class PyFloats {

    private static final Pattern DECIMAL = Pattern.compile(
            "([+-]?)((?:[0-9](?:_?[0-9])*)?(?:\\.(?:[0-9](?:_?[0-9])*)?)?)(?:[eE]([+-]?[0-9](?:_?[0-9])*))?");
    private static final Pattern SPECIAL = Pattern.compile("([+-]?)(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private PyFloats() {}

    /** {@code repr(float)}, e.g. {@code 1.0}, {@code 0.1}, {@code 1e+16}, {@code 1.5e-07}, {@code inf}, {@code nan}. */
    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0.0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        Digits digits = shortest(Math.abs(d));
        String s = digits.digits;
        int decpt = digits.decimalPoint;
        int n = s.length();
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
        }
        if (decpt <= -4 || decpt > 16) {
            out.append(s.charAt(0));
            if (n > 1) {
                out.append('.').append(s, 1, n);
            }
            int exponent = decpt - 1;
            out.append('e').append(exponent < 0 ? '-' : '+');
            String magnitude = Integer.toString(Math.abs(exponent));
            if (magnitude.length() < 2) {
                out.append('0');
            }
            out.append(magnitude);
        } else if (decpt <= 0) {
            out.append("0.").append("0".repeat(-decpt)).append(s);
        } else if (decpt >= n) {
            out.append(s).append("0".repeat(decpt - n)).append(".0");
        } else {
            out.append(s, 0, decpt).append('.').append(s, decpt, n);
        }
        return out.toString();
    }

    /** Significant digits {@code 0.d1d2... × 10^decimalPoint}. */
    record Digits(String digits, int decimalPoint) {}

    /** The shortest digits that read back as {@code positive}, the closest such digits if several. */
    static Digits shortest(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        BigDecimal rounded = exact;
        for (int precision = 1; precision <= 17; precision++) {
            rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == positive) {
                break;
            }
        }
        rounded = rounded.stripTrailingZeros();
        String digits = rounded.unscaledValue().toString();
        return new Digits(digits, digits.length() - rounded.scale());
    }

    /**
     * Python's {@code float(text)}: surrounding whitespace ignored, {@code inf}/{@code infinity}/{@code nan} in any
     * case, Unicode decimal digits, and (when {@code underscores}) single underscores between digits. Returns null if
     * the text is not a float.
     */
    static Double parse(String text, boolean underscores) {
        String s = PyStrings.strip(text, null);
        StringBuilder ascii = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 127 && Character.isDigit(c)) {
                ascii.append((char) ('0' + Character.digit(c, 10)));
            } else {
                ascii.append(c);
            }
        }
        String normalized = ascii.toString();
        Matcher special = SPECIAL.matcher(normalized);
        if (special.matches()) {
            boolean negative = special.group(1).equals("-");
            if (special.group(2).equalsIgnoreCase("nan")) {
                return Double.NaN;
            }
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        Matcher decimal = DECIMAL.matcher(normalized);
        if (!decimal.matches()) {
            return null;
        }
        String mantissa = decimal.group(2);
        if (mantissa.isEmpty() || mantissa.equals(".")) {
            return null;
        }
        if (!underscores && normalized.indexOf('_') >= 0) {
            return null;
        }
        return Double.parseDouble(normalized.replace("_", ""));
    }

    /** {@code value} rounded half-even to {@code decimals} places after the point (its exact binary value). */
    static BigDecimal fixed(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN);
    }
}
