package org.tinybirdmaven.template;

import java.util.List;
import java.util.Map;

/**
 * A Python class visible to templates: the builtin value types ({@code str}, {@code int}, ...) used with
 * {@code isinstance} and as constructors, and the exception classes used in {@code except} clauses. Tinybird's own
 * exceptions ({@code SQLTemplateException}, a {@code ValueError}, and {@code SQLTemplateCustomError}) are types too
 * but have no name in templates.
 */
final class PyType implements PyCallable {

    static final PyType BASE_EXCEPTION = new PyType("BaseException", null);
    static final PyType EXCEPTION = new PyType("Exception", BASE_EXCEPTION);
    static final PyType ARITHMETIC_ERROR = new PyType("ArithmeticError", EXCEPTION);
    static final PyType ZERO_DIVISION_ERROR = new PyType("ZeroDivisionError", ARITHMETIC_ERROR);
    static final PyType OVERFLOW_ERROR = new PyType("OverflowError", ARITHMETIC_ERROR);
    static final PyType LOOKUP_ERROR = new PyType("LookupError", EXCEPTION);
    static final PyType INDEX_ERROR = new PyType("IndexError", LOOKUP_ERROR);
    static final PyType KEY_ERROR = new PyType("KeyError", LOOKUP_ERROR);
    static final PyType VALUE_ERROR = new PyType("ValueError", EXCEPTION);
    static final PyType UNICODE_ERROR = new PyType("UnicodeError", VALUE_ERROR);
    static final PyType TYPE_ERROR = new PyType("TypeError", EXCEPTION);
    static final PyType ATTRIBUTE_ERROR = new PyType("AttributeError", EXCEPTION);
    static final PyType NAME_ERROR = new PyType("NameError", EXCEPTION);
    static final PyType UNBOUND_LOCAL_ERROR = new PyType("UnboundLocalError", NAME_ERROR);
    static final PyType RUNTIME_ERROR = new PyType("RuntimeError", EXCEPTION);
    static final PyType RECURSION_ERROR = new PyType("RecursionError", RUNTIME_ERROR);
    static final PyType NOT_IMPLEMENTED_ERROR = new PyType("NotImplementedError", RUNTIME_ERROR);
    static final PyType STOP_ITERATION = new PyType("StopIteration", EXCEPTION);
    static final PyType ASSERTION_ERROR = new PyType("AssertionError", EXCEPTION);
    /** Tinybird's template error: every validation and helper failure; a {@code ValueError}. */
    static final PyType SQL_TEMPLATE_EXCEPTION = new PyType("SQLTemplateException", VALUE_ERROR);
    /** Raised by {@code custom_error()}. */
    static final PyType SQL_TEMPLATE_CUSTOM_ERROR = new PyType("SQLTemplateCustomError", EXCEPTION);

    /** The exception classes templates can name, e.g. in {@code except ValueError}. */
    static final List<PyType> NAMED_EXCEPTIONS = List.of(
            BASE_EXCEPTION, EXCEPTION, ARITHMETIC_ERROR, ZERO_DIVISION_ERROR, OVERFLOW_ERROR, LOOKUP_ERROR,
            INDEX_ERROR, KEY_ERROR, VALUE_ERROR, UNICODE_ERROR, TYPE_ERROR, ATTRIBUTE_ERROR, NAME_ERROR,
            UNBOUND_LOCAL_ERROR, RUNTIME_ERROR, RECURSION_ERROR, NOT_IMPLEMENTED_ERROR, STOP_ITERATION,
            ASSERTION_ERROR);

    static final PyType STR = new PyType("str", null);
    static final PyType INT = new PyType("int", null);
    static final PyType FLOAT = new PyType("float", null);
    static final PyType BOOL = new PyType("bool", INT);
    static final PyType LIST = new PyType("list", null);
    static final PyType TUPLE = new PyType("tuple", null);
    static final PyType DICT = new PyType("dict", null);
    static final PyType SET = new PyType("set", null);
    static final PyType FROZENSET = new PyType("frozenset", null);

    private final String name;
    private final PyType parent;
    private PyCallable constructor;

    private PyType(String name, PyType parent) {
        this.name = name;
        this.parent = parent;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String typeName() {
        return "type";
    }

    PyType parent() {
        return parent;
    }

    boolean isException() {
        return isSubclassOf(BASE_EXCEPTION);
    }

    boolean isSubclassOf(PyType other) {
        for (PyType type = this; type != null; type = type.parent) {
            if (type == other) {
                return true;
            }
        }
        return false;
    }

    /** Sets how calling the type builds a value (done once, by {@link PyBuiltins}). */
    void constructor(PyCallable constructor) {
        this.constructor = constructor;
    }

    @Override
    public Object call(PyRuntime runtime, List<Object> args, Map<String, Object> kwargs) {
        if (isException()) {
            if (!kwargs.isEmpty()) {
                throw PyError.of(TYPE_ERROR, name + "() takes no keyword arguments");
            }
            return new PyExceptionValue(this, args);
        }
        return constructor.call(runtime, args, kwargs);
    }

    @Override
    public String toString() {
        return "<class '" + name + "'>";
    }
}
