package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A job ({@code /v0/jobs/{id}}).
 *
 * @param status             {@code waiting}, {@code working}, {@code done}, {@code error}, {@code cancelling},
 *                           {@code cancelled}
 * @param progressPercentage populate progress, or null
 */
public record Job(String id, String kind, String status, String error, List<String> errors, String jobUrl,
                  Double progressPercentage, JsonNode raw) {

    static Job from(JsonNode json) {
        String id = Json.text(json, "id");
        return new Job(id != null ? id : Json.text(json, "job_id"), Json.text(json, "kind"),
                Json.text(json, "status"), Json.text(json, "error"), Json.texts(json, "errors"),
                Json.text(json, "job_url"), Json.decimal(json, "progress_percentage"), json);
    }

    public boolean isDone() {
        return "done".equals(status);
    }

    public boolean isError() {
        return "error".equals(status);
    }

    public boolean isCancelled() {
        return "cancelled".equals(status);
    }

    /** {@code done}, {@code error} or {@code cancelled}: polling can stop. */
    public boolean isFinished() {
        return isDone() || isError() || isCancelled();
    }

    /** The job's {@code error}, else its {@code errors} joined, else null. */
    public String errorText() {
        if (error != null && !error.isEmpty()) {
            return error;
        }
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    @Override
    public String toString() {
        return "Job[id=" + id + ", kind=" + kind + ", status=" + status
                + (progressPercentage == null ? "" : ", progress=" + progressPercentage + "%") + "]";
    }
}
