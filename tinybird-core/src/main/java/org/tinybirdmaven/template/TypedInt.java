package org.tinybirdmaven.template;

import java.math.BigInteger;

/**
 * Tinybird's {@code Integer}: an {@code int} subclass returned by {@code Int8}..{@code UInt256}. It behaves as a
 * plain {@code int} in arithmetic and comparisons (results are plain ints) and only differs in {@code str()}, which
 * gives {@code toInt32('10')}.
 *
 * @param type the ClickHouse type name, e.g. {@code Int32}
 */
record TypedInt(BigInteger value, String type) {}
