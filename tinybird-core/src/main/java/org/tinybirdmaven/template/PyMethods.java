package org.tinybirdmaven.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Attributes of template values: the methods of {@code str}, {@code list}, {@code tuple}, {@code dict} and
 * {@code set} that templates use, the two methods of Tinybird's placeholder, and {@code e.args} of exceptions.
 */
final class PyMethods {

    private static final Set<String> STR_METHODS = Set.of(
            "lower", "upper", "casefold", "capitalize", "title", "swapcase", "strip", "lstrip", "rstrip", "split",
            "rsplit", "splitlines", "join", "replace", "startswith", "endswith", "find", "rfind", "index", "rindex",
            "count", "isdigit", "isnumeric", "isdecimal", "isalpha", "isalnum", "isspace", "islower", "isupper",
            "istitle", "isidentifier", "isascii", "isprintable", "zfill", "center", "ljust", "rjust", "partition",
            "rpartition", "removeprefix", "removesuffix");
    private static final Set<String> LIST_METHODS = Set.of(
            "append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "copy", "clear");
    private static final Set<String> TUPLE_METHODS = Set.of("index", "count");
    private static final Set<String> DICT_METHODS = Set.of(
            "get", "keys", "values", "items", "pop", "popitem", "setdefault", "update", "copy", "clear");
    private static final Set<String> SET_METHODS = Set.of(
            "add", "remove", "discard", "pop", "clear", "copy", "union", "intersection", "difference",
            "symmetric_difference", "issubset", "issuperset", "isdisjoint", "update");

    private PyMethods() {}

    static Object attribute(PyRuntime runtime, Object value, String name) {
        if (PyRuntime.isStr(value) && STR_METHODS.contains(name)) {
            return new BoundMethod(value, name, (rt, self, args, kwargs) ->
                    strMethod(rt, PyRuntime.strValue(self), name, args, kwargs));
        }
        if (value instanceof PyList && LIST_METHODS.contains(name)) {
            return new BoundMethod(value, name, (rt, self, args, kwargs) ->
                    listMethod(rt, (PyList) self, name, args, kwargs));
        }
        if (value instanceof PyTuple && TUPLE_METHODS.contains(name)) {
            return new BoundMethod(value, name, (rt, self, args, kwargs) ->
                    sequenceSearch(rt, "tuple", ((PyTuple) self).items, name, args, kwargs));
        }
        if (value instanceof PyDict && DICT_METHODS.contains(name)) {
            return new BoundMethod(value, name, (rt, self, args, kwargs) ->
                    dictMethod(rt, (PyDict) self, name, args, kwargs));
        }
        if (value instanceof PySet && SET_METHODS.contains(name)) {
            return new BoundMethod(value, name, (rt, self, args, kwargs) ->
                    setMethod(rt, (PySet) self, name, args, kwargs));
        }
        if (value instanceof Placeholder && name.equals("split")) {
            return new BoundMethod(value, name, (rt, self, args, kwargs) -> {
                Args.bind("split", args, kwargs, new String[] {"ch"}, new Object[] {Args.REQUIRED});
                return new PyList(List.of(new Placeholder(), new Placeholder()));
            });
        }
        if (value instanceof Placeholder && name.equals("startswith")) {
            return new BoundMethod(value, name, (rt, self, args, kwargs) -> {
                Args.bind("startswith", args, kwargs, new String[] {"c"}, new Object[] {Args.REQUIRED});
                return false;
            });
        }
        if (value instanceof PyExceptionValue exception && name.equals("args")) {
            return new PyTuple(exception.args());
        }
        if (value instanceof PyType type) {
            throw PyError.of(PyType.ATTRIBUTE_ERROR, "type object '" + type.name() + "' has no attribute '" + name
                    + "'");
        }
        throw PyError.of(PyType.ATTRIBUTE_ERROR,
                "'" + PyRuntime.typeName(value) + "' object has no attribute '" + name + "'");
    }

    // --------------------------------------------------------------------------------------------- str

    private static String strArgument(String method, Object value) {
        if (!PyRuntime.isStr(value)) {
            throw PyError.of(PyType.TYPE_ERROR, "must be str, not " + PyRuntime.typeName(value));
        }
        return PyRuntime.strValue(value);
    }

    private static Object strMethod(PyRuntime runtime, String s, String name, List<Object> args,
            Map<String, Object> kwargs) {
        switch (name) {
            case "lower":
            case "casefold":
                noArguments(name, args, kwargs);
                return s.toLowerCase(Locale.ROOT);
            case "upper":
                noArguments(name, args, kwargs);
                return s.toUpperCase(Locale.ROOT);
            case "swapcase": {
                noArguments(name, args, kwargs);
                StringBuilder out = new StringBuilder();
                s.codePoints().forEach(c -> out.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                        : Character.isLowerCase(c) ? Character.toUpperCase(c) : c));
                return out.toString();
            }
            case "capitalize": {
                noArguments(name, args, kwargs);
                if (s.isEmpty()) {
                    return s;
                }
                int first = s.codePointAt(0);
                return new String(Character.toChars(Character.toTitleCase(first)))
                        + s.substring(Character.charCount(first)).toLowerCase(Locale.ROOT);
            }
            case "title": {
                noArguments(name, args, kwargs);
                StringBuilder out = new StringBuilder();
                boolean previousCased = false;
                for (int i = 0; i < s.length(); ) {
                    int c = s.codePointAt(i);
                    i += Character.charCount(c);
                    boolean cased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
                    out.appendCodePoint(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
                    previousCased = cased;
                }
                return out.toString();
            }
            case "strip":
            case "lstrip":
            case "rstrip": {
                Args.noKeywords(name, kwargs);
                Args.count(name, args, 0, 1);
                String chars = args.isEmpty() || args.get(0) instanceof PyNone ? null
                        : strArgument(name, args.get(0));
                return name.equals("strip") ? PyStrings.strip(s, chars)
                        : name.equals("lstrip") ? PyStrings.lstrip(s, chars)
                        : PyStrings.rstrip(s, chars);
            }
            case "split":
            case "rsplit": {
                Object[] a = Args.bind(name, args, kwargs, new String[] {"sep", "maxsplit"},
                        new Object[] {PyNone.NONE, BigInteger.ONE.negate()});
                String separator = a[0] instanceof PyNone ? null : strArgument(name, a[0]);
                long maxSplit = PyRuntime.indexValue(a[1],
                        "'" + PyRuntime.typeName(a[1]) + "' object cannot be interpreted as an integer");
                List<String> parts = name.equals("split") ? split(s, separator, maxSplit)
                        : rsplit(s, separator, maxSplit);
                runtime.checkCollectionSize(parts.size());
                return new PyList(parts);
            }
            case "splitlines": {
                Object[] a = Args.bind(name, args, kwargs, new String[] {"keepends"}, new Object[] {false});
                boolean keep = PyRuntime.truthy(a[0]);
                List<Object> lines = new ArrayList<>();
                int start = 0;
                int i = 0;
                while (i < s.length()) {
                    char c = s.charAt(i);
                    int eol = -1;
                    if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        eol = i + 2;
                    } else if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
                        eol = i + 1;
                    }
                    if (eol >= 0) {
                        lines.add(s.substring(start, keep ? eol : i));
                        start = eol;
                        i = eol;
                    } else {
                        i++;
                    }
                }
                if (start < s.length()) {
                    lines.add(s.substring(start));
                }
                return new PyList(lines);
            }
            case "join": {
                Args.noKeywords(name, kwargs);
                Args.count(name, args, 1, 1);
                StringBuilder out = new StringBuilder();
                Iterator<Object> iterator = runtime.iterate(args.get(0));
                int index = 0;
                while (iterator.hasNext()) {
                    Object item = iterator.next();
                    if (!PyRuntime.isStr(item)) {
                        throw PyError.of(PyType.TYPE_ERROR, "sequence item " + index + ": expected str instance, "
                                + PyRuntime.typeName(item) + " found");
                    }
                    if (index > 0) {
                        out.append(s);
                    }
                    out.append(PyRuntime.strValue(item));
                    runtime.checkStringLength(out.length());
                    index++;
                }
                return out.toString();
            }
            case "replace": {
                Args.noKeywords(name, kwargs);
                Args.count(name, args, 2, 3);
                String old = strArgument(name, args.get(0));
                String replacement = strArgument(name, args.get(1));
                long count = args.size() > 2 ? PyRuntime.indexValue(args.get(2),
                        "'" + PyRuntime.typeName(args.get(2)) + "' object cannot be interpreted as an integer") : -1;
                return replace(runtime, s, old, replacement, count);
            }
            case "startswith":
            case "endswith": {
                Args.noKeywords(name, kwargs);
                Args.count(name, args, 1, 3);
                String text = substring(runtime, s, args, 1);
                Object affix = args.get(0);
                List<Object> candidates = affix instanceof PyTuple tuple ? tuple.items : List.of(affix);
                for (Object candidate : candidates) {
                    if (!PyRuntime.isStr(candidate)) {
                        throw PyError.of(PyType.TYPE_ERROR, name + " first arg must be str or a tuple of str, not "
                                + PyRuntime.typeName(candidate));
                    }
                    String value = PyRuntime.strValue(candidate);
                    if (name.equals("startswith") ? text.startsWith(value) : text.endsWith(value)) {
                        return true;
                    }
                }
                return false;
            }
            case "find":
            case "rfind":
            case "index":
            case "rindex":
            case "count": {
                Args.noKeywords(name, kwargs);
                Args.count(name, args, 1, 3);
                String sub = strArgument(name, args.get(0));
                long[] range = substringRange(runtime, s, args, 1);
                String text = s.substring((int) range[0], (int) range[1]);
                if (name.equals("count")) {
                    if (sub.isEmpty()) {
                        return PyRuntime.integer(text.codePointCount(0, text.length()) + 1L);
                    }
                    long count = 0;
                    for (int i = text.indexOf(sub); i >= 0; i = text.indexOf(sub, i + sub.length())) {
                        count++;
                    }
                    return PyRuntime.integer(count);
                }
                int found = name.startsWith("r") ? text.lastIndexOf(sub) : text.indexOf(sub);
                if (found < 0) {
                    if (name.contains("index")) {
                        throw PyError.of(PyType.VALUE_ERROR, "substring not found");
                    }
                    return BigInteger.ONE.negate();
                }
                return PyRuntime.integer(s.codePointCount(0, (int) range[0] + found));
            }
            case "isdigit":
            case "isnumeric":
            case "isdecimal":
                noArguments(name, args, kwargs);
                return !s.isEmpty() && s.codePoints().allMatch(c -> name.equals("isnumeric")
                        ? Character.isDigit(c) || Character.getType(c) == Character.LETTER_NUMBER
                                || Character.getType(c) == Character.OTHER_NUMBER
                        : name.equals("isdigit")
                                ? Character.isDigit(c) || Character.getType(c) == Character.OTHER_NUMBER
                                        && Character.getNumericValue(c) >= 0 && Character.getNumericValue(c) <= 9
                                : Character.isDigit(c));
            case "isalpha":
                noArguments(name, args, kwargs);
                return !s.isEmpty() && s.codePoints().allMatch(Character::isLetter);
            case "isalnum":
                noArguments(name, args, kwargs);
                return !s.isEmpty() && s.codePoints().allMatch(c -> Character.isLetter(c) || Character.isDigit(c)
                        || Character.getType(c) == Character.OTHER_NUMBER
                        || Character.getType(c) == Character.LETTER_NUMBER);
            case "isspace":
                noArguments(name, args, kwargs);
                return !s.isEmpty() && s.codePoints().allMatch(PyStrings::isSpace);
            case "islower":
            case "isupper": {
                noArguments(name, args, kwargs);
                boolean anyCased = false;
                for (int c : s.codePoints().toArray()) {
                    boolean lower = Character.isLowerCase(c);
                    boolean upper = Character.isUpperCase(c) || Character.isTitleCase(c);
                    if (name.equals("islower") ? upper : lower) {
                        return false;
                    }
                    anyCased |= lower || upper;
                }
                return anyCased;
            }
            case "istitle": {
                noArguments(name, args, kwargs);
                boolean previousCased = false;
                boolean anyCased = false;
                for (int c : s.codePoints().toArray()) {
                    boolean upper = Character.isUpperCase(c) || Character.isTitleCase(c);
                    boolean lower = Character.isLowerCase(c);
                    if (upper) {
                        if (previousCased) {
                            return false;
                        }
                        previousCased = true;
                        anyCased = true;
                    } else if (lower) {
                        if (!previousCased) {
                            return false;
                        }
                        previousCased = true;
                        anyCased = true;
                    } else {
                        previousCased = false;
                    }
                }
                return anyCased;
            }
            case "isidentifier":
                noArguments(name, args, kwargs);
                return !s.isEmpty() && (Character.isLetter(s.codePointAt(0)) || s.charAt(0) == '_')
                        && s.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
            case "isascii":
                noArguments(name, args, kwargs);
                return s.chars().allMatch(c -> c < 128);
            case "isprintable":
                noArguments(name, args, kwargs);
                return s.codePoints().allMatch(PyRuntime::isPrintable);
            case "zfill": {
                Args.noKeywords(name, kwargs);
                Args.count(name, args, 1, 1);
                long width = Math.min(PyRuntime.indexValue(args.get(0),
                        "'" + PyRuntime.typeName(args.get(0)) + "' object cannot be interpreted as an integer"),
                        Integer.MAX_VALUE);
                runtime.checkStringLength(width);
                int length = s.codePointCount(0, s.length());
                if (width <= length) {
                    return s;
                }
                String zeros = "0".repeat((int) (width - length));
                if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
                    return s.charAt(0) + zeros + s.substring(1);
                }
                return zeros + s;
            }
            case "center":
            case "ljust":
            case "rjust": {
                Args.noKeywords(name, kwargs);
                Args.count(name, args, 1, 2);
                long width = Math.min(PyRuntime.indexValue(args.get(0),
                        "'" + PyRuntime.typeName(args.get(0)) + "' object cannot be interpreted as an integer"),
                        Integer.MAX_VALUE);
                runtime.checkStringLength(width);
                String fill = " ";
                if (args.size() > 1) {
                    fill = strArgument(name, args.get(1));
                    if (fill.codePointCount(0, fill.length()) != 1) {
                        throw PyError.of(PyType.TYPE_ERROR,
                                "The fill character must be exactly one character long");
                    }
                }
                int length = s.codePointCount(0, s.length());
                if (width <= length) {
                    return s;
                }
                int padding = (int) (width - length);
                return switch (name) {
                    case "ljust" -> s + fill.repeat(padding);
                    case "rjust" -> fill.repeat(padding) + s;
                    default -> {
                        int left = padding / 2 + (int) (padding & width & 1);
                        yield fill.repeat(left) + s + fill.repeat(padding - left);
                    }
                };
            }
            case "partition":
            case "rpartition": {
                Args.noKeywords(name, kwargs);
                Args.count(name, args, 1, 1);
                String separator = strArgument(name, args.get(0));
                if (separator.isEmpty()) {
                    throw PyError.of(PyType.VALUE_ERROR, "empty separator");
                }
                int at = name.equals("partition") ? s.indexOf(separator) : s.lastIndexOf(separator);
                if (at < 0) {
                    return name.equals("partition") ? PyTuple.of(s, "", "") : PyTuple.of("", "", s);
                }
                return PyTuple.of(s.substring(0, at), separator, s.substring(at + separator.length()));
            }
            case "removeprefix":
            case "removesuffix": {
                Args.noKeywords(name, kwargs);
                Args.count(name, args, 1, 1);
                String affix = strArgument(name, args.get(0));
                if (name.equals("removeprefix")) {
                    return s.startsWith(affix) ? s.substring(affix.length()) : s;
                }
                return s.endsWith(affix) && !affix.isEmpty() ? s.substring(0, s.length() - affix.length()) : s;
            }
            default:
                throw new IllegalStateException(name);
        }
    }

    private static void noArguments(String name, List<Object> args, Map<String, Object> kwargs) {
        Args.noKeywords(name, kwargs);
        if (!args.isEmpty()) {
            throw PyError.of(PyType.TYPE_ERROR, "str." + name + "() takes no arguments (" + args.size() + " given)");
        }
    }

    /** {@code s[start:end]} for the optional start/end arguments from {@code args[from]} on, as char offsets. */
    private static long[] substringRange(PyRuntime runtime, String s, List<Object> args, int from) {
        int length = s.codePointCount(0, s.length());
        Object start = args.size() > from ? args.get(from) : PyNone.NONE;
        Object end = args.size() > from + 1 ? args.get(from + 1) : PyNone.NONE;
        long[] indices = new PySlice(start, end, PyNone.NONE).indices(runtime, length);
        long first = Math.min(indices[0], length);
        long last = Math.max(first, Math.min(indices[1], length));
        return new long[] {s.offsetByCodePoints(0, (int) first), s.offsetByCodePoints(0, (int) last)};
    }

    private static String substring(PyRuntime runtime, String s, List<Object> args, int from) {
        long[] range = substringRange(runtime, s, args, from);
        return s.substring((int) range[0], (int) range[1]);
    }

    static List<String> split(String s, String separator, long maxSplit) {
        List<String> parts = new ArrayList<>();
        if (separator == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && PyStrings.isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                if (i >= n) {
                    break;
                }
                if (maxSplit >= 0 && parts.size() >= maxSplit) {
                    parts.add(PyStrings.rstrip(s.substring(i), null));
                    break;
                }
                int start = i;
                while (i < n && !PyStrings.isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                parts.add(s.substring(start, i));
            }
            return parts;
        }
        if (separator.isEmpty()) {
            throw PyError.of(PyType.VALUE_ERROR, "empty separator");
        }
        int start = 0;
        while (maxSplit < 0 || parts.size() < maxSplit) {
            int at = s.indexOf(separator, start);
            if (at < 0) {
                break;
            }
            parts.add(s.substring(start, at));
            start = at + separator.length();
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static List<String> rsplit(String s, String separator, long maxSplit) {
        if (maxSplit < 0) {
            return split(s, separator, maxSplit);
        }
        List<String> parts = new ArrayList<>();
        if (separator == null) {
            int end = s.length();
            while (true) {
                while (end > 0 && PyStrings.isSpace(s.codePointBefore(end))) {
                    end -= Character.charCount(s.codePointBefore(end));
                }
                if (end <= 0) {
                    break;
                }
                if (parts.size() >= maxSplit) {
                    parts.add(0, PyStrings.lstrip(s.substring(0, end), null));
                    break;
                }
                int stop = end;
                while (end > 0 && !PyStrings.isSpace(s.codePointBefore(end))) {
                    end -= Character.charCount(s.codePointBefore(end));
                }
                parts.add(0, s.substring(end, stop));
            }
            return parts;
        }
        if (separator.isEmpty()) {
            throw PyError.of(PyType.VALUE_ERROR, "empty separator");
        }
        int end = s.length();
        while (parts.size() < maxSplit) {
            int at = s.lastIndexOf(separator, end - separator.length());
            if (at < 0) {
                break;
            }
            parts.add(0, s.substring(at + separator.length(), end));
            end = at;
        }
        parts.add(0, s.substring(0, end));
        return parts;
    }

    private static String replace(PyRuntime runtime, String s, String old, String replacement, long count) {
        StringBuilder out = new StringBuilder();
        long done = 0;
        if (old.isEmpty()) {
            int i = 0;
            while (i <= s.length()) {
                if (count < 0 || done < count) {
                    out.append(replacement);
                    done++;
                }
                if (i == s.length()) {
                    break;
                }
                int c = s.codePointAt(i);
                out.appendCodePoint(c);
                i += Character.charCount(c);
                runtime.checkStringLength(out.length());
            }
            return out.toString();
        }
        int start = 0;
        while (count < 0 || done < count) {
            int at = s.indexOf(old, start);
            if (at < 0) {
                break;
            }
            out.append(s, start, at).append(replacement);
            runtime.checkStringLength(out.length());
            start = at + old.length();
            done++;
        }
        out.append(s.substring(start));
        runtime.checkStringLength(out.length());
        return out.toString();
    }

    // --------------------------------------------------------------------------------------------- list, tuple

    private static Object listMethod(PyRuntime runtime, PyList list, String name, List<Object> args,
            Map<String, Object> kwargs) {
        List<Object> items = list.items;
        switch (name) {
            case "append":
                Args.noKeywords(name, kwargs);
                Args.count("list.append", args, 1, 1);
                runtime.checkCollectionSize(items.size() + 1L);
                items.add(args.get(0));
                return PyNone.NONE;
            case "extend": {
                Args.noKeywords(name, kwargs);
                Args.count("list.extend", args, 1, 1);
                List<Object> added = runtime.toList(args.get(0));
                runtime.checkCollectionSize((long) items.size() + added.size());
                items.addAll(added);
                return PyNone.NONE;
            }
            case "insert": {
                Args.noKeywords(name, kwargs);
                Args.count("insert", args, 2, 2);
                long index = PyRuntime.indexValue(args.get(0),
                        "'" + PyRuntime.typeName(args.get(0)) + "' object cannot be interpreted as an integer");
                if (index < 0) {
                    index = Math.max(0, index + items.size());
                }
                runtime.checkCollectionSize(items.size() + 1L);
                items.add((int) Math.min(index, items.size()), args.get(1));
                return PyNone.NONE;
            }
            case "pop": {
                Args.noKeywords(name, kwargs);
                Args.count("pop", args, 0, 1);
                if (items.isEmpty()) {
                    throw PyError.of(PyType.INDEX_ERROR, "pop from empty list");
                }
                long index = args.isEmpty() ? -1 : PyRuntime.indexValue(args.get(0),
                        "'" + PyRuntime.typeName(args.get(0)) + "' object cannot be interpreted as an integer");
                if (index < 0) {
                    index += items.size();
                }
                if (index < 0 || index >= items.size()) {
                    throw PyError.of(PyType.INDEX_ERROR, "pop index out of range");
                }
                return items.remove((int) index);
            }
            case "remove": {
                Args.noKeywords(name, kwargs);
                Args.count("list.remove", args, 1, 1);
                for (int i = 0; i < items.size(); i++) {
                    if (PyRuntime.is(items.get(i), args.get(0)) || PyRuntime.eq(items.get(i), args.get(0))) {
                        items.remove(i);
                        return PyNone.NONE;
                    }
                }
                throw PyError.of(PyType.VALUE_ERROR, "list.remove(x): x not in list");
            }
            case "index":
            case "count":
                return sequenceSearch(runtime, "list", items, name, args, kwargs);
            case "sort": {
                if (!args.isEmpty()) {
                    throw PyError.of(PyType.TYPE_ERROR, "sort() takes no positional arguments");
                }
                Object[] a = Args.bind("sort", List.of(), kwargs, new String[] {"key", "reverse"},
                        new Object[] {PyNone.NONE, false});
                List<Object> sorted = PyBuiltins.sort(runtime, new ArrayList<>(items), a[0],
                        PyRuntime.truthy(a[1]));
                items.clear();
                items.addAll(sorted);
                return PyNone.NONE;
            }
            case "reverse":
                Args.noKeywords(name, kwargs);
                Args.count("reverse", args, 0, 0);
                java.util.Collections.reverse(items);
                return PyNone.NONE;
            case "copy":
                Args.noKeywords(name, kwargs);
                Args.count("copy", args, 0, 0);
                return new PyList(items);
            default:
                Args.noKeywords(name, kwargs);
                Args.count("clear", args, 0, 0);
                items.clear();
                return PyNone.NONE;
        }
    }

    private static Object sequenceSearch(PyRuntime runtime, String type, List<Object> items, String name,
            List<Object> args, Map<String, Object> kwargs) {
        Args.noKeywords(name, kwargs);
        if (name.equals("count")) {
            Args.count("count", args, 1, 1);
            long count = 0;
            for (Object item : items) {
                runtime.step();
                if (PyRuntime.is(item, args.get(0)) || PyRuntime.eq(item, args.get(0))) {
                    count++;
                }
            }
            return PyRuntime.integer(count);
        }
        Args.count("index", args, 1, 3);
        Object start = args.size() > 1 ? args.get(1) : PyNone.NONE;
        Object stop = args.size() > 2 ? args.get(2) : PyNone.NONE;
        long[] range = new PySlice(start, stop, PyNone.NONE).indices(runtime, items.size());
        for (long i = range[0]; i < Math.min(range[1], items.size()); i++) {
            runtime.step();
            Object item = items.get((int) i);
            if (PyRuntime.is(item, args.get(0)) || PyRuntime.eq(item, args.get(0))) {
                return PyRuntime.integer(i);
            }
        }
        throw PyError.of(PyType.VALUE_ERROR, type.equals("list")
                ? runtime.repr(args.get(0)) + " is not in list"
                : "tuple.index(x): x not in tuple");
    }

    // --------------------------------------------------------------------------------------------- dict

    private static Object dictMethod(PyRuntime runtime, PyDict dict, String name, List<Object> args,
            Map<String, Object> kwargs) {
        switch (name) {
            case "get": {
                Args.noKeywords(name, kwargs);
                Args.count("get", args, 1, 2);
                Object value = dict.get(args.get(0));
                return value != null ? value : args.size() > 1 ? args.get(1) : PyNone.NONE;
            }
            case "keys":
                noDictArguments(name, args, kwargs);
                return new DictView(DictView.Kind.KEYS, dict);
            case "values":
                noDictArguments(name, args, kwargs);
                return new DictView(DictView.Kind.VALUES, dict);
            case "items":
                noDictArguments(name, args, kwargs);
                return new DictView(DictView.Kind.ITEMS, dict);
            case "pop": {
                Args.noKeywords(name, kwargs);
                Args.count("pop", args, 1, 2);
                Object value = dict.map.remove(new PyKey(args.get(0)));
                if (value != null) {
                    return value;
                }
                if (args.size() > 1) {
                    return args.get(1);
                }
                throw PyError.keyError(args.get(0), runtime.repr(args.get(0)));
            }
            case "popitem": {
                noDictArguments(name, args, kwargs);
                if (dict.map.isEmpty()) {
                    throw PyError.keyError("popitem(): dictionary is empty", "'popitem(): dictionary is empty'");
                }
                PyKey last = null;
                for (PyKey key : dict.map.keySet()) {
                    last = key;
                }
                Object value = dict.map.remove(last);
                return PyTuple.of(last.value, value);
            }
            case "setdefault": {
                Args.noKeywords(name, kwargs);
                Args.count("setdefault", args, 1, 2);
                Object value = dict.get(args.get(0));
                if (value != null) {
                    return value;
                }
                Object defaultValue = args.size() > 1 ? args.get(1) : PyNone.NONE;
                runtime.checkCollectionSize(dict.map.size() + 1L);
                dict.put(args.get(0), defaultValue);
                return defaultValue;
            }
            case "update": {
                Args.count("update", args, 0, 1);
                if (!args.isEmpty()) {
                    PyDict source = PyBuiltins.toDict(runtime, args.get(0));
                    dict.map.putAll(source.map);
                }
                kwargs.forEach(dict::put);
                runtime.checkCollectionSize(dict.map.size());
                return PyNone.NONE;
            }
            case "copy": {
                noDictArguments(name, args, kwargs);
                PyDict copy = new PyDict();
                copy.map.putAll(dict.map);
                return copy;
            }
            default:
                noDictArguments(name, args, kwargs);
                dict.map.clear();
                return PyNone.NONE;
        }
    }

    private static void noDictArguments(String name, List<Object> args, Map<String, Object> kwargs) {
        Args.noKeywords(name, kwargs);
        if (!args.isEmpty()) {
            throw PyError.of(PyType.TYPE_ERROR, "dict." + name + "() takes no arguments (" + args.size() + " given)");
        }
    }

    // --------------------------------------------------------------------------------------------- set

    private static Object setMethod(PyRuntime runtime, PySet set, String name, List<Object> args,
            Map<String, Object> kwargs) {
        Args.noKeywords(name, kwargs);
        switch (name) {
            case "add":
                Args.count("set.add", args, 1, 1);
                set.add(args.get(0));
                runtime.checkCollectionSize(set.elements.size());
                return PyNone.NONE;
            case "remove":
                Args.count("set.remove", args, 1, 1);
                if (!set.elements.remove(new PyKey(args.get(0)))) {
                    throw PyError.keyError(args.get(0), runtime.repr(args.get(0)));
                }
                return PyNone.NONE;
            case "discard":
                Args.count("set.discard", args, 1, 1);
                set.elements.remove(new PyKey(args.get(0)));
                return PyNone.NONE;
            case "pop": {
                Args.count("pop", args, 0, 0);
                Iterator<PyKey> iterator = set.elements.iterator();
                if (!iterator.hasNext()) {
                    throw PyError.keyError("pop from an empty set", "'pop from an empty set'");
                }
                PyKey first = iterator.next();
                iterator.remove();
                return first.value;
            }
            case "clear":
                Args.count("clear", args, 0, 0);
                set.elements.clear();
                return PyNone.NONE;
            case "copy": {
                Args.count("copy", args, 0, 0);
                PySet copy = new PySet();
                copy.elements.addAll(set.elements);
                return copy;
            }
            case "update": {
                for (Object other : args) {
                    runtime.toList(other).forEach(set::add);
                    runtime.checkCollectionSize(set.elements.size());
                }
                return PyNone.NONE;
            }
            case "issubset":
            case "issuperset":
            case "isdisjoint": {
                Args.count(name, args, 1, 1);
                PySet other = PyBuiltins.toSet(runtime, args.get(0));
                if (name.equals("issubset")) {
                    return other.elements.containsAll(set.elements);
                }
                if (name.equals("issuperset")) {
                    return set.elements.containsAll(other.elements);
                }
                return set.elements.stream().noneMatch(other.elements::contains);
            }
            default: {
                PySet result = new PySet();
                result.elements.addAll(set.elements);
                for (Object argument : args) {
                    PySet other = PyBuiltins.toSet(runtime, argument);
                    switch (name) {
                        case "union" -> result.elements.addAll(other.elements);
                        case "intersection" -> result.elements.retainAll(other.elements);
                        case "difference" -> result.elements.removeAll(other.elements);
                        default -> result = (PySet) setOperation(runtime, Expr.BinaryOperator.BIT_XOR, result, other);
                    }
                    runtime.checkCollectionSize(result.elements.size());
                }
                return result;
            }
        }
    }

    static PySet setDifference(PyRuntime runtime, PySet x, PySet y) {
        PySet result = new PySet();
        result.elements.addAll(x.elements);
        result.elements.removeAll(y.elements);
        return result;
    }

    static Object setOperation(PyRuntime runtime, Expr.BinaryOperator operator, PySet x, PySet y) {
        PySet result = new PySet();
        switch (operator) {
            case BIT_OR -> {
                result.elements.addAll(x.elements);
                result.elements.addAll(y.elements);
            }
            case BIT_AND -> {
                result.elements.addAll(x.elements);
                result.elements.retainAll(y.elements);
            }
            default -> {
                for (PyKey key : x.elements) {
                    if (!y.elements.contains(key)) {
                        result.elements.add(key);
                    }
                }
                for (PyKey key : y.elements) {
                    if (!x.elements.contains(key)) {
                        result.elements.add(key);
                    }
                }
            }
        }
        runtime.checkCollectionSize(result.elements.size());
        return result;
    }
}
