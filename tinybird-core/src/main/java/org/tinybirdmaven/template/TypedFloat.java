package org.tinybirdmaven.template;

/**
 * Tinybird's {@code Float}: a {@code float} subclass returned by {@code Float32}/{@code Float64}; {@code str()} gives
 * {@code toFloat32('1.5')}, everything else behaves as the plain float.
 */
record TypedFloat(double value, String type) {}
