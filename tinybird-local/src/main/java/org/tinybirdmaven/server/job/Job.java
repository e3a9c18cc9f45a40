package org.tinybirdmaven.server.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One asynchronous operation (populate, copy, import, branch data…). Status moves {@code waiting → working →
 * done | error | cancelled}; fields are only changed by {@link Jobs}, under the job's monitor.
 */
public final class Job {

    public enum Status { WAITING, WORKING, DONE, ERROR, CANCELLING, CANCELLED;

        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean isTerminal() {
            return this == DONE || this == ERROR || this == CANCELLED;
        }
    }

    final String id;
    final String kind;
    final String workspaceId;
    final String createdAt;
    final Map<String, Object> details;
    Status status = Status.WAITING;
    String startedAt;
    String updatedAt;
    String error;
    Map<String, Object> result;
    volatile boolean cancelRequested;

    Job(String id, String kind, String workspaceId, String createdAt, Map<String, Object> details) {
        this.id = id;
        this.kind = kind;
        this.workspaceId = workspaceId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.details = new LinkedHashMap<>(details);
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public synchronized Status status() {
        return status;
    }

    /** Whether the work should stop early; long-running work checks it between steps. */
    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** The job JSON of {@code GET /v0/jobs/{id}}. */
    public synchronized Map<String, Object> json(String baseUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind);
        json.put("id", id);
        json.put("job_id", id);
        json.put("status", status.apiName());
        json.put("created_at", createdAt);
        json.put("updated_at", updatedAt);
        json.put("started_at", startedAt);
        json.put("is_cancellable", status == Status.WAITING || status == Status.WORKING);
        json.put("job_url", baseUrl + "/v0/jobs/" + id);
        json.putAll(details);
        if (error != null) {
            json.put("error", error);
        }
        if (result != null) {
            json.put("result", result);
        }
        return json;
    }
}
