package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of {@code POST /v0/pipes}: the pipe, and for a materialized pipe the target datasource (and whether
 * it was created by this call), and the populate job when one was started.
 *
 * @param datasource        null unless the pipe materializes
 * @param job               null unless populating
 */
public record CreatedPipe(Pipe pipe, Datasource datasource, boolean createdDatasource, Job job, JsonNode raw) {

    static CreatedPipe from(JsonNode json) {
        JsonNode datasource = Json.field(json, "datasource");
        JsonNode job = Json.field(json, "job");
        return new CreatedPipe(Pipe.from(json), datasource.isObject() ? Datasource.from(datasource) : null,
                Json.bool(json, "created_datasource"), job.isObject() ? Job.from(job) : null, json);
    }

    @Override
    public String toString() {
        return "CreatedPipe[" + pipe + (datasource == null ? "" : ", datasource=" + datasource.name()
                + (createdDatasource ? " (created)" : "")) + (job == null ? "" : ", job=" + job.id()) + "]";
    }
}
