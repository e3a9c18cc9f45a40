package org.tinybirdmaven.template;

/**
 * What {@code error()} and {@code custom_error()} return in test mode instead of raising. Tinybird's output converter
 * renders it as the literal text <code>-- {x} </code> followed by a newline (a missing {@code f} prefix in its code,
 * reproduced here).
 */
final class TestModeComment {
    static final String RENDERED = "-- {x} \n";

    @Override
    public String toString() {
        return "error launched";
    }
}
