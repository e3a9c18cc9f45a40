package org.tinybirdmaven.client;

/** A job ended in {@code error} or {@code cancelled}, or did not end in time. */
public final class TinybirdJobException extends TinybirdClientException {
    private static final long serialVersionUID = 1L;

    public enum Kind { FAILED, CANCELLED, TIMED_OUT }

    static final String CANCELLED = "Job has been cancelled";

    private final Kind kind;
    private final transient Job job;

    TinybirdJobException(String action, Kind kind, String detail, Job job, String hint) {
        super(action, detail, null, null, job.jobUrl() == null ? null : Redact.url(job.jobUrl()), hint, null);
        this.kind = kind;
        this.job = job;
    }

    public Kind kind() {
        return kind;
    }

    /** The last state of the job that was seen. */
    public Job job() {
        return job;
    }
}
