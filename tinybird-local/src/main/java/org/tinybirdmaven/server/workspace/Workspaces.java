package org.tinybirdmaven.server.workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.CatalogState;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.catalog.TokenRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;

/** Creating and deleting workspaces: catalog entry, default tokens and the ClickHouse database. */
public final class Workspaces {

    /** Tinybird Local's default workspace. */
    public static final String DEFAULT_WORKSPACE = "Tinybird_Local_Testing";

    private final Catalog catalog;
    private final ClickHouse clickHouse;

    public Workspaces(Catalog catalog, ClickHouse clickHouse) {
        this.catalog = catalog;
        this.clickHouse = clickHouse;
    }

    /**
     * Makes sure the local user and the default workspace exist. Fixed token values may be given (as Tinybird
     * Local's {@code TB_LOCAL_USER_TOKEN}/{@code TB_LOCAL_WORKSPACE_TOKEN}); otherwise random ones are made once
     * and kept in the catalog.
     */
    public void bootstrap(String userToken, String workspaceToken) {
        catalog.write(state -> {
            if (state.user.id == null) {
                state.user.id = Ids.uuid();
                state.user.email = "local@tinybird.local";
                state.user.token = Ids.tokenValue();
            }
            if (userToken != null) {
                state.user.token = userToken;
            }
            return null;
        });
        if (catalog.read(state -> state.workspace(DEFAULT_WORKSPACE)).isEmpty()) {
            create(DEFAULT_WORKSPACE, null);
        }
        if (workspaceToken != null) {
            catalog.write(state -> {
                WorkspaceRecord workspace = state.workspace(DEFAULT_WORKSPACE).orElseThrow();
                TokenRecord admin = workspace.adminToken();
                workspace.tokens.set(workspace.tokens.indexOf(admin), admin.withToken(workspaceToken));
                return null;
            });
        }
        for (WorkspaceRecord workspace : catalog.read(state -> List.copyOf(state.workspaces))) {
            createDatabase(workspace.database);
        }
    }

    /** Creates a workspace (or, with {@code mainId}, a branch) with its default tokens; 400 on a bad or taken name. */
    public WorkspaceRecord create(String name, String mainId) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("Workspace name must be provided (name=my_workspace)");
        }
        String problem = Names.problem(name);
        if (problem != null) {
            throw ApiException.badRequest("Workspace name is not valid, reason: " + problem);
        }
        WorkspaceRecord workspace = catalog.write(state -> {
            if (state.workspace(name).isPresent()) {
                throw ApiException.badRequest("The name '" + name + "' is already being used, please select another"
                        + " name as Workspace names should be unique.");
            }
            WorkspaceRecord created = new WorkspaceRecord();
            created.id = Ids.uuid();
            created.name = name;
            created.database = "ws_" + created.id.replace("-", "");
            created.createdAt = Ids.now();
            created.mainId = mainId;
            created.tokens.addAll(defaultTokens(state));
            state.workspaces.add(created);
            return created;
        });
        createDatabase(workspace.database);
        return workspace;
    }

    private static List<TokenRecord> defaultTokens(CatalogState state) {
        List<TokenRecord> tokens = new ArrayList<>();
        tokens.add(new TokenRecord(Ids.uuid(), "admin token", Ids.tokenValue(), "", List.of(new Scope(Scope.ADMIN,
                null, null)), "C"));
        tokens.add(new TokenRecord(Ids.uuid(), "admin " + state.user.email, Ids.tokenValue(), "",
                List.of(new Scope(Scope.ADMIN_USER, state.user.id, null)), "C"));
        tokens.add(new TokenRecord(Ids.uuid(), "create datasource token", Ids.tokenValue(), "",
                List.of(new Scope(Scope.DATASOURCES_CREATE, null, null)), "C"));
        return tokens;
    }

    /** Removes a workspace, its branches, and their databases. */
    public void delete(WorkspaceRecord workspace) {
        List<WorkspaceRecord> removed = catalog.write(state -> {
            List<WorkspaceRecord> gone = new ArrayList<>();
            state.workspaces.removeIf(ws -> {
                boolean match = ws.id.equals(workspace.id) || workspace.id.equals(ws.mainId);
                if (match) {
                    gone.add(ws);
                }
                return match;
            });
            return gone;
        });
        for (WorkspaceRecord ws : removed) {
            try {
                // Never DROP … SYNC: it does not return in this chDB build.
                clickHouse.execute("DROP DATABASE IF EXISTS " + ClickHouse.identifier(ws.database));
            } catch (ChdbException e) {
                throw new ApiException(500, "Workspace '" + ws.name + "' was removed but its database could not be"
                        + " dropped: " + e.getMessage());
            }
        }
    }

    private void createDatabase(String database) {
        try {
            clickHouse.execute("CREATE DATABASE IF NOT EXISTS " + ClickHouse.identifier(database));
        } catch (ChdbException e) {
            throw new ApiException(500, "Cannot create database " + database + ": " + e.getMessage());
        }
    }

    /** A workspace as listed by {@code /v0/user/workspaces}, with its admin token when asked for. */
    public static Map<String, Object> entry(WorkspaceRecord workspace, CatalogState state, boolean withToken) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", workspace.id);
        json.put("name", workspace.name);
        if (withToken) {
            json.put("token", workspace.adminToken().token());
        }
        json.put("role", "admin");
        json.put("plan", "dev");
        json.put("is_branch", workspace.isBranch());
        json.put("main", workspace.mainId);
        json.put("owner", state.user.id);
        json.put("members", List.of(Map.of("id", state.user.id, "email", state.user.email, "role", "admin")));
        json.put("created_at", workspace.createdAt);
        json.put("release", workspace.releaseCommit == null ? null : Map.of("commit", workspace.releaseCommit,
                "semver", "0.0.0"));
        return json;
    }
}
