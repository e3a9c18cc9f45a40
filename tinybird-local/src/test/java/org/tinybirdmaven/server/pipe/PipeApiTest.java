package org.tinybirdmaven.server.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.server.TestServer.delete;
import static org.tinybirdmaven.server.TestServer.encode;
import static org.tinybirdmaven.server.TestServer.get;
import static org.tinybirdmaven.server.TestServer.post;
import static org.tinybirdmaven.server.TestServer.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.datafile.DatafileParser;
import org.tinybirdmaven.datafile.Node;
import org.tinybirdmaven.datafile.NodeType;
import org.tinybirdmaven.datafile.ParsedDatafile;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.server.TestServer;
import org.tinybirdmaven.server.query.QueryFixtures;

/** The Pipes API over real HTTP: creation as the CLI sends it, overrides, validation texts, reads, deletes, nodes. */
class PipeApiTest {

    private static QueryFixtures.Workspace ws;

    @BeforeAll
    static void data() {
        ws = QueryFixtures.newWorkspace();
        ws.datasource("events", "d Date, kind String, n UInt32");
        ws.insert("events", "('2024-01-01', 'click', 1), ('2024-01-02', 'view', 2)");
    }

    /** {@code POST /v0/pipes} with the CLI's JSON body. */
    static TestServer.Response createPipe(String token, String query, String body) {
        return send("POST", "/v0/pipes" + query, token, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static String node(String name, String sql, String type) {
        return "{\"name\": \"" + name + "\", \"sql\": " + json(sql) + ", \"description\": null, \"type\": \""
                + type + "\"}";
    }

    static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String pipeBody(String name, String... nodes) {
        return "{\"name\": \"" + name + "\", \"description\": \"about " + name + "\", \"nodes\": ["
                + String.join(", ", nodes) + "]}";
    }

    private static String error(TestServer.Response response) {
        return response.json().get("error").asText();
    }

    @Test
    void theCliBodyCreatesAPipeWithTinybirdsJson() {
        String name = QueryFixtures.unique("top_kinds");
        TestServer.Response created = createPipe(ws.token(), "?cli_version=5.0.0", pipeBody(name,
                node("filtered", "SELECT * FROM events WHERE n > 0", "standard"),
                node("endpoint", "%\nSELECT kind, count() AS c FROM filtered"
                        + " WHERE n >= {{Int32(min_n, 1, description=\"minimum\")}} GROUP BY kind", "endpoint")));
        assertThat(created.status()).isEqualTo(200);
        JsonNode pipe = created.json();
        assertThat(pipe.fieldNames()).toIterable().containsExactly("id", "name", "description", "type", "endpoint",
                "created_at", "updated_at", "parent", "copy_node", "copy_target_datasource",
                "copy_target_workspace", "schedule", "nodes", "url");
        assertThat(pipe.get("id").asText()).startsWith("t_");
        assertThat(pipe.get("name").asText()).isEqualTo(name);
        assertThat(pipe.get("description").asText()).isEqualTo("about " + name);
        assertThat(pipe.get("type").asText()).isEqualTo("endpoint");
        assertThat(pipe.get("endpoint").asText()).isEqualTo(pipe.get("nodes").get(1).get("id").asText());
        assertThat(pipe.get("url").asText()).isEqualTo(QueryFixtures.server().baseUrl() + "/v0/pipes/" + name
                + ".json");
        JsonNode first = pipe.get("nodes").get(0);
        assertThat(first.get("name").asText()).isEqualTo("filtered");
        assertThat(first.get("node_type").asText()).isEqualTo("standard");
        assertThat(first.get("dependencies").toString()).isEqualTo("[\"events\"]");
        assertThat(first.get("materialized").isNull()).isTrue();
        assertThat(first.get("params").toString()).isEqualTo("[]");
        JsonNode second = pipe.get("nodes").get(1);
        assertThat(second.get("node_type").asText()).isEqualTo("endpoint");
        assertThat(second.get("dependencies").toString()).isEqualTo("[\"filtered\"]");
        assertThat(second.get("params").toString()).isEqualTo(
                "[{\"name\":\"min_n\",\"type\":\"Int32\",\"default\":1,\"description\":\"minimum\"}]");
    }

    @Test
    void anExistingNameIs409WithoutForceAndOverriddenWithIt() {
        String name = QueryFixtures.unique("overridden");
        String id = createPipe(ws.token(), "", pipeBody(name, node("n", "SELECT 1 AS one", "endpoint")))
                .json().get("id").asText();
        TestServer.Response again = createPipe(ws.token(), "", pipeBody(name, node("n", "SELECT 2", "endpoint")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(error(again)).isEqualTo("There is already a Pipe with name \"" + name + "\". Pipe names must be"
                + " globally unique");
        TestServer.Response forced = createPipe(ws.token(), "?force=true", pipeBody(name,
                node("m", "SELECT 2 AS two", "endpoint")));
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.json().get("id").asText()).isEqualTo(id);
        assertThat(forced.json().get("nodes").get(0).get("name").asText()).isEqualTo("m");
        assertThat(get("/v0/pipes/" + name + ".json", ws.token()).json().get("data").toString())
                .isEqualTo("[{\"two\":2}]");

        TestServer.Response datasourceName = createPipe(ws.token(), "?force=true", pipeBody("events",
                node("n", "SELECT 1", "standard")));
        assertThat(datasourceName.status()).isEqualTo(409);
        assertThat(error(datasourceName)).isEqualTo("There is already a Data Source with name \"events\". Pipe names"
                + " must be globally unique");
    }

    @Test
    void invalidPipesAreRejectedWithClearTexts() {
        TestServer.Response twoEndpoints = createPipe(ws.token(), "", pipeBody(QueryFixtures.unique("two"),
                node("a", "SELECT 1", "endpoint"), node("b", "SELECT 2", "endpoint")));
        assertThat(twoEndpoints.status()).isEqualTo(403);
        assertThat(error(twoEndpoints)).isEqualTo("There is more than one endpoint node. Pipes can only have one"
                + " output. Set only one node to be an endpoint node and try again.");
        TestServer.Response mixed = createPipe(ws.token(), "", pipeBody(QueryFixtures.unique("mixed"),
                node("a", "SELECT 1", "endpoint"),
                "{\"name\": \"b\", \"sql\": \"SELECT 1 AS x\", \"type\": \"copy\", \"target_datasource\": \"t\"}"));
        assertThat(mixed.status()).isEqualTo(403);
        assertThat(error(mixed)).startsWith("There is more than one output node.");

        TestServer.Response badNode = createPipe(ws.token(), "", pipeBody(QueryFixtures.unique("bad"),
                node("1st", "SELECT 1", "standard")));
        assertThat(badNode.status()).isEqualTo(400);
        assertThat(error(badNode)).isEqualTo("Invalid node name \"1st\". Name must start with a letter or an"
                + " underscore and contain only letters, numbers, and underscores.");
        TestServer.Response badName = createPipe(ws.token(), "", pipeBody("my-pipe", node("n", "SELECT 1", "")));
        assertThat(error(badName)).isEqualTo("Invalid pipe name \"my-pipe\". Name must start with a letter and"
                + " contain only letters, numbers, and underscores.");
        TestServer.Response noName = createPipe(ws.token(), "", "{\"nodes\": []}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(error(noName)).isEqualTo("name is empty");
        TestServer.Response unknownType = createPipe(ws.token(), "", pipeBody(QueryFixtures.unique("sink"),
                node("n", "SELECT 1", "sink")));
        assertThat(error(unknownType)).isEqualTo("Node 'n' has type 'sink'; this server supports the node types"
                + " standard, endpoint, materialized and copy");

        String name = QueryFixtures.unique("broken_sql");
        TestServer.Response unknownTable = createPipe(ws.token(), "", pipeBody(name,
                node("n0", "SELECT * FROM events", "standard"), node("n1", "SELECT * FROM nowhere", "endpoint")));
        assertThat(unknownTable.status()).isEqualTo(400);
        assertThat(error(unknownTable)).isEqualTo("Resource 'nowhere' not found (in node 'n1' from pipe '" + name
                + "')");
        TestServer.Response unknownColumn = createPipe(ws.token(), "", pipeBody(name,
                node("n0", "SELECT nope FROM events", "endpoint")));
        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(error(unknownColumn)).startsWith("[Error] Unknown expression identifier `nope`")
                .endsWith(" (in node 'n0' from pipe '" + name + "')").doesNotContain(ws.database());
        TestServer.Response templateError = createPipe(ws.token(), "", pipeBody(name,
                node("n0", "%\nSELECT {{ format }}", "endpoint")));
        assertThat(templateError.status()).isEqualTo(400);
        assertThat(error(templateError)).startsWith("Syntax error: ").endsWith(", line 2 (in node 'n0' from pipe '"
                + name + "')");
        TestServer.Response unclosed = createPipe(ws.token(), "", pipeBody(name,
                node("n0", "%\nSELECT 1 {% if defined(x) %} WHERE 1", "endpoint")));
        assertThat(error(unclosed)).isEqualTo("Syntax error: Missing {% end %} block for if at line 2 (in node 'n0'"
                + " from pipe '" + name + "')");
        assertThat(get("/v0/pipes/" + name, ws.token()).status()).as("nothing was saved").isEqualTo(404);
        TestServer.Response ignored = createPipe(ws.token(), "?ignore_sql_errors=true", pipeBody(name,
                node("n0", "SELECT nope FROM events", "endpoint")));
        assertThat(ignored.status()).isEqualTo(200);
    }

    @Test
    void theLegacyFormCreatesAOneNodePipe() {
        String name = QueryFixtures.unique("legacy");
        TestServer.Response created = post("/v0/pipes?name=" + name + "&sql=" + encode("SELECT count() AS c FROM"
                + " events"), ws.token());
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("type").asText()).isEqualTo("default");
        assertThat(created.json().get("nodes").get(0).get("name").asText()).isEqualTo(name + "_0");
        TestServer.Response published = post("/v0/pipes/" + name + "/nodes/" + name + "_0/endpoint", ws.token());
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("type").asText()).isEqualTo("endpoint");
        assertThat(get("/v0/pipes/" + name + ".json", ws.token()).json().get("data").toString())
                .isEqualTo("[{\"c\":2}]");
        TestServer.Response unpublished = delete("/v0/pipes/" + name + "/nodes/" + name + "_0/endpoint",
                ws.token());
        assertThat(unpublished.json().get("type").asText()).isEqualTo("default");
        assertThat(get("/v0/pipes/" + name + ".json", ws.token()).status()).isEqualTo(404);
    }

    @Test
    void pipesAreListedReadAndDeletedWithTinybirdsTexts() {
        String name = QueryFixtures.unique("listed");
        createPipe(ws.token(), "", pipeBody(name, node("n0", "SELECT * FROM events", "standard"),
                node("n1", "SELECT kind FROM n0", "endpoint")));
        JsonNode listed = find(get("/v0/pipes?dependencies=true", ws.token()).json().get("pipes"), name);
        assertThat(listed.get("nodes").get(1).get("dependencies").toString()).isEqualTo("[\"n0\"]");
        assertThat(listed.has("url")).isFalse();
        JsonNode withoutDependencies = find(get("/v0/pipes", ws.token()).json().get("pipes"), name);
        assertThat(withoutDependencies.get("nodes").get(1).get("dependencies").toString()).isEqualTo("[]");
        JsonNode attrs = find(get("/v0/pipes?attrs=name,nodes&node_attrs=name", ws.token()).json().get("pipes"),
                name);
        assertThat(attrs.toString()).isEqualTo("{\"name\":\"" + name + "\",\"nodes\":[{\"name\":\"n0\"},"
                + "{\"name\":\"n1\"}]}");

        TestServer.Response one = get("/v0/pipes/" + name, ws.token());
        assertThat(one.json().get("url").asText()).endsWith("/v0/pipes/" + name + ".json");
        assertThat(get("/v0/pipes/" + one.json().get("id").asText(), ws.token()).json().get("name").asText())
                .isEqualTo(name);
        TestServer.Response missing = get("/v0/pipes/nope_pipe", ws.token());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(error(missing)).isEqualTo("Pipe 'nope_pipe' not found");

        String stranger = ws.token("DATASOURCES:READ:events");
        TestServer.Response forbidden = get("/v0/pipes/" + name, stranger);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(error(forbidden)).isEqualTo("token has no READ scope for " + name);
        assertThat(get("/v0/pipes", stranger).json().get("pipes")).isEmpty();
        String reader = ws.token("PIPES:READ:" + name);
        assertThat(get("/v0/pipes/" + name, reader).status()).isEqualTo(200);
        assertThat(get("/v0/pipes", reader).json().get("pipes")).hasSize(1);

        TestServer.Response notDropped = delete("/v0/pipes/" + name, reader);
        assertThat(notDropped.status()).isEqualTo(403);
        assertThat(error(notDropped)).isEqualTo("user does not have permissions to drop pipes, set DROP scope");
        assertThat(createPipe(reader, "", pipeBody(QueryFixtures.unique("x"), node("n", "SELECT 1", "")))
                .json().get("error").asText()).isEqualTo("token needs scope PIPES:CREATE");
        TestServer.Response dropped = delete("/v0/pipes/" + name, ws.token("PIPES:DROP:" + name));
        assertThat(dropped.status()).isEqualTo(204);
        assertThat(dropped.body()).isEmpty();
        assertThat(delete("/v0/pipes/" + name, ws.token()).status()).isEqualTo(404);
        assertThat(get("/v0/pipes/" + name, ws.token()).status()).isEqualTo(404);
    }

    @Test
    void nodesAreAppendedUpdatedAndDeleted() {
        String name = QueryFixtures.unique("nodes");
        createPipe(ws.token(), "", pipeBody(name, node("base", "SELECT * FROM events", "standard")));
        TestServer.Response appended = send("POST", "/v0/pipes/" + name + "/nodes?name=counts&description=totals",
                ws.token(), "text/plain", "SELECT count() AS c FROM base".getBytes(StandardCharsets.UTF_8));
        assertThat(appended.status()).isEqualTo(200);
        assertThat(appended.json().get("name").asText()).isEqualTo("counts");
        assertThat(appended.json().get("description").asText()).isEqualTo("totals");
        assertThat(appended.json().get("dependencies").toString()).isEqualTo("[\"base\"]");
        TestServer.Response unnamed = send("POST", "/v0/pipes/" + name + "/nodes", ws.token(), "text/plain",
                "SELECT 1".getBytes(StandardCharsets.UTF_8));
        assertThat(unnamed.json().get("name").asText()).isEqualTo(name + "_2");
        TestServer.Response broken = send("POST", "/v0/pipes/" + name + "/nodes?name=bad", ws.token(),
                "text/plain", "SELECT * FROM counts_typo".getBytes(StandardCharsets.UTF_8));
        assertThat(error(broken)).isEqualTo("Resource 'counts_typo' not found (in node 'bad' from pipe '" + name
                + "')");

        TestServer.Response updated = send("PUT", "/v0/pipes/" + name + "/nodes/counts", ws.token(), "text/plain",
                "SELECT count() * 10 AS c FROM base".getBytes(StandardCharsets.UTF_8));
        assertThat(updated.status()).isEqualTo(200);
        post("/v0/pipes/" + name + "/nodes/counts/endpoint", ws.token());
        assertThat(get("/v0/pipes/" + name + ".json", ws.token()).json().get("data").toString())
                .isEqualTo("[{\"c\":20}]");
        TestServer.Response stillUsed = delete("/v0/pipes/" + name + "/nodes/base", ws.token());
        assertThat(stillUsed.status()).isEqualTo(400);
        assertThat(error(stillUsed)).isEqualTo("Resource 'base' not found (in node 'counts' from pipe '" + name
                + "')");
        assertThat(delete("/v0/pipes/" + name + "/nodes/" + name + "_2", ws.token()).status()).isEqualTo(204);
        assertThat(get("/v0/pipes/" + name, ws.token()).json().get("nodes")).hasSize(2);
        assertThat(delete("/v0/pipes/" + name + "/nodes/ghost", ws.token()).status()).isEqualTo(404);
    }

    @Test
    void theExportIsADatafileThatParsesBackToThePipe() {
        String name = QueryFixtures.unique("exported");
        ws.token("PIPES:READ:" + name);
        createPipe(ws.token(), "", "{\"name\": \"" + name + "\", \"description\": \"Kinds\\nper day\", \"nodes\": ["
                + "{\"name\": \"filtered\", \"description\": \"only clicks\", \"sql\": \"SELECT *\\nFROM events\\n"
                + "WHERE kind = 'click'\", \"type\": \"standard\"},"
                + "{\"name\": \"out\", \"sql\": \"%\\nSELECT d, count() AS c FROM filtered\\n"
                + "{% if defined(day) %} WHERE d = {{Date(day)}} {% end %}\\nGROUP BY d\", \"type\": \"endpoint\"}"
                + "]}");
        TestServer.Response export = get("/v0/pipes/" + name + ".pipe", ws.token());
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.raw().headers().firstValue("Content-Type")).contains("text/plain; charset=UTF-8");
        assertThat(export.body()).startsWith("DESCRIPTION >\n    Kinds\n    per day\n\nTOKEN ");
        ParsedDatafile parsed = new DatafileParser(Map.of()).parse(Path.of(name + ".pipe"), export.body());
        assertThat(parsed.errors()).isEmpty();
        PipeFile file = (PipeFile) parsed.datafile();
        assertThat(file.tokens()).hasSize(1);
        List<Node> nodes = file.nodes();
        assertThat(nodes).extracting(Node::name).containsExactly("filtered", "out");
        assertThat(nodes.get(0).description()).isEqualTo("only clicks");
        assertThat(nodes.get(0).sql().text()).isEqualTo("SELECT *\nFROM events\nWHERE kind = 'click'");
        assertThat(nodes.get(0).type()).isEqualTo(NodeType.STANDARD);
        assertThat(nodes.get(1).type()).isEqualTo(NodeType.ENDPOINT);
        assertThat(nodes.get(1).sql().template()).isTrue();
        assertThat(stripIndent(nodes.get(1).sql().text())).isEqualTo("%\nSELECT d, count() AS c FROM filtered\n"
                + "{% if defined(day) %} WHERE d = {{Date(day)}} {% end %}\nGROUP BY d");

        String reader = ws.token("PIPES:READ:" + name);
        assertThat(get("/v0/pipes/" + name + ".pipe", reader).status()).isEqualTo(403);
    }

    /** Templates keep their indentation in a datafile, so the export's four spaces come back. */
    private static String stripIndent(String sql) {
        List<String> lines = new ArrayList<>();
        for (String line : sql.split("\n")) {
            lines.add(line.startsWith("    ") ? line.substring(4) : line);
        }
        return String.join("\n", lines);
    }

    static JsonNode find(JsonNode list, String name) {
        for (JsonNode entry : list) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }
}
