package org.tinybirdmaven.project;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinybirdmaven.datafile.NodeType;
import org.tinybirdmaven.datafile.PipeFile;

/**
 * The resources of a project and which of them need which, ordered for a push.
 *
 * <p>Levels follow Kahn's algorithm: level 0 holds resources that need no other local resource, level n those
 * whose local dependencies are all on earlier levels, so everything on one level can be pushed in parallel. As in the
 * Classic CLI, endpoint pipes that nothing depends on are moved to a last level of their own. A dependency on a name
 * the project does not define is assumed to exist in the workspace already and is listed by {@link #missing()}.
 */
public final class DependencyGraph {

    /** A dependency on a name no datafile of the project defines. */
    public record Missing(Resource resource, Dependency dependency) {}

    private final List<Resource> resources;
    private final Map<Resource, Set<Resource>> dependencies = new LinkedHashMap<>();
    private final Map<Resource, Set<Resource>> dependents = new LinkedHashMap<>();
    private final List<Missing> missing = new ArrayList<>();
    private final List<List<Resource>> levels = new ArrayList<>();
    private final List<List<Resource>> cycles = new ArrayList<>();

    public DependencyGraph(List<Resource> resources) {
        this.resources = List.copyOf(resources);
        Map<String, Resource> byName = new HashMap<>();
        resources.forEach(resource -> byName.putIfAbsent(resource.name(), resource));
        for (Resource resource : resources) {
            dependencies.put(resource, new LinkedHashSet<>());
            dependents.putIfAbsent(resource, new LinkedHashSet<>());
        }
        for (Resource resource : resources) {
            for (Dependency dependency : resource.dependencies()) {
                Resource target = byName.get(dependency.name());
                if (target == resource) {
                    continue;
                }
                if (target != null) {
                    dependencies.get(resource).add(target);
                    dependents.get(target).add(resource);
                } else if (!isExternal(resource, dependency)) {
                    missing.add(new Missing(resource, dependency));
                }
            }
        }
        computeLevels();
    }

    /**
     * Names of other workspaces ({@code ws.ds}) without a vendor file are shared datasources the CLI does not look
     * for; an MV or copy target described by ENGINE settings in its node is created by the push itself.
     */
    private static boolean isExternal(Resource resource, Dependency dependency) {
        if (dependency.name().contains(".")) {
            return true;
        }
        boolean writesTarget = dependency.kind() == DependencyKind.MATERIALIZES
                || dependency.kind() == DependencyKind.COPIES;
        return writesTarget && resource.datafile() instanceof PipeFile pipe && pipe.outputNode()
                .filter(node -> !node.engineSettings().isEmpty()).isPresent();
    }

    private void computeLevels() {
        Map<Resource, Integer> remaining = new HashMap<>();
        dependencies.forEach((resource, needs) -> remaining.put(resource, needs.size()));
        Map<Resource, Integer> level = new HashMap<>();
        List<Resource> ready = new ArrayList<>();
        for (Resource resource : resources) {
            if (remaining.get(resource) == 0) {
                ready.add(resource);
                level.put(resource, 0);
            }
        }
        for (int i = 0; i < ready.size(); i++) {
            Resource done = ready.get(i);
            for (Resource dependent : dependents.get(done)) {
                level.merge(dependent, level.get(done) + 1, Math::max);
                if (remaining.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (ready.size() < resources.size()) {
            findCycles(remaining);
        }
        int last = 0;
        List<Resource> finalEndpoints = new ArrayList<>();
        for (Resource resource : ready) {
            if (isFinalEndpoint(resource)) {
                finalEndpoints.add(resource);
            } else {
                last = Math.max(last, level.get(resource));
            }
        }
        for (Resource resource : finalEndpoints) {
            level.put(resource, finalEndpoints.size() == ready.size() ? 0 : last + 1);
        }
        for (Resource resource : resources) {
            Integer l = level.get(resource);
            if (l == null || !ready.contains(resource)) {
                continue;
            }
            while (levels.size() <= l) {
                levels.add(new ArrayList<>());
            }
            levels.get(l).add(resource);
        }
        levels.removeIf(List::isEmpty);
    }

    private boolean isFinalEndpoint(Resource resource) {
        return resource.datafile() instanceof PipeFile pipe && pipe.kind() == NodeType.ENDPOINT
                && dependents.get(resource).isEmpty();
    }

    /** Depth-first search over the resources Kahn could not order; each back edge closes a cycle. */
    private void findCycles(Map<Resource, Integer> remaining) {
        Set<Resource> stuck = new LinkedHashSet<>();
        remaining.forEach((resource, count) -> {
            if (count > 0) {
                stuck.add(resource);
            }
        });
        Set<Resource> visited = new LinkedHashSet<>();
        for (Resource start : resources) {
            if (stuck.contains(start) && !visited.contains(start)) {
                walk(start, new ArrayList<>(), visited, stuck);
            }
        }
    }

    private void walk(Resource resource, List<Resource> path, Set<Resource> visited, Set<Resource> stuck) {
        int onPath = path.indexOf(resource);
        if (onPath >= 0) {
            List<Resource> cycle = new ArrayList<>(path.subList(onPath, path.size()));
            cycle.add(resource);
            cycles.add(cycle);
            return;
        }
        if (!visited.add(resource)) {
            return;
        }
        path.add(resource);
        for (Resource next : dependencies.get(resource)) {
            if (stuck.contains(next)) {
                walk(next, path, visited, stuck);
            }
        }
        path.remove(path.size() - 1);
    }

    public List<Resource> resources() {
        return resources;
    }

    /** Push order grouped by level; resources on a cycle are left out (see {@link #cycles()}). */
    public List<List<Resource>> levels() {
        return levels.stream().map(Collections::unmodifiableList).toList();
    }

    /** Every resource in push order. */
    public List<Resource> order() {
        return levels.stream().flatMap(List::stream).toList();
    }

    /** The local resources {@code resource} needs. */
    public Set<Resource> dependenciesOf(Resource resource) {
        return Collections.unmodifiableSet(dependencies.getOrDefault(resource, Set.of()));
    }

    /** Each cycle as the path {@code a, b, …, a}. */
    public List<List<Resource>> cycles() {
        return cycles.stream().map(Collections::unmodifiableList).toList();
    }

    public List<Missing> missing() {
        return Collections.unmodifiableList(missing);
    }
}
