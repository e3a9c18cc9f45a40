package org.tinybirdmaven.datafile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tinybirdmaven.schema.Engine;
import org.tinybirdmaven.schema.EngineException;
import org.tinybirdmaven.syntax.SyntaxException;
import org.tinybirdmaven.template.Template;
import org.tinybirdmaven.template.TemplateParser;
import org.tinybirdmaven.template.TemplateProblem;

/**
 * Checks that need the whole file: what a pipe publishes, the settings each node type needs, TOKEN permissions,
 * connector settings and template syntax. Each rule mirrors what the Tinybird server or CLI would reject at push time,
 * so that {@code check} finds it offline.
 */
final class DatafileChecks {

    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*/,?#-]+");
    private static final Set<String> CRON_MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    private static final Set<String> IMPORT_SERVICES = Set.of("bigquery", "snowflake", "s3", "s3_iamrole", "gcs",
            "dynamodb");
    private static final Set<String> EXPORT_SERVICES = Set.of("s3", "s3_iamrole", "gcs_hmac", "kafka");
    private static final Set<String> DATASOURCE_PERMISSIONS = Set.of("READ", "APPEND", "CREATE");

    List<Diagnostic> check(Datafile datafile) {
        List<Diagnostic> found = new ArrayList<>();
        if (datafile instanceof DatasourceFile datasource) {
            checkDatasource(datasource, found);
        } else if (datafile instanceof PipeFile pipe) {
            checkPipe(pipe, found);
        } else if (datafile instanceof TokenFile token && token.scopes().isEmpty()) {
            found.add(Diagnostic.error(token.location(), "A .token file needs at least one SCOPE line,"
                    + " e.g. SCOPE PIPES:READ"));
        }
        return found;
    }

    private void checkDatasource(DatasourceFile datasource, List<Diagnostic> found) {
        for (TokenGrant grant : datasource.tokens()) {
            if (!DATASOURCE_PERMISSIONS.contains(grant.permission())) {
                found.add(Diagnostic.error(grant.location(), "TOKEN permission '" + grant.permission()
                        + "' is not valid in a .datasource file: use READ or APPEND"));
            }
        }
        checkKafka(datasource, found);
        checkImport(datasource, found);
        datasource.settings().values().stream().filter(s -> s.key().equals("backfill")
                && !s.value().equals("skip")).forEach(s -> found.add(Diagnostic.error(s.location(),
                "BACKFILL only accepts 'skip'")));
    }

    private void checkKafka(DatasourceFile datasource, List<Diagnostic> found) {
        List<Setting> kafka = datasource.settings().values().stream().filter(s -> s.key().startsWith("kafka_"))
                .toList();
        if (kafka.isEmpty()) {
            return;
        }
        if (!datasource.isKafka()) {
            found.add(Diagnostic.error(kafka.get(0).location(), "KAFKA_* settings need KAFKA_CONNECTION_NAME"));
            return;
        }
        Location at = datasource.settings().get("kafka_connection_name").location();
        for (String required : List.of("kafka_topic", "kafka_group_id")) {
            if (!datasource.settings().containsKey(required)) {
                found.add(Diagnostic.error(at, "A Kafka datasource needs " + required.toUpperCase(Locale.ROOT)));
            }
        }
        Setting offset = datasource.settings().get("kafka_auto_offset_reset");
        if (offset != null && !Set.of("earliest", "latest").contains(offset.value().toLowerCase(Locale.ROOT))) {
            found.add(Diagnostic.error(offset.location(), "KAFKA_AUTO_OFFSET_RESET must be earliest or latest"));
        }
    }

    private void checkImport(DatasourceFile datasource, List<Diagnostic> found) {
        Map<String, Setting> settings = datasource.settings();
        List<Setting> imports = settings.values().stream().filter(s -> s.key().startsWith("import_")).toList();
        if (imports.isEmpty()) {
            return;
        }
        Setting serviceSetting = settings.get("import_service");
        Setting connection = settings.get("import_connection_name");
        String service = serviceSetting == null ? null : serviceSetting.value().toLowerCase(Locale.ROOT);
        if (serviceSetting != null && !IMPORT_SERVICES.contains(service)) {
            found.add(Diagnostic.error(serviceSetting.location(), "Unknown IMPORT_SERVICE '" + serviceSetting.value()
                    + "': use bigquery, snowflake, s3, s3_iamrole, gcs or dynamodb"));
            return;
        }
        Location at = serviceSetting != null ? serviceSetting.location() : imports.get(0).location();
        if (serviceSetting == null && connection == null) {
            found.add(Diagnostic.error(at, "IMPORT_* settings need IMPORT_SERVICE or IMPORT_CONNECTION_NAME"));
            return;
        }
        if (service != null && !service.equals("bigquery") && connection == null) {
            found.add(Diagnostic.error(at, "IMPORT_CONNECTION_NAME is required for IMPORT_SERVICE " + service));
        }
        Setting strategy = settings.get("import_strategy");
        if (strategy != null && !Set.of("replace", "append").contains(strategy.value().toLowerCase(Locale.ROOT))) {
            found.add(Diagnostic.error(strategy.location(), "IMPORT_STRATEGY must be replace or append"));
        }
        Setting schedule = settings.get("import_schedule");
        boolean objectStore = service != null && Set.of("s3", "s3_iamrole", "gcs").contains(service);
        if (schedule != null) {
            boolean valid = objectStore ? Set.of("@on-demand", "@auto", "@once").contains(schedule.value())
                    : isSchedule(schedule.value());
            if (!valid) {
                found.add(Diagnostic.error(schedule.location(), "IMPORT_SCHEDULE '" + schedule.value()
                        + "' is not valid: use " + (objectStore ? "@on-demand or @auto" : "a cron expression or"
                        + " @on-demand")));
            }
        }
        if (objectStore && !settings.containsKey("import_bucket_uri")) {
            found.add(Diagnostic.error(at, "IMPORT_BUCKET_URI is required for IMPORT_SERVICE " + service));
        }
        if ("dynamodb".equals(service)) {
            for (String required : List.of("import_table_arn", "import_export_bucket")) {
                if (!settings.containsKey(required)) {
                    found.add(Diagnostic.error(at, required.toUpperCase(Locale.ROOT)
                            + " is required for IMPORT_SERVICE dynamodb"));
                }
            }
        }
        Setting from = settings.get("import_from_timestamp");
        if (from != null && !isIsoTimestamp(from.value())) {
            found.add(Diagnostic.error(from.location(), "IMPORT_FROM_TIMESTAMP must be an ISO-8601 date-time, e.g."
                    + " 2024-01-31T10:00:00Z"));
        }
    }

    private void checkPipe(PipeFile pipe, List<Diagnostic> found) {
        for (TokenGrant grant : pipe.tokens()) {
            if (!grant.permission().equals("READ")) {
                found.add(Diagnostic.error(grant.location(), "TOKEN permission '" + grant.permission()
                        + "' is not valid in a .pipe file: use READ"));
            }
        }
        if (pipe.nodes().isEmpty()) {
            found.add(Diagnostic.error(pipe.location(), "A pipe needs at least one NODE with an 'SQL >' block"));
            return;
        }
        Node output = null;
        for (Node node : pipe.nodes()) {
            if (node.sql() == null) {
                found.add(Diagnostic.error(node.location(), "Node '" + node.name() + "' has no SQL: add an 'SQL >'"
                        + " block below its NODE line"));
            } else {
                checkSql(node, found);
            }
            if (node.type() != NodeType.STANDARD) {
                if (output != null) {
                    found.add(Diagnostic.error(node.settings().get("type").location(), "Pipe has more than one"
                            + " output node: '" + output.name() + "' is " + output.type().apiName() + " and '"
                            + node.name() + "' is " + node.type().apiName() + "; a pipe publishes at most one"
                            + " endpoint, materialized view, copy or sink"));
                } else {
                    output = node;
                }
            }
            checkNodeSettings(node, found);
        }
    }

    private void checkNodeSettings(Node node, List<Diagnostic> found) {
        Location typeAt = node.type() == NodeType.STANDARD ? node.location()
                : node.settings().get("type").location();
        String nodeName = "'" + node.name() + "'";
        switch (node.type()) {
            case MATERIALIZED -> {
                if (node.materializedDatasource().isEmpty()) {
                    found.add(Diagnostic.error(typeAt, "TYPE materialized needs DATASOURCE <target datasource> in"
                            + " node " + nodeName));
                }
            }
            case COPY -> {
                if (node.copyTargetDatasource().isEmpty()) {
                    found.add(Diagnostic.error(typeAt, "TYPE copy needs TARGET_DATASOURCE <target datasource> in"
                            + " node " + nodeName));
                }
                checkCopy(node, found);
            }
            case SINK -> {
                Setting service = node.settings().get("export_service");
                if (service != null && !EXPORT_SERVICES.contains(service.value().toLowerCase(Locale.ROOT))) {
                    found.add(Diagnostic.error(service.location(), "Unknown EXPORT_SERVICE '" + service.value()
                            + "': use s3, s3_iamrole, gcs_hmac or kafka"));
                }
                if (!node.settings().containsKey("export_connection_name")) {
                    found.add(Diagnostic.error(typeAt, "TYPE sink needs EXPORT_CONNECTION_NAME in node "
                            + nodeName));
                }
                Setting schedule = node.settings().get("export_schedule");
                if (schedule != null && !isSchedule(schedule.value())) {
                    found.add(Diagnostic.error(schedule.location(), "EXPORT_SCHEDULE '" + schedule.value()
                            + "' is not a cron expression or @on-demand"));
                }
            }
            case STREAM -> {
                for (String required : List.of("kafka_connection_name", "kafka_topic")) {
                    if (!node.settings().containsKey(required)) {
                        found.add(Diagnostic.error(typeAt, "TYPE stream needs " + required.toUpperCase(Locale.ROOT)
                                + " in node " + nodeName));
                    }
                }
            }
            default -> { }
        }
        warnUnused(node, "datasource", NodeType.MATERIALIZED, found);
        warnUnused(node, "target_datasource", NodeType.COPY, found);
        warnUnused(node, "copy_schedule", NodeType.COPY, found);
        warnUnused(node, "copy_mode", NodeType.COPY, found);
        node.settings().values().stream().filter(s -> s.key().startsWith("export_") && node.type() != NodeType.SINK)
                .findFirst().ifPresent(s -> found.add(Diagnostic.warning(s.location(), s.key().toUpperCase(
                        Locale.ROOT) + " is ignored unless the node is TYPE sink")));
        checkNodeEngine(node, found);
    }

    private void checkCopy(Node node, List<Diagnostic> found) {
        Setting mode = node.settings().get("copy_mode");
        if (mode != null && !Set.of("append", "replace").contains(mode.value().toLowerCase(Locale.ROOT))) {
            found.add(Diagnostic.error(mode.location(), "COPY_MODE must be append or replace, not '" + mode.value()
                    + "'"));
        }
        Setting schedule = node.settings().get("copy_schedule");
        if (schedule != null && !isSchedule(schedule.value())) {
            found.add(Diagnostic.error(schedule.location(), "COPY_SCHEDULE '" + schedule.value()
                    + "' is not a cron expression (5 fields) or @on-demand"));
        }
    }

    /** ENGINE settings in a node describe the target datasource the server creates when it does not exist. */
    private void checkNodeEngine(Node node, List<Diagnostic> found) {
        List<Setting> engine = node.settings().values().stream()
                .filter(s -> s.key().equals("engine") || s.key().startsWith("engine_")).toList();
        if (engine.isEmpty()) {
            return;
        }
        boolean hasTarget = node.materializedDatasource().isPresent() || node.copyTargetDatasource().isPresent();
        if (!hasTarget) {
            found.add(Diagnostic.error(engine.get(0).location(), engine.get(0).key().toUpperCase(Locale.ROOT)
                    + " in node '" + node.name() + "' needs DATASOURCE (materialized) or TARGET_DATASOURCE (copy):"
                    + " engine settings describe the target datasource"));
            return;
        }
        String engineName = node.setting("engine").orElse("MergeTree");
        List<Map.Entry<String, String>> arguments = engine.stream().filter(s -> !s.key().equals("engine"))
                .map(s -> (Map.Entry<String, String>) new AbstractMap.SimpleEntry<>(
                        s.key().substring("engine_".length()), s.value())).toList();
        try {
            Engine.of(engineName, arguments);
        } catch (EngineException e) {
            Setting at = e.settingKey() == null ? node.settings().get("engine")
                    : node.settings().get("engine_" + e.settingKey());
            found.add(Diagnostic.error((at == null ? engine.get(0) : at).location(), e.getMessage()));
        }
    }

    private void warnUnused(Node node, String key, NodeType needed, List<Diagnostic> found) {
        Setting setting = node.settings().get(key);
        if (setting != null && node.type() != needed) {
            found.add(Diagnostic.warning(setting.location(), key.toUpperCase(Locale.ROOT) + " is ignored unless the"
                    + " node is TYPE " + needed.apiName()));
        }
    }

    private void checkSql(Node node, List<Diagnostic> found) {
        Sql sql = node.sql();
        if (!sql.template()) {
            int brace = Math.max(sql.text().indexOf("{{"), sql.text().indexOf("{%"));
            if (brace >= 0) {
                SyntaxException at = SyntaxException.at(sql.text(), brace, "");
                found.add(Diagnostic.error(sql.origin().locate(at.line(), at.column()), "The SQL of node '"
                        + node.name() + "' uses template syntax but does not start with %: put a line with % first"));
            }
            return;
        }
        Template template;
        try {
            template = TemplateParser.parse(sql.templateSource());
        } catch (SyntaxException e) {
            found.add(Diagnostic.error(sql.origin().locate(e.line(), e.column()), "Template error in node '"
                    + node.name() + "': " + e.reason()));
            return;
        }
        for (TemplateProblem problem : template.validate()) {
            Location at = sql.origin().locate(problem.line(), problem.column());
            String message = "Template in node '" + node.name() + "': " + problem.reason();
            found.add(problem.severity() == TemplateProblem.Severity.ERROR ? Diagnostic.error(at, message)
                    : Diagnostic.warning(at, message));
        }
    }

    /** A cron expression with five fields, a cron macro, or {@code @on-demand}. */
    static boolean isSchedule(String value) {
        String trimmed = value.strip();
        if (trimmed.equals("@on-demand") || CRON_MACROS.contains(trimmed)) {
            return true;
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 5) {
            return false;
        }
        for (String field : fields) {
            if (!CRON_FIELD.matcher(field).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIsoTimestamp(String value) {
        for (java.util.function.Consumer<String> parser : List.<java.util.function.Consumer<String>>of(
                OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse)) {
            try {
                parser.accept(value);
                return true;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return false;
    }
}
