package org.tinybirdmaven.client;

import java.time.Duration;

/** Waits between retries and job polls; tests replace it so that they do not sleep for real. */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
