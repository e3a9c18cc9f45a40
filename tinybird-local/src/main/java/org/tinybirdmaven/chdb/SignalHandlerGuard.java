package org.tinybirdmaven.chdb;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Snapshot of the JVM's handlers for the signals HotSpot relies on (implicit null checks, safepoint polls), so
 * they can be put back after chDB resets them to SIG_DFL. Only used when libjsig is not preloaded; it leaves a
 * window of about 0.2 ms at the end of each {@code chdb_connect} during which a SIGSEGV on another thread kills the
 * JVM, so it is safe only when the engine is opened before other threads are busy.
 */
final class SignalHandlerGuard {

    interface Libc extends Library {
        int sigaction(int signal, Pointer action, Pointer oldAction) throws LastErrorException;
    }

    /** Larger than {@code struct sigaction} on Linux (152 bytes) and macOS (16); the content is opaque here. */
    private static final int SIGACTION_SIZE = 512;
    private static final int SIGILL = 4;
    private static final int SIGFPE = 8;
    private static final int SIGSEGV = 11;
    private static final int SIGBUS = Platform.isMac() ? 10 : 7;
    private static final int[] SIGNALS = {SIGILL, SIGBUS, SIGFPE, SIGSEGV};

    private final Libc libc = Native.load(Platform.C_LIBRARY_NAME, Libc.class);
    private final Memory[] saved = new Memory[SIGNALS.length];

    SignalHandlerGuard() {
        for (int i = 0; i < SIGNALS.length; i++) {
            saved[i] = new Memory(SIGACTION_SIZE);
            saved[i].clear();
            libc.sigaction(SIGNALS[i], null, saved[i]);
        }
    }

    void restore() {
        for (int i = 0; i < SIGNALS.length; i++) {
            libc.sigaction(SIGNALS[i], saved[i], null);
        }
    }
}
