package org.tinybirdmaven.template;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A Python {@code set} (also used for {@code frozenset}). Iteration follows insertion order: Python's order depends
 * on hashes (and on hash randomisation for strings), so no order can be reproduced exactly.
 */
final class PySet {
    final Set<PyKey> elements = new LinkedHashSet<>();

    boolean add(Object value) {
        return elements.add(new PyKey(value));
    }

    boolean contains(Object value) {
        return elements.contains(new PyKey(value));
    }
}
