package org.tinybirdmaven.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tinybirdmaven.datafile.Datafile;
import org.tinybirdmaven.datafile.DatafileParser;
import org.tinybirdmaven.datafile.DatasourceFile;
import org.tinybirdmaven.datafile.Diagnostic;
import org.tinybirdmaven.datafile.ParsedDatafile;
import org.tinybirdmaven.datafile.PipeFile;

/**
 * A Tinybird data project: its datafiles, the resources they define and the dependency graph between them, with
 * every problem found on the way (per file, and across files: duplicate names, cycles, missing dependencies).
 */
public final class Project {

    private final ProjectLayout layout;
    private final List<ParsedDatafile> files;
    private final List<Resource> resources;
    private final DependencyGraph graph;
    private final List<Diagnostic> projectDiagnostics;

    private Project(ProjectLayout layout, List<ParsedDatafile> files, List<Resource> resources,
                    List<Diagnostic> projectDiagnostics) {
        this.layout = layout;
        this.files = List.copyOf(files);
        this.resources = List.copyOf(resources);
        this.graph = new DependencyGraph(resources);
        List<Diagnostic> all = new ArrayList<>(projectDiagnostics);
        all.addAll(graphDiagnostics());
        this.projectDiagnostics = List.copyOf(all);
    }

    /**
     * Discovers and parses the project in {@code directory}.
     *
     * @param environment variables for {@code $VAR} substitution in datafiles and include paths
     */
    public static Project load(Path directory, Map<String, String> environment) {
        ProjectLayout layout = new ProjectLayout(directory);
        DatafileParser parser = new DatafileParser(environment);
        List<ParsedDatafile> files = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (Path file : layout.datafiles()) {
            ParsedDatafile parsed = parser.parse(file);
            files.add(parsed);
            parsed.valid().ifPresent(datafile -> resources.add(
                    new Resource(datafile.name(), datafile, DependencyScanner.scan(datafile, problems::add), false)));
        }
        for (Path file : layout.vendorDatasources()) {
            ParsedDatafile parsed = parser.parse(file);
            files.add(parsed);
            String workspace = layout.vendorWorkspace(file);
            parsed.valid().ifPresent(datafile -> resources.add(new Resource(workspace + "." + datafile.name(),
                    datafile, List.of(), true)));
        }
        return new Project(layout, files, withoutClashes(resources, problems), problems);
    }

    /**
     * Datasource and pipe names share one namespace per workspace, so a datasource and a pipe may not share a name
     * (an error). The same kind defined twice happens in real projects that keep a pipe in both {@code pipes/} and
     * {@code endpoints/}; Classic pushes both and the last one wins, we use the first in discovery order and warn.
     * Returns the resources that remain.
     */
    private static List<Resource> withoutClashes(List<Resource> resources, List<Diagnostic> problems) {
        List<Resource> kept = new ArrayList<>();
        Map<String, Resource> seen = new HashMap<>();
        for (Resource resource : resources) {
            Resource first = seen.putIfAbsent(resource.name(), resource);
            if (first == null) {
                kept.add(resource);
            } else if (first.datafile().getClass() == resource.datafile().getClass()) {
                problems.add(Diagnostic.warning(resource.datafile().location(), "'" + resource.name()
                        + "' is also defined in " + first.datafile().path() + "; that file is used and this one"
                        + " is ignored"));
            } else {
                problems.add(Diagnostic.error(resource.datafile().location(), "Top level object names must be"
                        + " unique: " + kindName(resource.datafile()) + " '" + resource.name() + "' cannot have the"
                        + " same name as the " + kindName(first.datafile()) + " in " + first.datafile().path()));
            }
        }
        return kept;
    }

    private static String kindName(Datafile datafile) {
        return datafile instanceof DatasourceFile ? "datasource" : datafile instanceof PipeFile ? "pipe" : "token";
    }

    private List<Diagnostic> graphDiagnostics() {
        List<Diagnostic> problems = new ArrayList<>();
        for (List<Resource> cycle : graph.cycles()) {
            String path = cycle.stream().map(Resource::name).collect(Collectors.joining(" -> "));
            problems.add(Diagnostic.error(cycle.get(0).datafile().location(), "Dependency cycle: " + path));
        }
        String searched = layout.searchedFolders().stream().map(Path::toString)
                .collect(Collectors.joining(", "));
        for (DependencyGraph.Missing missing : graph.missing()) {
            problems.add(Diagnostic.warning(missing.dependency().location(), "'" + missing.dependency().name()
                    + "' is not defined in this project (looked in " + searched + "); it must already exist in"
                    + " the workspace"));
        }
        return problems;
    }

    public Path directory() {
        return layout.directory();
    }

    public ProjectLayout layout() {
        return layout;
    }

    /** Every datafile found, valid or not, in discovery order. */
    public List<ParsedDatafile> files() {
        return files;
    }

    /** The resources of the valid datafiles. */
    public List<Resource> resources() {
        return resources;
    }

    public Optional<Resource> resource(String name) {
        return resources.stream().filter(resource -> resource.name().equals(name)).findFirst();
    }

    /** {@code name → name__vN} for every versioned resource: the references a push rewrites. */
    public Map<String, String> versionedNames() {
        Map<String, String> renames = new java.util.LinkedHashMap<>();
        for (Resource resource : resources) {
            if (resource.datafile().version() != null) {
                renames.put(resource.name(), resource.remoteName());
            }
        }
        return renames;
    }

    public DependencyGraph graph() {
        return graph;
    }

    /** Every problem, from the files and from the project as a whole, sorted by file and position. */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> all = new ArrayList<>();
        files.forEach(file -> all.addAll(file.diagnostics()));
        all.addAll(projectDiagnostics);
        all.sort(Diagnostic.BY_POSITION);
        return all;
    }

    public boolean hasErrors() {
        return diagnostics().stream().anyMatch(Diagnostic::isError);
    }
}
