package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Binds call arguments to a Python signature {@code f(a, b=default, ...)}, with CPython's messages for Python
 * functions ("f() missing 1 required positional argument: 'a'", "f() got an unexpected keyword argument 'c'", ...).
 */
final class Args {
    /** Marks a parameter without default. */
    static final Object REQUIRED = new Object();

    private Args() {}

    /**
     * @param names parameter names, in order
     * @param defaults one per name: a default value or {@link #REQUIRED}
     * @return the values by parameter position
     */
    static Object[] bind(String function, List<Object> args, Map<String, Object> kwargs, String[] names,
            Object[] defaults) {
        Object[] values = new Object[names.length];
        if (args.size() > names.length) {
            long required = Arrays.stream(defaults).filter(d -> d == REQUIRED).count();
            String expected = required == names.length
                    ? String.valueOf(names.length)
                    : "from " + required + " to " + names.length;
            throw PyError.of(PyType.TYPE_ERROR, function + "() takes " + expected + " positional argument"
                    + (names.length == 1 && required == 1 ? "" : "s") + " but " + args.size()
                    + (args.size() == 1 ? " was" : " were") + " given");
        }
        for (int i = 0; i < args.size(); i++) {
            values[i] = args.get(i);
        }
        for (Map.Entry<String, Object> entry : kwargs.entrySet()) {
            int index = Arrays.asList(names).indexOf(entry.getKey());
            if (index < 0) {
                throw PyError.of(PyType.TYPE_ERROR,
                        function + "() got an unexpected keyword argument '" + entry.getKey() + "'");
            }
            if (values[index] != null) {
                throw PyError.of(PyType.TYPE_ERROR,
                        function + "() got multiple values for argument '" + entry.getKey() + "'");
            }
            values[index] = entry.getValue();
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null) {
                if (defaults[i] == REQUIRED) {
                    missing.add("'" + names[i] + "'");
                } else {
                    values[i] = defaults[i];
                }
            }
        }
        if (!missing.isEmpty()) {
            String list = missing.size() == 1 ? missing.get(0)
                    : String.join(", ", missing.subList(0, missing.size() - 1)) + " and "
                            + missing.get(missing.size() - 1);
            throw PyError.of(PyType.TYPE_ERROR, function + "() missing " + missing.size() + " required positional "
                    + (missing.size() == 1 ? "argument" : "arguments") + ": " + list);
        }
        return values;
    }

    /** For builtins that take no keyword arguments: "len() takes no keyword arguments". */
    static void noKeywords(String function, Map<String, Object> kwargs) {
        if (!kwargs.isEmpty()) {
            throw PyError.of(PyType.TYPE_ERROR, function + "() takes no keyword arguments");
        }
    }

    /** For builtins with a fixed range of positional arguments, with CPython's C-function messages. */
    static void count(String function, List<Object> args, int min, int max) {
        int n = args.size();
        if (n >= min && n <= max) {
            return;
        }
        if (min == max) {
            throw PyError.of(PyType.TYPE_ERROR, min == 1
                    ? function + "() takes exactly one argument (" + n + " given)"
                    : function + " expected " + min + " arguments, got " + n);
        }
        if (n < min) {
            throw PyError.of(PyType.TYPE_ERROR, function + " expected at least " + min + " argument"
                    + (min == 1 ? "" : "s") + ", got " + n);
        }
        throw PyError.of(PyType.TYPE_ERROR, function + " expected at most " + max + " argument"
                + (max == 1 ? "" : "s") + ", got " + n);
    }
}
