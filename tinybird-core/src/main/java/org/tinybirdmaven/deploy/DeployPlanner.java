package org.tinybirdmaven.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.tinybirdmaven.project.DependencyGraph;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.project.Resource;

/**
 * Decides, for each resource in dependency order, what a push does with it — the Classic CLI's rule: push what does
 * not exist remotely under its (versioned) name, or everything with {@code force}; with {@code onlyChanges}, leave
 * out what has not changed.
 */
public final class DeployPlanner {

    /**
     * @param force       override existing pipes and alter existing datasources
     * @param onlyChanges push only resources whose remote definition differs (judged by {@code changed})
     * @param selected    names to push (empty: the whole project)
     * @param pushDeps    also push the local dependencies of the selected resources
     */
    public record Options(boolean force, boolean onlyChanges, Set<String> selected, boolean pushDeps) {

        public Options {
            selected = Set.copyOf(selected);
        }

        public static Options all() {
            return new Options(false, false, Set.of(), false);
        }
    }

    /** A dependency that is neither pushed nor in the workspace: the push would fail on the server. */
    public static final class MissingDependencyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingDependencyException(String message) {
            super(message);
        }
    }

    private DeployPlanner() {}

    /**
     * @param changed tells whether an existing resource differs from its datafile; consulted only with
     *                {@code onlyChanges}
     */
    public static DeployPlan plan(Project project, RemoteState remote, Options options, Predicate<Resource> changed) {
        DependencyGraph graph = project.graph();
        Set<Resource> included = included(project, graph, options);
        for (Resource resource : included) {
            for (Resource dependency : graph.dependenciesOf(resource)) {
                if (!included.contains(dependency) && !remote.exists(dependency)) {
                    throw new MissingDependencyException("'" + resource.name() + "' needs '" + dependency.name()
                            + "', which is neither pushed nor in the workspace: push it too, or use pushDeps");
                }
            }
        }
        List<List<DeployPlan.Step>> levels = new ArrayList<>();
        for (List<Resource> level : graph.levels()) {
            List<DeployPlan.Step> steps = new ArrayList<>();
            for (Resource resource : level) {
                if (included.contains(resource)) {
                    steps.add(step(resource, remote, options, changed));
                }
            }
            if (!steps.isEmpty()) {
                levels.add(steps);
            }
        }
        return new DeployPlan(levels);
    }

    /** Vendor datasources belong to other workspaces and are never pushed. */
    private static Set<Resource> included(Project project, DependencyGraph graph, Options options) {
        Set<Resource> included = new LinkedHashSet<>();
        for (Resource resource : project.resources()) {
            if (!resource.vendor() && (options.selected().isEmpty() || options.selected().contains(resource.name()))) {
                included.add(resource);
            }
        }
        if (options.pushDeps()) {
            List<Resource> pending = new ArrayList<>(included);
            while (!pending.isEmpty()) {
                Resource next = pending.remove(pending.size() - 1);
                for (Resource dependency : graph.dependenciesOf(next)) {
                    if (!dependency.vendor() && included.add(dependency)) {
                        pending.add(dependency);
                    }
                }
            }
        }
        return included;
    }

    private static DeployPlan.Step step(Resource resource, RemoteState remote, Options options,
                                        Predicate<Resource> changed) {
        String remoteName = resource.remoteName();
        OptionalInt latest = remote.latestVersion(resource.name());
        Integer otherVersion = latest.isPresent() && !remoteName.equals(resource.name() + "__v" + latest.getAsInt())
                ? latest.getAsInt() : null;
        if (!remote.exists(resource)) {
            return new DeployPlan.Step(resource, remoteName, DeployPlan.Action.CREATE, otherVersion);
        }
        if (options.onlyChanges() && !changed.test(resource)) {
            return new DeployPlan.Step(resource, remoteName, DeployPlan.Action.UNCHANGED, otherVersion);
        }
        return new DeployPlan.Step(resource, remoteName, options.force() ? DeployPlan.Action.OVERRIDE
                : DeployPlan.Action.SKIP_EXISTING, otherVersion);
    }
}
