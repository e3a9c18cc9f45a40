package org.tinybirdmaven.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.tinybirdmaven.client.CreatedPipe;
import org.tinybirdmaven.client.Job;
import org.tinybirdmaven.client.Pipe;
import org.tinybirdmaven.client.TinybirdJobException;
import org.tinybirdmaven.datafile.NodeType;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.datafile.TokenGrant;
import org.tinybirdmaven.deploy.ResourceResult.Outcome;
import org.tinybirdmaven.output.Output;

/**
 * Pushes one pipe ({@code new_pipe}, §5.2): {@code POST /v0/pipes} with the pipe's nodes ({@code force=true} to
 * override an existing one, which Tinybird swaps in place), then what the CLI does after it: publishes the endpoint
 * node when the answer did not, reports the target of a materialized or copy pipe, follows the populate job, and
 * applies the {@code TOKEN} lines of endpoint and copy pipes.
 */
final class PipeStep {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PushContext context;
    private final PipeFile pipe;
    private final String remoteName;
    private final Output out;

    PipeStep(PushContext context, PipeFile pipe, Output out) {
        this.context = context;
        this.pipe = pipe;
        this.remoteName = pipe.remoteName();
        this.out = out;
    }

    Outcome push(boolean override) {
        PushOptions options = context.options();
        NodeType kind = pipe.kind();
        Map<String, String> query = new LinkedHashMap<>();
        if (override) {
            query.put("force", "true");
        }
        boolean populate = options.populate() && kind == NodeType.MATERIALIZED;
        if (populate) {
            query.put("populate", "true");
        }
        CreatedPipe created = context.client().createPipe(
                MAPPER.valueToTree(ResourceRequests.pipeBody(pipe, context.renames())), query);
        if (kind == NodeType.ENDPOINT) {
            publishIfNeeded(created.pipe());
            out.info("** => Test endpoint at " + context.client().baseUrl() + "/v0/pipes/" + remoteName + ".json");
        } else if ((kind == NodeType.MATERIALIZED || kind == NodeType.COPY) && created.datasource() != null) {
            out.info("** " + (kind == NodeType.COPY ? "Copy" : "Materialized") + " pipe '" + remoteName + "' "
                    + (created.createdDatasource() ? "created" : "using") + " the Data Source '"
                    + created.datasource().name() + "'");
        }
        if (created.job() != null) {
            follow(created.job());
        }
        grantTokens();
        out.info("** '" + remoteName + "' " + (override ? "overridden" : "created"));
        return override ? Outcome.OVERRIDDEN : Outcome.CREATED;
    }

    /**
     * Publishes the endpoint node unless {@code remote} has it published already (a failed push may have created
     * the pipe without publishing it).
     *
     * @return whether it was published now
     */
    boolean publishIfNeeded(Pipe remote) {
        String node = pipe.endpointNode().orElseThrow().name();
        boolean published = remote.endpoint() != null && remote.node(remote.endpoint())
                .map(n -> n.name().equals(node)).orElse(false);
        if (!published) {
            context.client().publishEndpoint(remoteName, node);
        }
        return !published;
    }

    /** Applies the TOKEN lines: only endpoint and copy pipes can be read with a token, as in the CLI. */
    void grantTokens() {
        NodeType kind = pipe.kind();
        if (kind != NodeType.ENDPOINT && kind != NodeType.COPY) {
            return;
        }
        for (TokenGrant grant : pipe.tokens()) {
            if (grant.permission().equalsIgnoreCase("READ")) {
                context.tokens().grant(grant.tokenName(), "PIPES:READ:" + remoteName, "P", remoteName, out);
            }
        }
    }

    private static String duration(java.time.Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
    }

    private void follow(Job job) {
        out.info("** Populating job url " + job.jobUrl());
        if (!context.options().waitForJobs()) {
            return;
        }
        AtomicReference<String> shown = new AtomicReference<>("");
        try {
            context.client().waitForJob(job.id(), context.options().jobTimeout(), update -> {
                String state = (update.progressPercentage() == null ? ""
                        : String.format(Locale.ROOT, "%.0f%% ", update.progressPercentage())) + "- " + update.status();
                if (!state.equals(shown.getAndSet(state))) {
                    out.info("** Populating job (" + job.id() + ") " + state);
                }
            });
        } catch (TinybirdJobException e) {
            Job last = e.job();
            throw new StepFailure(switch (e.kind()) {
                case FAILED -> "populate job " + job.id() + " of pipe '" + remoteName + "' failed: "
                        + (last.errorText() == null ? "Tinybird gave no reason" : last.errorText());
                case CANCELLED -> "populate job " + job.id() + " of pipe '" + remoteName + "' was cancelled";
                case TIMED_OUT -> "populate job " + job.id() + " of pipe '" + remoteName + "' is still "
                        + last.status() + " after " + duration(context.options().jobTimeout()) + "; it goes on"
                        + " in the workspace (follow it at " + job.jobUrl() + "); allow more time with the job"
                        + " timeout";
            });
        }
    }
}
