package org.tinybirdmaven.template;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A dict key or set element with Python's hashing and equality ({@code 1 == 1.0 == True}, a {@code str} equals an
 * {@code Expression} with the same text). Unhashable values ({@code list}, {@code dict}, {@code set}) are rejected
 * with Python's {@code TypeError}.
 */
final class PyKey {
    final Object value;
    private final int hash;

    PyKey(Object value) {
        this.value = value;
        this.hash = hash(value);
    }

    private static int hash(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof BigInteger i) {
            return i.hashCode();
        }
        if (value instanceof TypedInt t) {
            return t.value().hashCode();
        }
        if (value instanceof Double || value instanceof TypedFloat) {
            double d = value instanceof Double x ? x : ((TypedFloat) value).value();
            if (!Double.isInfinite(d) && !Double.isNaN(d) && d == Math.rint(d)) {
                return new BigDecimal(d).toBigInteger().hashCode();
            }
            return Double.hashCode(d);
        }
        if (value instanceof String s) {
            return s.hashCode();
        }
        if (value instanceof SqlExpression e) {
            return e.text().hashCode();
        }
        if (value instanceof PyTuple t) {
            int h = 0x345678;
            for (Object item : t.items) {
                h = h * 1000003 ^ hash(item);
            }
            return h;
        }
        if (value instanceof PyList || value instanceof PyDict || value instanceof PySet) {
            throw PyError.of(PyType.TYPE_ERROR, "unhashable type: '" + PyRuntime.typeName(value) + "'");
        }
        if (value instanceof PyRange r) {
            return r.start().hashCode() * 31 + r.stop().hashCode();
        }
        return System.identityHashCode(value);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PyKey key && (key.hash == hash) && PyRuntime.eq(value, key.value);
    }
}
