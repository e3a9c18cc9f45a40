package org.tinybirdmaven.datafile;

/** A key/value instruction as written in a datafile ({@code key} lower-case, e.g. {@code engine_sorting_key}). */
public record Setting(String key, String value, Location location) {}
