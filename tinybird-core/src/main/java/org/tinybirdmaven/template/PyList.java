package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A Python {@code list}: mutable, compared by contents with {@code ==}, unhashable. */
final class PyList {
    final List<Object> items;

    PyList() {
        this.items = new ArrayList<>();
    }

    PyList(Collection<?> items) {
        this.items = new ArrayList<>(items);
    }
}
