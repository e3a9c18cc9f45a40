package org.tinybirdmaven.server.pipe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.job.Job;
import org.tinybirdmaven.server.job.Jobs;
import org.tinybirdmaven.server.query.QueryCompiler;
import org.tinybirdmaven.server.query.QueryRunner;
import org.tinybirdmaven.server.query.Templates;
import org.tinybirdmaven.server.query.WorkspaceView;
import org.tinybirdmaven.server.workspace.Names;
import org.tinybirdmaven.syntax.SyntaxException;
import org.tinybirdmaven.template.Template;
import org.tinybirdmaven.template.TemplateProblem;

/**
 * Saving and deleting pipes: validation, the materialized views and target datasources of output nodes, populate
 * jobs. Every change of a pipe goes through {@link #save}, which compares the new version with the old one, so
 * creating, overriding ({@code force}), publishing and editing nodes share one path. Changes are serialized: a pipe
 * is checked, its views created and the catalog updated without another change interleaving.
 */
public final class PipeService {

    /**
     * The {@code populate*}, {@code unlink_on_populate_error} and {@code ignore_sql_errors} request options, and
     * whether the caller may create the datasource an output node writes into.
     */
    record SaveOptions(boolean populate, String populateCondition, Double populateSubset,
                       boolean unlinkOnPopulateError, boolean ignoreSqlErrors, boolean mayCreateDatasources) {

        /** No request options. */
        static SaveOptions none(boolean mayCreateDatasources) {
            return new SaveOptions(false, null, null, false, false, mayCreateDatasources);
        }

        /** Parses the options; 400 for a subset that is not a number in (0, 1]. */
        static SaveOptions of(boolean populate, String condition, String subset, boolean unlink, boolean ignore,
                              boolean mayCreateDatasources) {
            Double fraction = null;
            if (subset != null && !subset.isBlank()) {
                try {
                    fraction = Double.parseDouble(subset);
                } catch (NumberFormatException e) {
                    fraction = Double.NaN;
                }
                if (!(fraction > 0 && fraction <= 1)) {
                    throw ApiException.badRequest("populate_subset must be a number greater than 0 and at most 1,"
                            + " got '" + subset + "'");
                }
            }
            return new SaveOptions(populate, condition == null || condition.isBlank() ? null : condition,
                    fraction, unlink, ignore, mayCreateDatasources);
        }
    }

    /**
     * A saved pipe.
     *
     * @param target the datasource its materialized or copy node writes into (null without one)
     * @param job    the populate job, when one was started
     */
    record Saved(PipeRecord pipe, TargetDatasources.Target target, Job job) {}

    private final Catalog catalog;
    private final ClickHouse clickHouse;
    private final Jobs jobs;
    private final TargetDatasources targets;
    private final Materializations materializations;
    /** Serialises pipe changes (catalog and views together) across every PipeService of the server. */
    private static final Object CHANGES = new Object();

    public PipeService(LocalServer.Services services) {
        this.catalog = services.catalog();
        this.clickHouse = services.clickHouse();
        this.jobs = services.jobs();
        this.targets = new TargetDatasources(catalog, clickHouse);
        this.materializations = new Materializations(clickHouse);
    }

    TargetDatasources targets() {
        return targets;
    }

    /** {@code POST /v0/pipes}: a new pipe, or with {@code force} a new version of the pipe of that name (same id). */
    Saved create(WorkspaceRecord workspace, String name, String description, List<NodeDraft> drafts, boolean force,
                 SaveOptions options) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is empty");
        }
        String problem = Names.problem(name);
        if (problem != null) {
            throw ApiException.badRequest("Invalid pipe name \"" + name + "\". " + problem);
        }
        Set<String> seen = new HashSet<>();
        for (NodeDraft draft : drafts) {
            draft.validate();
            if (!seen.add(draft.name())) {
                throw ApiException.badRequest("Node name \"" + draft.name() + "\" is used more than once in the"
                        + " pipe");
            }
        }
        synchronized (CHANGES) {
            if (catalog.read(state -> workspace.datasources.containsKey(name))) {
                throw ApiException.conflict("There is already a Data Source with name \"" + name + "\". Pipe names"
                        + " must be globally unique");
            }
            PipeRecord existing = catalog.read(state -> workspace.pipes.get(name));
            if (existing != null && !force) {
                throw ApiException.conflict("There is already a Pipe with name \"" + name + "\". Pipe names must be"
                        + " globally unique");
            }
            String now = Ids.now();
            List<NodeRecord> nodes = drafts.stream().map(draft -> draft.toRecord(now)).toList();
            PipeRecord pipe = new PipeRecord(existing == null ? Ids.resourceId() : existing.id(), name, description,
                    nodes, existing == null ? now : existing.createdAt(), now);
            return save(workspace, existing, pipe, options);
        }
    }

    /**
     * Applies {@code change} to the current version of a pipe and saves the result.
     *
     * @throws ApiException 404 when the pipe no longer exists
     */
    Saved change(WorkspaceRecord workspace, String pipeId, UnaryOperator<PipeRecord> change, SaveOptions options) {
        synchronized (CHANGES) {
            PipeRecord current = catalog.read(state -> workspace.pipe(pipeId))
                    .orElseThrow(() -> ApiException.notFound("Pipe '" + pipeId + "' not found"));
            PipeRecord next = change.apply(current);
            return save(workspace, current, new PipeRecord(next.id(), next.name(), next.description(), next.nodes(),
                    next.createdAt(), Ids.now()), options);
        }
    }

    /**
     * Populates the target of an existing materialized node again ({@code POST …/population}), optionally emptying
     * it first.
     */
    Saved populateAgain(WorkspaceRecord workspace, String pipeId, String nodeId, SaveOptions options,
                        boolean truncate) {
        synchronized (CHANGES) {
            PipeRecord pipe = catalog.read(state -> workspace.pipe(pipeId))
                    .orElseThrow(() -> ApiException.notFound("Pipe '" + pipeId + "' not found"));
            int index = -1;
            for (int i = 0; i < pipe.nodes().size(); i++) {
                if (pipe.nodes().get(i).id().equals(nodeId)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw ApiException.notFound("Node '" + nodeId + "' not found in pipe '" + pipe.name() + "'");
            }
            NodeRecord node = pipe.nodes().get(index);
            WorkspaceView view = WorkspaceView.of(catalog, workspace);
            DatasourceRecord target = Optional.ofNullable(node.materialized()).flatMap(view::datasource)
                    .orElseThrow(() -> ApiException.badRequest("Node '" + node.name() + "' is not materialized"));
            String suffix = suffix(pipe, node);
            String sql = new QueryCompiler(view, Map.of(), false).compileNode(pipe, index);
            List<TargetDatasources.Column> columns = targets.describe(sql, workspace.database, suffix);
            String viewName = Materializations.viewName(node, target.id(), sql);
            return new Saved(pipe, new TargetDatasources.Target(target, false),
                    populate(workspace, pipe, index, target, viewName, columns, options, truncate));
        }
    }

    /**
     * Saves an existing pipe (same id and nodes) into another workspace that already has its datasources, creating
     * its materialized view there without populating it: a branch gets the pipes of its main workspace. The nodes
     * were checked when the pipe was saved in its own workspace, so they are not validated again.
     */
    public void copyInto(WorkspaceRecord workspace, PipeRecord pipe) {
        synchronized (CHANGES) {
            save(workspace, null, pipe, SaveOptions.of(false, null, null, false, true, false));
        }
    }

    /** Removes a pipe and its materialized views; the datasources it wrote into stay. */
    void delete(WorkspaceRecord workspace, PipeRecord pipe) {
        synchronized (CHANGES) {
            catalog.write(state -> workspace.pipes.remove(pipe.name()));
            materializations.dropAllBut(workspace.database, pipe.nodes(), Set.of());
        }
    }

    private Saved save(WorkspaceRecord workspace, PipeRecord old, PipeRecord next, SaveOptions options) {
        checkOutputs(next);
        WorkspaceView view = WorkspaceView.of(catalog, workspace).withPipe(next, old == null ? null : old.name());
        if (!options.ignoreSqlErrors()) {
            for (int i = 0; i < next.nodes().size(); i++) {
                checkTemplate(next, next.nodes().get(i));
                validate(view, next, i);
            }
        }
        List<NodeRecord> nodes = new ArrayList<>(next.nodes());
        Set<String> views = new HashSet<>();
        TargetDatasources.Target target = null;
        String createdView = null;
        List<TargetDatasources.Column> columns = List.of();
        int output = outputIndex(next);
        if (output >= 0) {
            NodeRecord node = nodes.get(output);
            String suffix = suffix(next, node);
            boolean copy = node.nodeType().equals("copy");
            if (copy) {
                CopyJobs.validate(node);
            }
            // A copy's schema comes from a rendering with placeholders; a view is created from its real rendering.
            String sql = new QueryCompiler(view, Map.of(), copy).compileNode(next, output);
            columns = targets.describe(sql, workspace.database, suffix);
            target = targets.ensure(workspace, node.settings().get(copy ? "target_datasource" : "datasource"),
                    columns, node.settings(), options.mayCreateDatasources(), suffix);
            if (!copy) {
                DatasourceRecord datasource = target.datasource();
                String viewName = Materializations.viewName(node, datasource.id(), sql);
                views.add(viewName);
                if (!materializations.exists(workspace.database, viewName)) {
                    try {
                        materializations.create(workspace.database, viewName, datasource.name(), sql, suffix);
                    } catch (ApiException e) {
                        if (target.created()) {
                            targets.remove(workspace, datasource);
                        }
                        throw e;
                    }
                    createdView = viewName;
                }
                nodes.set(output, materialized(node, datasource.id()));
            }
        }
        PipeRecord saved = new PipeRecord(next.id(), next.name(), next.description(), nodes, next.createdAt(),
                next.updatedAt());
        catalog.write(state -> workspace.pipes.put(saved.name(), saved));
        List<NodeRecord> all = new ArrayList<>(saved.nodes());
        if (old != null) {
            all.addAll(old.nodes());
        }
        materializations.dropAllBut(workspace.database, all, views);
        Job job = createdView != null && options.populate()
                ? populate(workspace, saved, output, target.datasource(), createdView, columns, options, false) : null;
        return new Saved(saved, target, job);
    }

    /** At most one node may be an output (endpoint, materialized or copy). */
    private static void checkOutputs(PipeRecord pipe) {
        List<NodeRecord> outputs = pipe.nodes().stream().filter(node -> !node.nodeType().equals("standard"))
                .toList();
        if (outputs.size() < 2) {
            return;
        }
        String first = outputs.get(0).nodeType();
        String second = outputs.get(1).nodeType();
        String kind = first.equals(second) ? first : "output";
        String article = kind.equals("endpoint") || kind.equals("output") ? "an " : "a ";
        throw ApiException.forbidden("There is more than one " + kind + " node. Pipes can only have one output. Set"
                + " only one node to be " + article + kind + " node and try again.");
    }

    private static int outputIndex(PipeRecord pipe) {
        for (int i = 0; i < pipe.nodes().size(); i++) {
            String type = pipe.nodes().get(i).nodeType();
            if (type.equals("materialized") || type.equals("copy")) {
                return i;
            }
        }
        return -1;
    }

    /** A templated node must parse and pass Tinybird's static checks (no {@code q}/{@code format} variables …). */
    private static void checkTemplate(PipeRecord pipe, NodeRecord node) {
        if (!Templates.isTemplate(node.sql())) {
            return;
        }
        String suffix = suffix(pipe, node);
        Template template;
        try {
            template = Templates.parse(node.sql());
        } catch (SyntaxException e) {
            throw ApiException.badRequest(Templates.syntaxError(e.reason(), e.line()) + suffix);
        }
        for (TemplateProblem problem : template.validate()) {
            if (problem.severity() == TemplateProblem.Severity.ERROR) {
                throw ApiException.badRequest(Templates.syntaxError(problem.reason(), problem.line()) + suffix);
            }
        }
    }

    /**
     * Compiles node {@code index} (templates rendered in test mode) and has ClickHouse analyse it without running
     * it.
     */
    private void validate(WorkspaceView view, PipeRecord pipe, int index) {
        String sql = new QueryCompiler(view, Map.of(), true).compileNode(pipe, index);
        targets.describe(sql, view.database(), suffix(pipe, pipe.nodes().get(index)));
    }

    /**
     * Queues the {@code populateview} job: the view's query over the data already in its source, inserted into the
     * target (later inserts are materialized by the view itself).
     */
    private Job populate(WorkspaceRecord workspace, PipeRecord pipe, int index, DatasourceRecord target, String view,
                         List<TargetDatasources.Column> columns, SaveOptions options, boolean truncate) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pipe_id", pipe.id());
        details.put("pipe_name", pipe.name());
        details.put("datasource", Map.of("id", target.id(), "name", target.name()));
        String names = columns.stream().map(c -> ClickHouse.identifier(c.name())).collect(Collectors.joining(", "));
        String suffix = suffix(pipe, pipe.nodes().get(index));
        return jobs.submit("populateview", workspace.id, details, job -> {
            Map<String, String> filters = new LinkedHashMap<>();
            String condition = populateCondition(options);
            String source = materializations.source(workspace.database, view);
            if (condition != null && source != null) {
                filters.put(source, condition);
            }
            try {
                String sql = new QueryCompiler(WorkspaceView.of(catalog, workspace), Map.of(), false, filters)
                        .compileNode(pipe, index);
                if (truncate) {
                    clickHouse.execute("TRUNCATE TABLE " + ClickHouse.table(workspace.database, target.name()));
                }
                long rows = clickHouse.query("INSERT INTO " + ClickHouse.table(workspace.database, target.name())
                        + " (" + names + ")\nSELECT " + names + " FROM (\n" + sql + "\n)", "TSV").rowsWritten();
                return Map.of("rows", rows);
            } catch (ChdbException | ApiException e) {
                if (options.unlinkOnPopulateError()) {
                    unlinkMaterialization(workspace, pipe.id(), pipe.nodes().get(index).id());
                }
                String message = e instanceof ChdbException chdb
                        ? QueryRunner.clickHouseMessage(chdb, workspace.database) + suffix : e.getMessage();
                throw new IllegalStateException(message, e);
            }
        });
    }

    private static String populateCondition(SaveOptions options) {
        List<String> conditions = new ArrayList<>();
        if (options.populateCondition() != null) {
            conditions.add("(" + options.populateCondition() + "\n)");
        }
        if (options.populateSubset() != null && options.populateSubset() < 1) {
            conditions.add("randCanonical() < " + options.populateSubset());
        }
        return conditions.isEmpty() ? null : String.join(" AND ", conditions);
    }

    /**
     * The node stops being materialized and its view is dropped: for {@code unlink_on_populate_error}, and when a
     * datasource the view reads or writes is deleted with {@code force}.
     */
    public void unlinkMaterialization(WorkspaceRecord workspace, String pipeId, String nodeId) {
        synchronized (CHANGES) {
            PipeRecord pipe = catalog.read(state -> workspace.pipe(pipeId)).orElse(null);
            if (pipe == null) {
                return;
            }
            List<NodeRecord> nodes = pipe.nodes().stream().map(node -> node.id().equals(nodeId)
                    ? new NodeRecord(node.id(), node.name(), node.sql(), node.description(), "standard",
                    node.settings(), node.createdAt(), Ids.now(), null) : node).toList();
            PipeRecord unlinked = new PipeRecord(pipe.id(), pipe.name(), pipe.description(), nodes,
                    pipe.createdAt(), Ids.now());
            catalog.write(state -> workspace.pipes.put(unlinked.name(), unlinked));
            materializations.dropAllBut(workspace.database, pipe.nodes().stream()
                    .filter(node -> node.id().equals(nodeId)).toList(), Set.of());
        }
    }

    private static NodeRecord materialized(NodeRecord node, String datasourceId) {
        return new NodeRecord(node.id(), node.name(), node.sql(), node.description(), node.nodeType(),
                node.settings(), node.createdAt(), node.updatedAt(), datasourceId);
    }

    static String suffix(PipeRecord pipe, NodeRecord node) {
        return " (in node '" + node.name() + "' from pipe '" + pipe.name() + "')";
    }
}
