package org.tinybirdmaven.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.TestServer;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;

/**
 * Workspaces, tokens and datasources for the pipe and query tests. Datasources are made directly (a ClickHouse table
 * in the workspace database plus its catalog record), independently of the Data Sources API. Names carry a counter
 * because every test class shares one server.
 */
public final class QueryFixtures {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A workspace and its admin token. */
    public record Workspace(String name, String token) {

        public WorkspaceRecord record() {
            return server().services().catalog().read(state -> state.workspace(name).orElseThrow());
        }

        public String database() {
            return record().database;
        }

        /** Creates a MergeTree datasource with {@code columns} ({@code "d Date, n UInt32"}). */
        public String datasource(String name, String columns) {
            WorkspaceRecord workspace = record();
            sql("CREATE TABLE " + ClickHouse.table(workspace.database, name) + " (" + columns
                    + ") ENGINE = MergeTree ORDER BY tuple()");
            String now = Ids.now();
            server().services().catalog().write(state -> workspace.datasources.put(name, new DatasourceRecord(
                    Ids.resourceId(), name, "", columns, "csv", "MergeTree", Map.of(), "", Map.of(), List.of(), now,
                    now)));
            return name;
        }

        /** {@code INSERT INTO <datasource> VALUES <values>}. */
        public void insert(String datasource, String values) {
            sql("INSERT INTO " + ClickHouse.table(database(), datasource) + " VALUES " + values);
        }

        /** A token of this workspace with {@code scopes}; returns its value. */
        public String token(String... scopes) {
            StringBuilder path = new StringBuilder("/v0/tokens?name=t" + COUNTER.incrementAndGet());
            for (String scope : scopes) {
                path.append("&scope=").append(TestServer.encode(scope));
            }
            TestServer.Response created = TestServer.post(path.toString(), token);
            if (created.status() != 200) {
                throw new AssertionError("token not created: " + created.body());
            }
            return created.json().get("token").asText();
        }
    }

    private QueryFixtures() {}

    public static LocalServer server() {
        return TestServer.get();
    }

    /** A name no other test uses. */
    public static String unique(String prefix) {
        return prefix + "_" + COUNTER.incrementAndGet();
    }

    /** The default workspace. */
    public static Workspace defaultWorkspace() {
        return new Workspace("Tinybird_Local_Testing",
                TestServer.localTokens().get("workspace_admin_token").asText());
    }

    /** A new workspace. */
    public static Workspace newWorkspace() {
        String userToken = TestServer.localTokens().get("user_token").asText();
        String name = unique("ws");
        TestServer.Response created = TestServer.post("/v0/workspaces?name=" + name, userToken);
        if (created.status() != 200) {
            throw new AssertionError("workspace not created: " + created.body());
        }
        for (JsonNode workspace : TestServer.get("/v0/user/workspaces", userToken).json().get("workspaces")) {
            if (workspace.get("name").asText().equals(name)) {
                return new Workspace(name, workspace.get("token").asText());
            }
        }
        throw new AssertionError(name + " not listed");
    }

    public static void sql(String statement) {
        server().services().clickHouse().execute(statement);
    }
}
