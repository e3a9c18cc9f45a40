package org.tinybirdmaven.template;

import java.util.List;
import java.util.Map;

/** A function implemented in Java: Python builtins and Tinybird's template functions. */
final class BuiltinFunction implements PyCallable {

    @FunctionalInterface
    interface Body {
        Object call(PyRuntime runtime, List<Object> args, Map<String, Object> kwargs);
    }

    private final String name;
    private final String typeName;
    private final Body body;

    BuiltinFunction(String name, Body body) {
        this(name, "builtin_function_or_method", body);
    }

    /** A function Tinybird defines in Python: type name {@code function}. */
    static BuiltinFunction python(String name, Body body) {
        return new BuiltinFunction(name, "function", body);
    }

    private BuiltinFunction(String name, String typeName, Body body) {
        this.name = name;
        this.typeName = typeName;
        this.body = body;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public Object call(PyRuntime runtime, List<Object> args, Map<String, Object> kwargs) {
        return body.call(runtime, args, kwargs);
    }
}
