package org.tinybirdmaven.server.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;

/**
 * A consistent copy of what a workspace's queries can see, taken under the catalog lock so that compiling a query
 * never races with a pipe or datasource being changed (the records themselves are immutable).
 *
 * @param database    the workspace's ClickHouse database
 * @param datasources datasources by name
 * @param pipes       pipes by name
 */
public record WorkspaceView(String id, String database, Map<String, DatasourceRecord> datasources,
                            Map<String, PipeRecord> pipes) {

    public WorkspaceView {
        datasources = Map.copyOf(datasources);
        pipes = Map.copyOf(pipes);
    }

    public static WorkspaceView of(Catalog catalog, WorkspaceRecord workspace) {
        return catalog.read(state -> new WorkspaceView(workspace.id, workspace.database,
                workspace.datasources, workspace.pipes));
    }

    /** The same view with {@code pipe} added or replacing the pipe of that name (to compile a pipe being saved). */
    public WorkspaceView withPipe(PipeRecord pipe, String replacedName) {
        Map<String, PipeRecord> changed = new LinkedHashMap<>(pipes);
        if (replacedName != null) {
            changed.remove(replacedName);
        }
        changed.put(pipe.name(), pipe);
        return new WorkspaceView(id, database, datasources, changed);
    }

    /** The datasource named {@code nameOrId}, or else the one with that id. */
    public Optional<DatasourceRecord> datasource(String nameOrId) {
        DatasourceRecord byName = datasources.get(nameOrId);
        return byName != null ? Optional.of(byName)
                : datasources.values().stream().filter(ds -> ds.id().equals(nameOrId)).findFirst();
    }

    /** The pipe named {@code nameOrId}, or else the one with that id. */
    public Optional<PipeRecord> pipe(String nameOrId) {
        PipeRecord byName = pipes.get(nameOrId);
        return byName != null ? Optional.of(byName)
                : pipes.values().stream().filter(pipe -> pipe.id().equals(nameOrId)).findFirst();
    }
}
