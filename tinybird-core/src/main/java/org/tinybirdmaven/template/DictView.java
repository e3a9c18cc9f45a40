package org.tinybirdmaven.template;

/** {@code dict.keys()}, {@code dict.values()}, {@code dict.items()}: live views of a dict. */
record DictView(Kind kind, PyDict dict) {
    enum Kind {
        KEYS("dict_keys"),
        VALUES("dict_values"),
        ITEMS("dict_items");

        final String typeName;

        Kind(String typeName) {
            this.typeName = typeName;
        }
    }
}
