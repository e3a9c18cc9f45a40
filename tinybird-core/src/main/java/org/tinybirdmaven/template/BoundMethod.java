package org.tinybirdmaven.template;

import java.util.List;
import java.util.Map;

/** A method of a builtin value, e.g. {@code 'a,b'.split}, bound to its object. */
final class BoundMethod implements PyCallable {

    @FunctionalInterface
    interface Body {
        Object call(PyRuntime runtime, Object self, List<Object> args, Map<String, Object> kwargs);
    }

    private final Object self;
    private final String name;
    private final Body body;

    BoundMethod(Object self, String name, Body body) {
        this.self = self;
        this.name = name;
        this.body = body;
    }

    Object self() {
        return self;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object call(PyRuntime runtime, List<Object> args, Map<String, Object> kwargs) {
        return body.call(runtime, self, args, kwargs);
    }
}
