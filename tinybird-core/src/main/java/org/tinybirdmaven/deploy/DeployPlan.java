package org.tinybirdmaven.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.project.Resource;

/**
 * What a push will do, level by level in dependency order: resources on one level do not depend on each other and
 * may be pushed in parallel.
 */
public record DeployPlan(List<List<Step>> levels) {

    /** What happens to one resource. */
    public enum Action {
        /** It does not exist in the workspace (under this name and version): create it. */
        CREATE,
        /** It exists and {@code force} is on: override the pipe, alter the datasource. */
        OVERRIDE,
        /** It exists and {@code force} is off: leave it as it is. */
        SKIP_EXISTING,
        /** It exists and is the same as the local datafile ({@code onlyChanges}). */
        UNCHANGED
    }

    /**
     * @param remoteName    the name in the workspace ({@code name__vN} when versioned)
     * @param remoteVersion the highest version that exists remotely when it differs from the local one, else null
     */
    public record Step(Resource resource, String remoteName, Action action, Integer remoteVersion) {

        public boolean writes() {
            return action == Action.CREATE || action == Action.OVERRIDE;
        }
    }

    public DeployPlan {
        levels = levels.stream().map(List::copyOf).toList();
    }

    public List<Step> steps() {
        return levels.stream().flatMap(List::stream).toList();
    }

    /** The plan as written to {@code target/tinybird/plan.json}. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("levels", levels.stream().map(level -> level.stream().map(step -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", step.resource().name());
            entry.put("remote_name", step.remoteName());
            entry.put("kind", step.resource().isDatasource() ? "datasource" : step.resource().isPipe() ? "pipe"
                    : "token");
            entry.put("action", step.action().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("file", step.resource().datafile().path().toString());
            return entry;
        }).toList()).toList());
        return json;
    }
}
