package org.tinybirdmaven.datafile;

/**
 * The SQL of a node as the Classic CLI sends it (blank and {@code #} lines dropped, de-indented unless templated,
 * environment variables substituted).
 *
 * @param text     the SQL; for a template it still starts with the {@code %} marker
 * @param template whether the first non-blank character is {@code %} (rendered by the template engine per request)
 * @param origin   where each line of {@code text} came from
 */
public record Sql(String text, boolean template, TextOrigin origin) {

    /** The template source with the {@code %} marker blanked, so positions in it match positions in {@link #text}. */
    public String templateSource() {
        if (!template) {
            throw new IllegalStateException("not a template");
        }
        return " " + text.substring(1);
    }

    /** What the template engine renders: everything after the {@code %} marker. */
    public String body() {
        return template ? text.substring(1) : text;
    }
}
