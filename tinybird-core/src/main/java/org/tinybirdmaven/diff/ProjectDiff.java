package org.tinybirdmaven.diff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tinybirdmaven.client.Datasource;
import org.tinybirdmaven.client.Pipe;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.concurrent.Parallel;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.project.Resource;

/**
 * Compares the datasources and pipes of a project with those of a workspace, the way {@code tb diff} does: each
 * remote definition is read from Tinybird's export ({@code GET /v0/datasources/{n}.datasource},
 * {@code /v0/pipes/{n}.pipe}), parsed like a local datafile, and both sides are written in their
 * {@link CanonicalForm} before comparing. {@code tb push --only-changes} uses the same comparison.
 */
public final class ProjectDiff {

    private final Project project;
    private final TinybirdClient client;
    private final Map<String, String> renames;

    public ProjectDiff(Project project, TinybirdClient client) {
        this.project = project;
        this.client = client;
        this.renames = project.versionedNames();
    }

    /**
     * Whether {@code resource}, which exists in the workspace under its remote name, differs from it. Token files
     * are not compared (Tinybird exports no {@code .token} datafile): they count as unchanged.
     */
    public boolean changed(Resource resource) {
        return compare(resource).status() == ResourceDiff.Status.CHANGED;
    }

    /**
     * Which of {@code resources}, all existing in the workspace, differ from it. Up to {@code parallelism} exports are
     * read at a time: a no-op {@code onlyChanges} push of a large project is otherwise one round trip per resource.
     */
    public Set<Resource> changedAmong(List<Resource> resources, int parallelism) {
        List<Boolean> changed = Parallel.map(resources, parallelism, "comparing the project with the workspace",
                this::changed);
        Set<Resource> differing = new HashSet<>();
        for (int i = 0; i < resources.size(); i++) {
            if (changed.get(i)) {
                differing.add(resources.get(i));
            }
        }
        return differing;
    }

    /** Compares one resource that exists remotely. */
    ResourceDiff compare(Resource resource) {
        String remoteName = resource.remoteName();
        String header = relative(resource.datafile().path());
        if (!resource.isDatasource() && !resource.isPipe()) {
            return new ResourceDiff(resource.name(), ResourceDiff.Status.SAME, List.of());
        }
        String export = resource.isDatasource() ? client.datasourceFile(remoteName) : client.pipeFile(remoteName);
        List<String> remote = remoteCanonical(remoteName, resource.isDatasource() ? ".datasource" : ".pipe", export);
        List<String> local = CanonicalForm.of(resource.datafile(), resource.datafile().version(), renames);
        List<String> diff = UnifiedDiff.of(remote, local, resource.name() + " [remote]", header + " [local]");
        return new ResourceDiff(resource.name(), diff.isEmpty() ? ResourceDiff.Status.SAME
                : ResourceDiff.Status.CHANGED, diff);
    }

    /**
     * Compares every datasource and pipe of the project (or only those named in {@code only}) with the workspace,
     * and lists what exists only remotely.
     */
    public DiffReport report(Set<String> only) {
        Set<String> remoteNames = new TreeSet<>();
        Set<String> shared = new TreeSet<>();
        for (Datasource datasource : client.datasources()) {
            (datasource.name().contains(".") ? shared : remoteNames).add(datasource.name());
        }
        for (Pipe pipe : client.pipes(false)) {
            remoteNames.add(pipe.name());
        }
        List<ResourceDiff> entries = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        for (Resource resource : project.resources()) {
            if (resource.vendor() || !(resource.isDatasource() || resource.isPipe())
                    || !only.isEmpty() && !only.contains(resource.name())) {
                continue;
            }
            if (remoteNames.contains(resource.remoteName())) {
                matched.add(resource.remoteName());
                entries.add(compare(resource));
            } else {
                entries.add(new ResourceDiff(resource.name(), ResourceDiff.Status.LOCAL_ONLY, List.of()));
            }
        }
        if (only.isEmpty()) {
            for (String name : remoteNames) {
                if (!matched.contains(name)) {
                    entries.add(new ResourceDiff(name, ResourceDiff.Status.REMOTE_ONLY, List.of()));
                }
            }
            shared.forEach(name -> entries.add(new ResourceDiff(name, ResourceDiff.Status.SHARED, List.of())));
        }
        return new DiffReport(entries);
    }

    /** The export in canonical form; one this parser cannot read is compared as its own normalised text. */
    private static List<String> remoteCanonical(String remoteName, String extension, String export) {
        RemoteDatafile remote = RemoteDatafile.parse(remoteName, extension, export);
        return remote.datafile().map(datafile -> CanonicalForm.of(datafile, remote.version(), Map.of()))
                .orElseGet(() -> CanonicalForm.normalizedBlock(export));
    }

    private String relative(Path file) {
        Path directory = project.directory();
        return file.startsWith(directory) ? directory.relativize(file).toString() : file.toString();
    }
}
