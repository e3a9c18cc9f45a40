package org.tinybirdmaven.server.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workspace (or an Environment/branch, when {@code mainId} is set): its own ClickHouse database, tokens,
 * datasources and pipes. Mutable state guarded by the {@link Catalog} lock.
 */
public final class WorkspaceRecord {

    public String id;
    public String name;
    /** The ClickHouse database that holds the workspace's tables. */
    public String database;
    public String createdAt;
    /** The main workspace's id for a branch, null for a main workspace. */
    public String mainId;
    public String releaseCommit;
    public List<TokenRecord> tokens = new ArrayList<>();
    public Map<String, DatasourceRecord> datasources = new LinkedHashMap<>();
    public Map<String, PipeRecord> pipes = new LinkedHashMap<>();

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isBranch() {
        return mainId != null;
    }

    public Optional<TokenRecord> tokenByValue(String value) {
        return tokens.stream().filter(token -> token.token().equals(value)).findFirst();
    }

    public Optional<TokenRecord> tokenByNameOrId(String nameOrId) {
        return tokens.stream().filter(token -> token.name().equals(nameOrId) || token.id().equals(nameOrId))
                .findFirst();
    }

    /** The token named "admin token" that every workspace has. */
    public TokenRecord adminToken() {
        return tokens.stream().filter(token -> token.scopes().stream().anyMatch(s -> s.type().equals(Scope.ADMIN)))
                .findFirst().orElseThrow(() -> new IllegalStateException("workspace " + name + " has no admin token"));
    }

    public Optional<DatasourceRecord> datasource(String nameOrId) {
        DatasourceRecord byName = datasources.get(nameOrId);
        if (byName != null) {
            return Optional.of(byName);
        }
        return datasources.values().stream().filter(ds -> ds.id().equals(nameOrId)).findFirst();
    }

    public Optional<PipeRecord> pipe(String nameOrId) {
        PipeRecord byName = pipes.get(nameOrId);
        if (byName != null) {
            return Optional.of(byName);
        }
        return pipes.values().stream().filter(pipe -> pipe.id().equals(nameOrId)).findFirst();
    }
}
