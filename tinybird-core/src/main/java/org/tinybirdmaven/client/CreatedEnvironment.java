package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of {@code POST /v0/environments}: the new branch, and the job that copies data into it (null when no
 * job is reported).
 */
public record CreatedEnvironment(WorkspaceEntry workspace, Job job, JsonNode raw) {

    static CreatedEnvironment from(JsonNode json) {
        JsonNode job = Json.field(json, "job");
        return new CreatedEnvironment(WorkspaceEntry.from(Json.field(json, "workspace")),
                job.isObject() ? Job.from(job) : null, json);
    }

    @Override
    public String toString() {
        return "CreatedEnvironment[" + workspace + (job == null ? "" : ", job=" + job.id()) + "]";
    }
}
