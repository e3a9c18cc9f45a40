package org.tinybirdmaven.chdb;

/**
 * Provokes NullPointerExceptions the way HotSpot raises them for field reads: the read of a null reference faults
 * with SIGSEGV and the JVM's signal handler turns that into the NPE. (A method call on null may be checked
 * explicitly and would not exercise the handler.)
 */
final class NullPointers {

    /** Never assigned, so every read of {@code absent.value} dereferences null. */
    private static NullPointers absent;

    private int value;

    private NullPointers() {
    }

    /** Reads a field through a null reference {@code times} times and returns how many NPEs were caught. */
    static int provoke(int times) {
        int caught = 0;
        for (int i = 0; i < times; i++) {
            try {
                caught += absent.value;
            } catch (NullPointerException expected) {
                caught++;
            }
        }
        return caught;
    }
}
