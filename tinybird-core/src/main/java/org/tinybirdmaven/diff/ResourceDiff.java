package org.tinybirdmaven.diff;

import java.util.List;

/**
 * How one resource compares.
 *
 * @param name the local name, or the remote name of a resource with no datafile
 * @param diff the unified diff (remote first) when {@link Status#CHANGED}, else empty
 */
public record ResourceDiff(String name, Status status, List<String> diff) {

    public enum Status {
        /** Same definition on both sides. */
        SAME,
        /** Both sides define it differently. */
        CHANGED,
        /** Only the project defines it. */
        LOCAL_ONLY,
        /** Only the workspace has it. */
        REMOTE_ONLY,
        /** A datasource shared with the workspace by another one. */
        SHARED
    }

    public ResourceDiff {
        diff = List.copyOf(diff);
    }
}
