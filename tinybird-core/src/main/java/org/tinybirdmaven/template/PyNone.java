package org.tinybirdmaven.template;

/** Python's {@code None} inside the template interpreter (Java {@code null} is never a template value). */
enum PyNone {
    NONE;

    @Override
    public String toString() {
        return "None";
    }
}
