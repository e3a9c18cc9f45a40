package org.tinybirdmaven.template;

/**
 * A place in the template source.
 *
 * @param offset 0-based character offset into the text given to {@link TemplateParser#parse(String)}
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourcePosition(int offset, int line, int column) {}
