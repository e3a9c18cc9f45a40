package org.tinybirdmaven.datafile;

import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.Engine;
import org.tinybirdmaven.schema.EngineException;
import org.tinybirdmaven.schema.Index;
import org.tinybirdmaven.schema.IndexesParser;
import org.tinybirdmaven.schema.SchemaParser;
import org.tinybirdmaven.syntax.SyntaxException;

/** Collects what the instructions of one file say and turns it into the model. */
final class DatafileBuilder {

    private final Path file;
    private final DatafileKind kind;
    private final String name;
    private final List<Diagnostic> diagnostics;

    private String description;
    private Integer version;
    private final List<TokenGrant> tokens = new ArrayList<>();
    private final List<String> filteringTags = new ArrayList<>();
    private final Set<Path> includes = new LinkedHashSet<>();

    private List<Column> columns;
    private TextOrigin schemaOrigin;
    private List<Index> indexes = List.of();
    private final List<Setting> engineSettings = new ArrayList<>();
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final List<String> sharedWith = new ArrayList<>();

    private final List<NodeBuilder> nodes = new ArrayList<>();
    private final List<TokenScope> scopes = new ArrayList<>();

    private static final class NodeBuilder {
        final String name;
        final Location location;
        String description;
        Sql sql;
        NodeType type = NodeType.STANDARD;
        final Map<String, Setting> settings = new LinkedHashMap<>();

        NodeBuilder(String name, Location location) {
            this.name = name;
            this.location = location;
        }

        Node build() {
            return new Node(name, location, description, sql, type, settings);
        }
    }

    DatafileBuilder(Path file, DatafileKind kind, String name, List<Diagnostic> diagnostics) {
        this.file = file;
        this.kind = kind;
        this.name = name;
        this.diagnostics = diagnostics;
    }

    boolean hasNode() {
        return !nodes.isEmpty();
    }

    private NodeBuilder currentNode() {
        return nodes.get(nodes.size() - 1);
    }

    /** Before the first NODE a DESCRIPTION describes the pipe; after it, the node. */
    void description(String text) {
        if (kind == DatafileKind.PIPE && hasNode()) {
            currentNode().description = text;
        } else {
            description = text;
        }
    }

    void version(int value) {
        version = value;
    }

    void token(TokenGrant grant) {
        tokens.add(grant);
    }

    void include(Path path) {
        includes.add(path);
    }

    /** Entries with {@code =} are operational tags (sent as API parameters); the others filter resources in the UI. */
    void tags(String value, Location at) {
        List<String> operational = new ArrayList<>();
        for (String entry : value.split(",")) {
            String tag = entry.strip();
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.contains("=")) {
                operational.add(tag);
            } else {
                filteringTags.add(tag);
            }
        }
        if (operational.isEmpty()) {
            return;
        }
        Setting setting = new Setting("tags", String.join("&", operational), at);
        if (kind == DatafileKind.DATASOURCE) {
            settings.put("tags", setting);
        } else if (hasNode()) {
            currentNode().settings.put("tags", setting);
        } else {
            diagnostics.add(Diagnostic.warning(at, "Operational TAGS (key=value) before the first NODE are ignored;"
                    + " move them below the NODE they apply to"));
        }
    }

    void node(String nodeName, Location at) {
        for (NodeBuilder existing : nodes) {
            if (existing.name.equals(nodeName)) {
                diagnostics.add(Diagnostic.error(at, "Node '" + nodeName + "' is defined twice (first at line "
                        + existing.location.line() + ")"));
            }
        }
        if (nodeName.equals(name)) {
            diagnostics.add(Diagnostic.warning(at, "Node '" + nodeName + "' has the name of its pipe; newer"
                    + " Tinybird CLIs reject this, rename the node"));
        }
        nodes.add(new NodeBuilder(nodeName, at));
    }

    void sql(Sql sql, Location at) {
        NodeBuilder node = currentNode();
        if (node.sql != null) {
            diagnostics.add(Diagnostic.warning(at, "Node '" + node.name + "' has a second SQL; the last one is"
                    + " used"));
        }
        node.sql = sql;
    }

    void type(NodeType type, Location at) {
        currentNode().type = type;
        currentNode().settings.put("type", new Setting("type", type.apiName(), at));
    }

    void nodeSetting(Setting setting) {
        currentNode().settings.put(setting.key(), setting);
    }

    void datasourceSetting(Setting setting) {
        settings.put(setting.key(), setting);
    }

    void engineSetting(Setting setting) {
        engineSettings.add(setting);
    }

    void sharedWith(List<String> workspaces) {
        sharedWith.addAll(workspaces);
    }

    void schema(String text, TextOrigin origin, Location at) {
        schemaOrigin = origin;
        try {
            columns = SchemaParser.parse(text);
        } catch (SyntaxException e) {
            columns = List.of();
            diagnostics.add(Diagnostic.error(origin.locate(e.line(), e.column()), "SCHEMA: " + e.reason()));
        }
    }

    void indexes(String text, TextOrigin origin, Location at) {
        try {
            indexes = IndexesParser.parse(text);
        } catch (SyntaxException e) {
            diagnostics.add(Diagnostic.error(origin.locate(e.line(), e.column()), "INDEXES: " + e.reason()));
        }
    }

    void scope(String scope, Location at) {
        scopes.add(new TokenScope(scope, null, null, at));
    }

    void scopeAttribute(String attribute, String value, Location at) {
        if (scopes.isEmpty()) {
            diagnostics.add(Diagnostic.error(at, attribute.toUpperCase(java.util.Locale.ROOT)
                    + " must follow a SCOPE line"));
            return;
        }
        TokenScope last = scopes.remove(scopes.size() - 1);
        scopes.add(attribute.equals("resource") ? last.withResource(value) : last.withFilter(value));
    }

    Datafile build() {
        List<Path> includeList = List.copyOf(includes);
        return switch (kind) {
            case DATASOURCE -> buildDatasource(includeList);
            case PIPE -> new PipeFile(file, name, version, description, tokens, filteringTags,
                    nodes.stream().map(NodeBuilder::build).toList(), includeList);
            case TOKEN -> new TokenFile(file, name, version, description, scopes, includeList);
            case INCLUDE -> throw new IllegalStateException("include files are not built");
        };
    }

    private DatasourceFile buildDatasource(List<Path> includeList) {
        if (columns == null) {
            diagnostics.add(Diagnostic.error(Location.of(file, 1), "SCHEMA is missing: a .datasource file needs a"
                    + " 'SCHEMA >' block with its columns"));
            columns = List.of();
        }
        Engine engine = engine();
        return new DatasourceFile(file, name, version, description, tokens, filteringTags, columns, schemaOrigin,
                indexes, engine, engineSettings, settings, sharedWith, includeList);
    }

    private Engine engine() {
        String engineName = "MergeTree";
        Location engineAt = Location.of(file, 1);
        List<Map.Entry<String, String>> arguments = new ArrayList<>();
        for (Setting setting : engineSettings) {
            if (setting.key().equals("engine")) {
                engineName = setting.value();
                engineAt = setting.location();
            } else {
                arguments.add(new AbstractMap.SimpleEntry<>(setting.key().substring("engine_".length()),
                        setting.value()));
            }
        }
        try {
            Engine engine = Engine.of(engineName, arguments);
            if (!columns.isEmpty()) {
                List<Column> available = new ArrayList<>(columns);
                available.addAll(connectorColumns());
                engine.validate(available);
            }
            return engine;
        } catch (EngineException e) {
            diagnostics.add(Diagnostic.error(engineLocation(e.settingKey(), engineAt), e.getMessage()));
            return null;
        }
    }

    /**
     * Columns a connector adds to the table without the datafile declaring them; engine settings may use them
     * ({@code ENGINE_SORTING_KEY "__timestamp"} on Kafka, {@code ENGINE_VER "_timestamp"} on DynamoDB).
     */
    private List<Column> connectorColumns() {
        if (settings.containsKey("kafka_connection_name")) {
            return List.of(new Column("__value", "String", false, null, null, null),
                    new Column("__headers", "Map(String, String)", false, null, null, null),
                    new Column("__topic", "LowCardinality(String)", false, null, null, null),
                    new Column("__partition", "Int16", false, null, null, null),
                    new Column("__offset", "Int64", false, null, null, null),
                    new Column("__timestamp", "DateTime", false, null, null, null),
                    new Column("__key", "String", false, null, null, null));
        }
        Setting service = settings.get("import_service");
        if (service != null && service.value().equalsIgnoreCase("dynamodb")) {
            return List.of(new Column("_record", "String", false, null, null, null),
                    new Column("_timestamp", "DateTime64(3)", false, null, null, null),
                    new Column("_is_deleted", "UInt8", false, null, null, null));
        }
        return List.of();
    }

    /** The line of the last ENGINE_&lt;key&gt; setting (the one that wins), or of ENGINE itself. */
    private Location engineLocation(String key, Location engineAt) {
        if (key == null) {
            return engineAt;
        }
        Location found = engineAt;
        for (Setting setting : engineSettings) {
            if (setting.key().equals("engine_" + key)) {
                found = setting.location();
            }
        }
        return found;
    }
}
