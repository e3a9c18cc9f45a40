package org.tinybirdmaven.project;

import java.util.List;
import org.tinybirdmaven.datafile.Datafile;
import org.tinybirdmaven.datafile.DatasourceFile;
import org.tinybirdmaven.datafile.PipeFile;

/**
 * A datasource, pipe or token defined by a datafile of the project.
 *
 * @param name         the name SQL uses to refer to it ({@code workspace.name} for vendor datasources)
 * @param dependencies the other resources it needs, in order of appearance, without duplicates
 */
public record Resource(String name, Datafile datafile, List<Dependency> dependencies, boolean vendor) {

    public Resource {
        dependencies = List.copyOf(dependencies);
    }

    /** The name in the workspace: {@code name__vN} for versioned resources. */
    public String remoteName() {
        return datafile.version() == null ? name : name + "__v" + datafile.version();
    }

    public boolean isDatasource() {
        return datafile instanceof DatasourceFile;
    }

    public boolean isPipe() {
        return datafile instanceof PipeFile;
    }

}
