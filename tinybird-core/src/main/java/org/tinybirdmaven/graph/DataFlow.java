package org.tinybirdmaven.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.project.Dependency;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.project.Resource;

/**
 * The datasources and pipes of a project and the arrows between them, pointing the way data flows: from a datasource
 * to the pipes that read it, from a materialized view or copy pipe to the datasource it writes. Tokens are left out.
 * A name the project does not define but refers to (a shared datasource of another workspace, a materialized target
 * created from the node's ENGINE settings, or anything else that must already exist) becomes a node marked
 * {@code inProject = false}.
 *
 * <p>A pipe without a TYPE is drawn as an endpoint, because a Classic push publishes its last node as one.
 */
public record DataFlow(List<Item> items, List<Flow> flows) {

    /** One box: a resource of the project or a name it refers to. {@code file} is null outside the project. */
    public record Item(String name, ResourceKind kind, boolean inProject, String file) {}

    /** An arrow from {@code items().get(from)} to {@code items().get(to)}. */
    public record Flow(int from, int to, FlowKind kind) {}

    public DataFlow {
        items = List.copyOf(items);
        flows = List.copyOf(flows);
    }

    public static DataFlow of(Project project) {
        List<Resource> shown = project.resources().stream().filter(r -> r.isDatasource() || r.isPipe()).toList();
        Set<String> written = new LinkedHashSet<>();
        shown.forEach(resource -> resource.dependencies().stream().filter(d -> FlowKind.of(d.kind()).writes())
                .forEach(d -> written.add(d.name())));
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (Resource resource : shown) {
            index.put(resource.name(), items.size());
            String file = project.directory().relativize(resource.datafile().path().toAbsolutePath().normalize())
                    .toString().replace('\\', '/');
            items.add(new Item(resource.name(), kindOf(resource, written.contains(resource.name())), true, file));
        }
        Set<Flow> flows = new LinkedHashSet<>();
        for (Resource resource : shown) {
            int self = index.get(resource.name());
            for (Dependency dependency : resource.dependencies()) {
                FlowKind kind = FlowKind.of(dependency.kind());
                Integer other = index.get(dependency.name());
                if (other == null) {
                    other = items.size();
                    index.put(dependency.name(), other);
                    items.add(new Item(dependency.name(), externalKind(dependency.name(), kind), false, null));
                }
                if (other != self) {
                    flows.add(kind.writes() ? new Flow(self, other, kind) : new Flow(other, self, kind));
                }
            }
        }
        return new DataFlow(items, new ArrayList<>(flows));
    }

    private static ResourceKind kindOf(Resource resource, boolean written) {
        if (resource.datafile() instanceof PipeFile pipe) {
            return switch (pipe.kind()) {
                case MATERIALIZED -> ResourceKind.MATERIALIZED_VIEW;
                case COPY -> ResourceKind.COPY_PIPE;
                case SINK, STREAM -> ResourceKind.SINK_PIPE;
                case ENDPOINT, STANDARD -> ResourceKind.ENDPOINT;
            };
        }
        return resource.vendor() ? ResourceKind.SHARED_DATASOURCE
                : written ? ResourceKind.TARGET_DATASOURCE : ResourceKind.DATASOURCE;
    }

    /** {@code workspace.name} is another workspace's shared datasource; a write target is a datasource. */
    private static ResourceKind externalKind(String name, FlowKind kind) {
        if (kind.writes()) {
            return ResourceKind.TARGET_DATASOURCE;
        }
        return name.contains(".") ? ResourceKind.SHARED_DATASOURCE : ResourceKind.UNKNOWN;
    }
}
