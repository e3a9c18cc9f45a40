package org.tinybirdmaven.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a push did to one resource.
 *
 * @param error what went wrong, when {@link Outcome#FAILED}; else null
 */
public record ResourceResult(DeployPlan.Step step, Outcome outcome, Duration duration, String error) {

    /** What happened. */
    public enum Outcome {
        /** Created in the workspace. */
        CREATED,
        /** An existing pipe was replaced ({@code force}). */
        OVERRIDDEN,
        /** An existing datasource was altered in place ({@code force}). */
        ALTERED,
        /** It exists and is the same ({@code onlyChanges}, or {@code force} with nothing to alter). */
        UNCHANGED,
        /** It exists and was left as it is (no {@code force}). */
        SKIPPED,
        /** Dry run: what would happen is the plan's action. */
        PLANNED,
        /** The push failed on this resource. */
        FAILED,
        /** Not attempted, because the push failed on another resource. */
        NOT_APPLIED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        /** Whether the workspace changed. */
        public boolean applied() {
            return this == CREATED || this == OVERRIDDEN || this == ALTERED;
        }
    }

    public String name() {
        return step.resource().name();
    }

    public String kind() {
        return step.resource().isDatasource() ? "datasource" : step.resource().isPipe() ? "pipe" : "token";
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name());
        json.put("remote_name", step.remoteName());
        json.put("kind", kind());
        json.put("file", step.resource().datafile().path().toString());
        json.put("action", step.action().name().toLowerCase(Locale.ROOT));
        json.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        json.put("duration_ms", duration.toMillis());
        json.put("error", error);
        return json;
    }
}
