package org.tinybirdmaven.template;

import java.util.List;
import java.util.Map;

/** Anything a template can call: builtins, Tinybird functions, methods, lambdas, types. */
interface PyCallable {

    /** The name used in Python's error messages, e.g. {@code len} or {@code _f}. */
    String name();

    /** The Python type name, e.g. {@code builtin_function_or_method}. */
    default String typeName() {
        return "builtin_function_or_method";
    }

    Object call(PyRuntime runtime, List<Object> args, Map<String, Object> kwargs);
}
