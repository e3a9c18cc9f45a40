package org.tinybirdmaven.diff;

import java.util.List;
import org.tinybirdmaven.output.Output;

/**
 * The comparison of a project with a workspace: a unified diff per changed resource (headers
 * {@code {name} [remote]} and {@code {file} [local]}), a line for each resource that exists on one side only, then
 * the summary of {@code tb diff --no-verbose} ({@code changed: x}, {@code remote: y}, {@code local: z},
 * {@code shared: w}).
 */
public record DiffReport(List<ResourceDiff> entries) {

    public DiffReport {
        entries = List.copyOf(entries);
    }

    /** Something differs: a changed resource, or one that exists on one side only (shared ones do not count). */
    public boolean hasDifferences() {
        return entries.stream().anyMatch(entry -> entry.status() != ResourceDiff.Status.SAME
                && entry.status() != ResourceDiff.Status.SHARED);
    }

    public List<String> names(ResourceDiff.Status status) {
        return entries.stream().filter(entry -> entry.status() == status).map(ResourceDiff::name).toList();
    }

    /** {@code changed: a, b; only remote: c; only local: d}, leaving out empty parts. */
    public String differences() {
        List<String> parts = new java.util.ArrayList<>();
        for (ResourceDiff.Status status : List.of(ResourceDiff.Status.CHANGED, ResourceDiff.Status.REMOTE_ONLY,
                ResourceDiff.Status.LOCAL_ONLY)) {
            List<String> names = names(status);
            if (!names.isEmpty()) {
                parts.add(switch (status) {
                    case CHANGED -> "changed: ";
                    case REMOTE_ONLY -> "only remote: ";
                    default -> "only local: ";
                } + String.join(", ", names));
            }
        }
        return parts.isEmpty() ? "nothing" : String.join("; ", parts);
    }

    public void print(Output out) {
        for (ResourceDiff entry : entries) {
            switch (entry.status()) {
                case CHANGED -> entry.diff().forEach(out::info);
                case REMOTE_ONLY -> out.info(entry.name() + " only exists remotely");
                case LOCAL_ONLY -> out.info(entry.name() + " only exists locally");
                default -> { }
            }
        }
        if (!hasDifferences()) {
            out.info("** No differences between the project and the workspace");
        }
        for (ResourceDiff entry : entries) {
            String prefix = switch (entry.status()) {
                case CHANGED -> "changed: ";
                case REMOTE_ONLY -> "remote: ";
                case LOCAL_ONLY -> "local: ";
                case SHARED -> "shared: ";
                case SAME -> null;
            };
            if (prefix != null) {
                out.info(prefix + entry.name());
            }
        }
    }
}
