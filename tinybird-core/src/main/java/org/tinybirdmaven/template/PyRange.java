package org.tinybirdmaven.template;

import java.math.BigInteger;

/** A Python {@code range}: lazy, so {@code range(10**12)} costs nothing until iterated. */
record PyRange(BigInteger start, BigInteger stop, BigInteger step) {

    BigInteger length() {
        BigInteger span = step.signum() > 0 ? stop.subtract(start) : start.subtract(stop);
        if (span.signum() <= 0) {
            return BigInteger.ZERO;
        }
        BigInteger absStep = step.abs();
        return span.add(absStep).subtract(BigInteger.ONE).divide(absStep);
    }

    BigInteger at(BigInteger index) {
        return start.add(step.multiply(index));
    }
}
