package org.tinybirdmaven.client;

/** Sees every state of a job while {@link TinybirdClient#waitForJob} polls it, for progress output. */
@FunctionalInterface
public interface JobListener {

    JobListener NONE = job -> {};

    void update(Job job);
}
