package org.tinybirdmaven.template;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code datetime.strptime(text, format)} for the date helpers ({@code day_diff},
 * {@code date_diff_in_*}): the format is translated to a regular expression exactly like CPython's
 * {@code _strptime} does (case-insensitive, whitespace matching any run of whitespace, the same pattern per
 * directive), the whole text must match, and the fields are then validated as {@code datetime} does.
 */
final class PyStrptime {

    private static final Map<Character, String> DIRECTIVES = Map.ofEntries(
            Map.entry('d', "(?<d>3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9])"),
            Map.entry('f', "(?<f>[0-9]{1,6})"),
            Map.entry('H', "(?<H>2[0-3]|[0-1]\\d|\\d)"),
            Map.entry('I', "(?<I>1[0-2]|0[1-9]|[1-9])"),
            Map.entry('G', "(?<G>\\d\\d\\d\\d)"),
            Map.entry('j', "(?<j>36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])"),
            Map.entry('m', "(?<m>1[0-2]|0[1-9]|[1-9])"),
            Map.entry('M', "(?<M>[0-5]\\d|\\d)"),
            Map.entry('S', "(?<S>6[0-1]|[0-5]\\d|\\d)"),
            Map.entry('U', "(?<U>5[0-3]|[0-4]\\d|\\d)"),
            Map.entry('W', "(?<W>5[0-3]|[0-4]\\d|\\d)"),
            Map.entry('V', "(?<V>5[0-3]|0[1-9]|[1-4]\\d|\\d)"),
            Map.entry('w', "(?<w>[0-6])"),
            Map.entry('u', "(?<u>[1-7])"),
            Map.entry('y', "(?<y>\\d\\d)"),
            Map.entry('Y', "(?<Y>\\d\\d\\d\\d)"),
            Map.entry('z', "(?<z>[+-]\\d\\d:?[0-5]\\d(:?[0-5]\\d(\\.\\d{1,6})?)?|(?-i:Z))"),
            Map.entry('a', "(?<a>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat"
                    + "|sun)"),
            Map.entry('A', "(?<A>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"),
            Map.entry('b', "(?<b>january|february|march|april|may|june|july|august|september|october|november"
                    + "|december|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"),
            Map.entry('B', "(?<B>january|february|march|april|may|june|july|august|september|october|november"
                    + "|december)"),
            Map.entry('p', "(?<p>am|pm)"),
            Map.entry('Z', "(?<Z>utc|gmt)"));

    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    /** A parsed date and time; {@code offset} is null for a naive datetime. */
    record DateTime(LocalDateTime local, ZoneOffset offset) {

        /** {@code abs(self - other)} in microseconds; mixing naive and aware raises {@code TypeError}. */
        long absoluteDifferenceMicros(DateTime other) {
            if ((offset == null) != (other.offset == null)) {
                throw PyError.of(PyType.TYPE_ERROR, "can't subtract offset-naive and offset-aware datetimes");
            }
            long micros = offset == null
                    ? ChronoUnit.MICROS.between(other.local, local)
                    : ChronoUnit.MICROS.between(other.local.toInstant(other.offset), local.toInstant(offset));
            return Math.abs(micros);
        }
    }

    private PyStrptime() {}

    static DateTime parse(Object data, Object format) {
        if (!PyRuntime.isStr(data)) {
            throw PyError.of(PyType.TYPE_ERROR, "strptime() argument 1 must be str, not " + PyRuntime.typeName(data));
        }
        if (!PyRuntime.isStr(format)) {
            throw PyError.of(PyType.TYPE_ERROR, "strptime() argument 2 must be str, not "
                    + PyRuntime.typeName(format));
        }
        String text = PyRuntime.strValue(data);
        String formatText = PyRuntime.strValue(format);
        Pattern pattern = CACHE.computeIfAbsent(formatText, PyStrptime::compile);
        Matcher matcher = pattern.matcher(text);
        if (!matcher.lookingAt()) {
            throw PyError.of(PyType.VALUE_ERROR, "time data " + PyRuntime.reprString(text, false)
                    + " does not match format " + PyRuntime.reprString(formatText, false));
        }
        if (matcher.end() != text.length()) {
            throw PyError.of(PyType.VALUE_ERROR, "unconverted data remains: " + text.substring(matcher.end()));
        }
        return build(matcher, pattern.pattern());
    }

    private static Pattern compile(String format) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '%') {
                if (i + 1 >= format.length()) {
                    throw PyError.of(PyType.VALUE_ERROR, "stray % in format " + PyRuntime.reprString(format, false));
                }
                char directive = format.charAt(i + 1);
                if (directive == '%') {
                    regex.append('%');
                } else {
                    String group = DIRECTIVES.get(directive);
                    if (group == null) {
                        throw PyError.of(PyType.VALUE_ERROR, "'" + directive + "' is a bad directive in format "
                                + PyRuntime.reprString(format, false));
                    }
                    if (regex.indexOf("(?<" + directive + ">") >= 0) {
                        throw PyError.of(PyType.VALUE_ERROR, "redefinition of group name '" + directive + "'");
                    }
                    regex.append(group);
                }
                i += 2;
            } else if (PyStrings.isSpace(c)) {
                while (i < format.length() && PyStrings.isSpace(format.charAt(i))) {
                    i++;
                }
                regex.append("\\s+");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    }

    private static String group(Matcher matcher, String regex, char name) {
        return regex.contains("(?<" + name + ">") ? matcher.group(String.valueOf(name)) : null;
    }

    private static int number(String digits) {
        int value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c == ' ') {
                continue;
            }
            value = value * 10 + Character.digit(c, 10);
        }
        return value;
    }

    private static DateTime build(Matcher matcher, String regex) {
        int year = 1900;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int micros = 0;
        Integer dayOfYear = null;
        ZoneOffset offset = null;
        String value;
        if ((value = group(matcher, regex, 'Y')) != null) {
            year = number(value);
        } else if ((value = group(matcher, regex, 'y')) != null) {
            int twoDigits = number(value);
            year = twoDigits <= 68 ? 2000 + twoDigits : 1900 + twoDigits;
        }
        if ((value = group(matcher, regex, 'm')) != null) {
            month = number(value);
        } else if ((value = group(matcher, regex, 'B')) != null || (value = group(matcher, regex, 'b')) != null) {
            String lower = value.toLowerCase(Locale.ROOT);
            for (int m = 0; m < MONTHS.size(); m++) {
                if (MONTHS.get(m).equals(lower) || MONTHS.get(m).substring(0, 3).equals(lower)) {
                    month = m + 1;
                }
            }
        }
        if ((value = group(matcher, regex, 'd')) != null) {
            day = number(value);
        }
        if ((value = group(matcher, regex, 'H')) != null) {
            hour = number(value);
        } else if ((value = group(matcher, regex, 'I')) != null) {
            hour = number(value);
            String ampm = group(matcher, regex, 'p');
            boolean pm = ampm != null && ampm.equalsIgnoreCase("pm");
            if (ampm != null) {
                hour = pm ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour);
            }
        }
        if ((value = group(matcher, regex, 'M')) != null) {
            minute = number(value);
        }
        if ((value = group(matcher, regex, 'S')) != null) {
            second = number(value);
        }
        if ((value = group(matcher, regex, 'f')) != null) {
            StringBuilder padded = new StringBuilder(value);
            while (padded.length() < 6) {
                padded.append('0');
            }
            micros = number(padded.toString());
        }
        if ((value = group(matcher, regex, 'j')) != null) {
            dayOfYear = number(value);
        }
        if ((value = group(matcher, regex, 'z')) != null) {
            offset = offset(value);
        }
        if (second > 59) {
            throw PyError.of(PyType.VALUE_ERROR, "second must be in 0..59");
        }
        try {
            LocalDate date = dayOfYear != null && group(matcher, regex, 'm') == null
                    && group(matcher, regex, 'd') == null
                    ? LocalDate.ofYearDay(year, dayOfYear)
                    : LocalDate.of(year, month, day);
            return new DateTime(date.atTime(hour, minute, second, micros * 1000), offset);
        } catch (DateTimeException e) {
            throw PyError.of(PyType.VALUE_ERROR, "day is out of range for month");
        }
    }

    private static ZoneOffset offset(String text) {
        if (text.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        int hours = number(digits.substring(0, 2));
        int minutes = number(digits.substring(2, 4));
        int seconds = digits.length() >= 6 ? number(digits.substring(4, 6)) : 0;
        int total = hours * 3600 + minutes * 60 + seconds;
        try {
            return ZoneOffset.ofTotalSeconds(text.charAt(0) == '-' ? -total : total);
        } catch (DateTimeException e) {
            throw PyError.of(PyType.VALUE_ERROR, "Inconsistent use of : in " + text);
        }
    }
}
