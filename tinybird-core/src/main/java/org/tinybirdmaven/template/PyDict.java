package org.tinybirdmaven.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Python {@code dict}: insertion-ordered, keyed with Python equality. */
final class PyDict {
    final Map<PyKey, Object> map = new LinkedHashMap<>();

    Object get(Object key) {
        return map.get(new PyKey(key));
    }

    /** Like Python, keeps the first key object (and its position) when a value is replaced. */
    void put(Object key, Object value) {
        map.put(new PyKey(key), value);
    }
}
