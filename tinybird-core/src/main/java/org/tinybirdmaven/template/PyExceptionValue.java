package org.tinybirdmaven.template;

import java.util.List;

/**
 * An exception object, as bound by {@code except E as e} or built by calling an exception class.
 *
 * @param args the constructor arguments; {@code str(e)} is {@code str(args[0])} for one argument
 */
record PyExceptionValue(PyType type, List<Object> args) {
    PyExceptionValue {
        args = List.copyOf(args);
    }
}
