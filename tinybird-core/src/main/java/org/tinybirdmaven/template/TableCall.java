package org.tinybirdmaven.template;

/**
 * A {@code table('name')} or {@code TABLE('name')} call with a string literal argument: a dependency of the node.
 *
 * @param line 1-based position of the string literal
 * @param column 1-based
 */
public record TableCall(String name, int line, int column) {}
