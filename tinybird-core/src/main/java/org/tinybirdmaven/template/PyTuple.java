package org.tinybirdmaven.template;

import java.util.List;

/** A Python {@code tuple}: immutable, hashable when its elements are. */
final class PyTuple {
    static final PyTuple EMPTY = new PyTuple(List.of());

    final List<Object> items;

    PyTuple(List<Object> items) {
        this.items = List.copyOf(items);
    }

    static PyTuple of(Object... items) {
        return new PyTuple(List.of(items));
    }
}
