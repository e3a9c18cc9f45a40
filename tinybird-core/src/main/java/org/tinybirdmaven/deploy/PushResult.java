package org.tinybirdmaven.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinybirdmaven.fixtures.FixtureResult;

/**
 * What a push did: one result per planned resource in plan order, the fixtures loaded, and the error that stopped
 * it, if any. Written to {@code push-result.json}.
 *
 * @param workspace the workspace pushed to
 * @param error     why the push stopped, or null when it succeeded
 */
public record PushResult(String workspace, boolean dryRun, List<ResourceResult> resources,
                         List<FixtureResult> fixtures, String error) {

    public PushResult {
        resources = List.copyOf(resources);
        fixtures = List.copyOf(fixtures);
    }

    public boolean succeeded() {
        return error == null;
    }

    /** Names of the resources with one of these outcomes, in plan order. */
    public List<String> names(ResourceResult.Outcome... outcomes) {
        List<ResourceResult.Outcome> wanted = List.of(outcomes);
        return resources.stream().filter(r -> wanted.contains(r.outcome())).map(ResourceResult::name).toList();
    }

    /** The table printed at the end of a push. */
    public List<String> summary() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"resource", "kind", "action", "outcome", "time"});
        for (ResourceResult result : resources) {
            rows.add(new String[] {result.name(), result.kind(), result.step().action().name()
                    .toLowerCase(Locale.ROOT).replace('_', ' '), result.outcome().label(),
                    String.format(Locale.ROOT, "%.1f s", result.duration().toMillis() / 1000.0)});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("** Push summary" + (dryRun ? " (dry run)" : "") + " for workspace '" + workspace + "':");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("   ");
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s",
                        row[i]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workspace", workspace);
        json.put("dry_run", dryRun);
        json.put("status", error == null ? "success" : "failed");
        json.put("error", error);
        json.put("resources", resources.stream().map(ResourceResult::json).toList());
        json.put("fixtures", fixtures.stream().map(FixtureResult::json).toList());
        return json;
    }
}
