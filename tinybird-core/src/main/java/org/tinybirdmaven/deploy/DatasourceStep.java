package org.tinybirdmaven.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.tinybirdmaven.client.AlterResult;
import org.tinybirdmaven.datafile.DatasourceFile;
import org.tinybirdmaven.datafile.TokenGrant;
import org.tinybirdmaven.deploy.ResourceResult.Outcome;
import org.tinybirdmaven.diff.RemoteDatafile;
import org.tinybirdmaven.output.Output;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.Engine;
import org.tinybirdmaven.schema.Index;

/**
 * Pushes one datasource ({@code new_ds}, §11.6): creates it, or with {@code force} alters it in place. Tinybird can
 * alter only the description, columns added at the end of the schema, the TTL and the indexes; anything else
 * (another engine or sorting key, removed, renamed or retyped columns) would mean deleting the datasource and its
 * rows, which a push never does: it fails naming the datasource and what would be lost.
 */
final class DatasourceStep {

    private final PushContext context;
    private final DatasourceFile datasource;
    private final String remoteName;
    private final Output out;

    DatasourceStep(PushContext context, DatasourceFile datasource, Output out) {
        this.context = context;
        this.datasource = datasource;
        this.remoteName = datasource.remoteName();
        this.out = out;
    }

    Outcome create() {
        context.client().createDatasource(ResourceRequests.datasourceParameters(datasource, context.renames()));
        grantTokens();
        out.info("** '" + remoteName + "' created");
        return Outcome.CREATED;
    }

    /** {@code force} on an existing datasource. */
    Outcome update() {
        Change change = change();
        if (!change.any()) {
            grantTokens();
            out.info("** Data Source '" + remoteName + "' has not changed");
            return Outcome.UNCHANGED;
        }
        change.print(out);
        context.client().alterDatasource(remoteName, change.parameters(), false);
        out.info("** The Data Source has been correctly updated.");
        grantTokens();
        return Outcome.ALTERED;
    }

    /** What {@link #update} would do, printed without changing anything (the alter is only asked for dry). */
    void planUpdate() {
        Change change = change();
        if (change.any()) {
            change.print(out);
        } else {
            out.info("** [DRY RUN] Data Source '" + remoteName + "' has not changed");
        }
    }

    /** Applies the datafile's TOKEN lines (also to repair a datasource a failed push left without them). */
    void grantTokens() {
        for (TokenGrant grant : datasource.tokens()) {
            String permission = grant.permission().toUpperCase(Locale.ROOT);
            String scope = permission.equals("CREATE") ? "DATASOURCES:CREATE"
                    : "DATASOURCES:" + permission + ":" + remoteName;
            context.tokens().grant(grant.tokenName(), scope, "DS", remoteName, out);
        }
    }

    private record Change(List<String> operations, boolean descriptionChanged, Map<String, String> parameters) {

        boolean any() {
            return !operations.isEmpty() || descriptionChanged;
        }

        void print(Output out) {
            out.info("** The description or schema of '" + parameters.get("name") + "' has changed.");
            operations.forEach(operation -> out.info("**   -  " + operation));
        }
    }

    private Change change() {
        RemoteDatafile export = RemoteDatafile.parse(remoteName, ".datasource",
                context.client().datasourceFile(remoteName));
        DatasourceFile remote = export.datafile().filter(DatasourceFile.class::isInstance)
                .map(DatasourceFile.class::cast).orElseThrow(() -> new StepFailure("The definition Tinybird has"
                        + " for datasource '" + remoteName + "' cannot be read, so it cannot be compared with "
                        + context.relative(datasource.path()) + ":\n" + export.text()));
        List<String> destructive = destructiveChanges(remote);
        if (!destructive.isEmpty()) {
            throw new StepFailure("Datasource '" + remoteName + "' cannot be updated in place: "
                    + String.join("; ", destructive) + ". Tinybird alters only the description, columns added at"
                    + " the end of the schema, the TTL and the indexes; this change would need the datasource"
                    + " deleted and created again, losing its " + rows() + ", which a push never does. Push it"
                    + " under a new VERSION, or delete it yourself first");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("name", remoteName);
        parameters.put("schema", ResourceRequests.datasourceParameters(datasource, context.renames()).get("schema"));
        String localTtl = ttl(datasource);
        String remoteTtl = ttl(remote);
        if (localTtl != null) {
            parameters.put("ttl", localTtl);
        } else if (remoteTtl != null) {
            parameters.put("ttl", "false");
        }
        if (!datasource.indexes().isEmpty() || !remote.indexes().isEmpty()) {
            parameters.put("indexes", datasource.indexes().isEmpty() ? "0"
                    : String.join("\n", datasource.indexes().stream().map(Index::toSql).toList()));
        }
        boolean descriptionChanged = !normalized(datasource.description()).equals(normalized(remote.description()));
        if (descriptionChanged) {
            parameters.put("description", datasource.description() == null ? "" : datasource.description());
        }
        AlterResult dry = context.client().alterDatasource(remoteName, parameters, true);
        return new Change(dry.operations(), descriptionChanged, parameters);
    }

    private List<String> destructiveChanges(DatasourceFile remote) {
        List<String> changes = new ArrayList<>();
        Engine local = datasource.engine();
        Engine current = remote.engine();
        if (local != null && current != null) {
            if (!local.name().equals(current.name())) {
                changes.add("its engine would change from " + current.name() + " to " + local.name());
            }
            Map<String, String> localSettings = withoutTtl(local.settings());
            Map<String, String> currentSettings = withoutTtl(current.settings());
            for (String key : union(localSettings, currentSettings)) {
                if (!Objects.equals(localSettings.get(key), currentSettings.get(key))) {
                    changes.add("ENGINE_" + key.toUpperCase(Locale.ROOT) + " would change from "
                            + describe(currentSettings.get(key)) + " to " + describe(localSettings.get(key)));
                }
            }
        }
        List<Column> was = remote.columns();
        List<Column> is = datasource.columns();
        for (int i = 0; i < was.size(); i++) {
            Column column = was.get(i);
            Column now = is.stream().filter(c -> c.name().equals(column.name())).findFirst().orElse(null);
            if (now == null) {
                changes.add("column `" + column.name() + "` would be dropped with its data");
            } else if (!Objects.equals(column.fullType(), now.fullType())
                    || !Objects.equals(column.defaultValue(), now.defaultValue())
                    || !Objects.equals(column.codec(), now.codec())) {
                changes.add("column `" + column.name() + "` would change from " + definition(column) + " to "
                        + definition(now));
            } else if (i >= is.size() || !is.get(i).name().equals(column.name())) {
                changes.add("column `" + column.name() + "` would move to another position");
            }
        }
        return changes;
    }

    private String rows() {
        try {
            long rows = context.client().datasource(remoteName)
                    .map(ds -> ds.raw().path("statistics").path("row_count").asLong(-1)).orElse(-1L);
            return rows < 0 ? "rows" : rows + (rows == 1 ? " row" : " rows");
        } catch (RuntimeException e) {
            return "rows";
        }
    }

    private static String ttl(DatasourceFile file) {
        return file.engine() == null ? null : file.engine().settings().get("ttl");
    }

    private static Map<String, String> withoutTtl(Map<String, String> settings) {
        Map<String, String> copy = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (!key.equals("ttl")) {
                copy.put(key, value.strip().replaceAll("\\s+", " "));
            }
        });
        return copy;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(key -> !a.containsKey(key)).forEach(keys::add);
        return keys;
    }

    private static String describe(String value) {
        return value == null ? "nothing" : "\"" + value + "\"";
    }

    private static String definition(Column column) {
        return column.toSql().replaceFirst(" `json:[^`]*`", "");
    }

    private static String normalized(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
