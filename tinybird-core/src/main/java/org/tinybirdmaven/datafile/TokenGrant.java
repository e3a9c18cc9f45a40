package org.tinybirdmaven.datafile;

/** A {@code TOKEN <name> <PERMISSION>} line: the token gets {@code permission} on the resource of the file. */
public record TokenGrant(String tokenName, String permission, Location location) {}
