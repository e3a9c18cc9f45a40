package org.tinybirdmaven.template;

/**
 * Tinybird's {@code Expression}: a {@code str} subclass holding SQL that was built safely by a helper
 * ({@code Array}, {@code columns}, {@code sql_and}, {@code sql_unescape}, {@code max_threads}, ...). It is inserted
 * raw by <code>{{ }}</code>; string operations on it give plain strings (which are quoted again).
 */
record SqlExpression(String text) {}
