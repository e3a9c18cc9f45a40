package org.tinybirdmaven.template;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A Python iterator ({@code enumerate}, {@code zip}, {@code map}, {@code filter}, {@code reversed}, {@code iter()},
 * generator expressions): single pass, truthy, consumed by iteration.
 */
abstract class PyIterator implements Iterator<Object> {
    private final String typeName;
    private Object next;
    private boolean ready;
    private boolean done;

    PyIterator(String typeName) {
        this.typeName = typeName;
    }

    String typeName() {
        return typeName;
    }

    /** The next element, or {@link #END} when exhausted. */
    protected abstract Object compute();

    static final Object END = new Object();

    @Override
    public final boolean hasNext() {
        if (!ready && !done) {
            Object value = compute();
            if (value == END) {
                done = true;
            } else {
                next = value;
                ready = true;
            }
        }
        return ready;
    }

    @Override
    public final Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ready = false;
        Object value = next;
        next = null;
        return value;
    }

    /** Wraps a Java iterator. */
    static PyIterator of(String typeName, Iterator<Object> iterator) {
        return new PyIterator(typeName) {
            @Override
            protected Object compute() {
                return iterator.hasNext() ? iterator.next() : END;
            }
        };
    }
}
