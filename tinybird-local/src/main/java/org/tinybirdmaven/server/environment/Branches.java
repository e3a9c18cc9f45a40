package org.tinybirdmaven.server.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.catalog.TokenRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.datasource.Datasources;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.job.Job;
import org.tinybirdmaven.server.job.Jobs;
import org.tinybirdmaven.server.pipe.PipeService;
import org.tinybirdmaven.server.workspace.Names;
import org.tinybirdmaven.server.workspace.Workspaces;

/**
 * Creating branches of a main workspace and copying data into them.
 *
 * <p>A branch is created synchronously and is complete when the request returns: its own database with every
 * datasource table made by {@code CREATE TABLE branch.x AS main.x} (same columns, engine, keys, TTL and settings, also
 * after ALTERs that the catalog record may describe differently), the catalog records with the same ids (so
 * materialized nodes, token scopes and {@code materialized} references stay valid), every pipe with its materialized
 * views created in the branch database, and copies of the main workspace's own tokens (same names and scopes, new
 * secret values; the default tokens are the branch's own).
 *
 * <p>Data is copied by a {@code data_branch} job with {@code ALTER TABLE branch.x REPLACE PARTITION ID … FROM
 * main.x}: parts are copied as they are, which does not fire materialized views, so the views can exist before the
 * copy, the targets of materialized views are copied as data, and nothing is materialized twice. Replacing (rather
 * than attaching) makes a repeated copy into the same branch idempotent. Quarantine tables get the schema only.
 */
final class Branches {

    /** What a branch gets of its main workspace's data. */
    enum DataMode {
        NONE, LAST_PARTITION, ALL_PARTITIONS;

        /** {@code last_partition}, {@code all_partitions}, or empty/absent for no data; 400 otherwise. */
        static DataMode parse(String text, String parameter, boolean emptyAllowed) {
            if (text == null || text.isBlank()) {
                if (emptyAllowed) {
                    return NONE;
                }
                throw ApiException.badRequest("The '" + parameter + "' parameter must be last_partition or"
                        + " all_partitions");
            }
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "last_partition" -> LAST_PARTITION;
                case "all_partitions" -> ALL_PARTITIONS;
                default -> throw ApiException.badRequest("Invalid value '" + text + "' for '" + parameter
                        + "', use last_partition or all_partitions" + (emptyAllowed ? " (or nothing for no data)"
                        : ""));
            };
        }
    }

    private final Catalog catalog;
    private final ClickHouse clickHouse;
    private final Workspaces workspaces;
    private final Jobs jobs;
    private final PipeService pipes;

    Branches(LocalServer.Services services) {
        this.catalog = services.catalog();
        this.clickHouse = services.clickHouse();
        this.workspaces = services.workspaces();
        this.jobs = services.jobs();
        this.pipes = new PipeService(services);
    }

    /**
     * Creates the branch {@code name} of {@code main} with its schemas, pipes and tokens, and queues the job that
     * copies {@code data} (a job that copies nothing when no data is asked for).
     */
    Created create(WorkspaceRecord main, String name, DataMode data, Set<String> ignoredDatasources) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("The 'name' parameter must be provided");
        }
        String problem = Names.problem(name);
        if (problem != null) {
            throw ApiException.badRequest("Branch name is not valid, reason: " + problem);
        }
        if (catalog.read(state -> state.workspace(name).isPresent())) {
            throw ApiException.badRequest("The name '" + name + "' is already being used in Workspace " + main.name
                    + ", please select another name as Branch names should be unique.");
        }
        WorkspaceRecord branch = workspaces.create(name, main.id);
        try {
            copySchemas(main, branch);
            copyPipes(main, branch);
            copyTokens(main, branch);
        } catch (RuntimeException e) {
            // A half-made branch would be listed and used; it is removed with its database instead.
            workspaces.delete(branch);
            throw e;
        }
        return new Created(branch, copyData(main.id, main, branch, data, ignoredDatasources));
    }

    /** A new branch and its data job. */
    record Created(WorkspaceRecord branch, Job job) {}

    private void copySchemas(WorkspaceRecord main, WorkspaceRecord branch) {
        List<DatasourceRecord> datasources = catalog.read(state -> List.copyOf(main.datasources.values()));
        Set<String> mainTables = tables(main.database);
        for (DatasourceRecord datasource : datasources) {
            copyTable(main, branch, datasource.name());
            String quarantine = Datasources.quarantineTable(datasource.name());
            if (mainTables.contains(quarantine)) {
                copyTable(main, branch, quarantine);
            }
            catalog.write(state -> branch.datasources.put(datasource.name(), datasource));
        }
    }

    private void copyTable(WorkspaceRecord main, WorkspaceRecord branch, String table) {
        try {
            clickHouse.execute("CREATE TABLE " + ClickHouse.table(branch.database, table) + " AS "
                    + ClickHouse.table(main.database, table));
        } catch (ChdbException e) {
            throw new ApiException(500, "Cannot create the table of Data Source '" + table + "' in the Branch: "
                    + e.getMessage());
        }
    }

    /**
     * Every pipe is recorded first, so that pipes reading other pipes compile; then the pipes with a materialized
     * node are saved again, which creates their views in the branch database.
     */
    private void copyPipes(WorkspaceRecord main, WorkspaceRecord branch) {
        List<PipeRecord> all = catalog.read(state -> List.copyOf(main.pipes.values()));
        catalog.write(state -> {
            all.forEach(pipe -> branch.pipes.put(pipe.name(), pipe));
            return null;
        });
        for (PipeRecord pipe : all) {
            if (pipe.nodes().stream().anyMatch(node -> node.nodeType().equals("materialized"))) {
                pipes.copyInto(branch, pipe);
            }
        }
    }

    /** The main workspace's own tokens (those the branch does not have by name): same scopes, new values. */
    private void copyTokens(WorkspaceRecord main, WorkspaceRecord branch) {
        catalog.write(state -> {
            for (TokenRecord token : List.copyOf(main.tokens)) {
                if (branch.tokenByNameOrId(token.name()).isEmpty()) {
                    branch.tokens.add(new TokenRecord(Ids.uuid(), token.name(), Ids.tokenValue(),
                            token.description(), token.scopes(), token.origin()));
                }
            }
            return null;
        });
    }

    /**
     * Queues the {@code data_branch} job that copies {@code mode}'s partitions of every datasource both workspaces
     * have (except {@code ignored}) from main into the branch. The job belongs to {@code owner}, the workspace of the
     * caller that waits for it.
     */
    Job copyData(String owner, WorkspaceRecord main, WorkspaceRecord branch, DataMode mode, Set<String> ignored) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("branch_workspace", Map.of("id", branch.id, "name", branch.name));
        details.put("mode", mode.name().toLowerCase(Locale.ROOT));
        return jobs.submit("data_branch", owner, details, job -> {
            List<Map<String, Object>> summary = new ArrayList<>();
            if (mode != DataMode.NONE) {
                List<DatasourceRecord> datasources = catalog.read(state -> branch.datasources.values().stream()
                        .filter(ds -> main.datasources.containsKey(ds.name()) && !ignored.contains(ds.name()))
                        .toList());
                for (DatasourceRecord datasource : datasources) {
                    if (job.cancelRequested()) {
                        break;
                    }
                    summary.add(copyPartitions(main, branch, datasource, mode));
                }
            }
            return Map.of("partitions", summary);
        });
    }

    /**
     * Copies a datasource's partitions, each reported as {@code done} or {@code error} with the error. The last
     * partition is the greatest partition id, compared as numbers where they are numbers: the ids of the usual
     * time-based keys ({@code toYYYYMM(d)}, {@code toDate(ts)}, {@code toYear(d)}) are their numeric values, so this is
     * the most recent period. Insertion or merge times are not used: a background merge of an old partition would make
     * it look the most recent.
     */
    private Map<String, Object> copyPartitions(WorkspaceRecord main, WorkspaceRecord branch,
                                               DatasourceRecord datasource, DataMode mode) {
        String rows = clickHouse.query("SELECT partition_id, any(partition) FROM system.parts WHERE database = "
                + ClickHouse.string(main.database) + " AND table = " + ClickHouse.string(datasource.name())
                + " AND active GROUP BY partition_id ORDER BY length(partition_id), partition_id", "TSVRaw").text();
        List<String[]> partitions = new ArrayList<>();
        for (String line : rows.split("\n")) {
            if (!line.isEmpty()) {
                partitions.add(line.split("\t", 2));
            }
        }
        if (mode == DataMode.LAST_PARTITION && partitions.size() > 1) {
            partitions = List.<String[]>of(partitions.get(partitions.size() - 1));
        }
        List<Map<String, Object>> copied = new ArrayList<>();
        for (String[] partition : partitions) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("partition", partition[1]);
            try {
                clickHouse.execute("ALTER TABLE " + ClickHouse.table(branch.database, datasource.name())
                        + " REPLACE PARTITION ID " + ClickHouse.string(partition[0]) + " FROM "
                        + ClickHouse.table(main.database, datasource.name()));
                entry.put("status", "done");
            } catch (ChdbException e) {
                entry.put("status", "error");
                entry.put("error", e.getMessage());
            }
            copied.add(entry);
        }
        return Map.of("datasource", Map.of("id", datasource.id(), "name", datasource.name()),
                "partitions", copied);
    }

    private Set<String> tables(String database) {
        String names = clickHouse.query("SELECT name FROM system.tables WHERE database = "
                + ClickHouse.string(database), "TSVRaw").text();
        Set<String> tables = new LinkedHashSet<>();
        for (String name : names.split("\n")) {
            if (!name.isEmpty()) {
                tables.add(name);
            }
        }
        return tables;
    }
}
