package org.tinybirdmaven.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.tinybirdmaven.client.Datasource;
import org.tinybirdmaven.client.Pipe;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.TinybirdClientException;
import org.tinybirdmaven.client.Token;
import org.tinybirdmaven.client.WorkspaceInfo;
import org.tinybirdmaven.datafile.DatasourceFile;
import org.tinybirdmaven.datafile.Diagnostic;
import org.tinybirdmaven.datafile.NodeType;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.datafile.TokenFile;
import org.tinybirdmaven.datafile.TokenScope;
import org.tinybirdmaven.deploy.DeployPlan.Action;
import org.tinybirdmaven.deploy.DeployPlan.Step;
import org.tinybirdmaven.deploy.ResourceResult.Outcome;
import org.tinybirdmaven.diff.ProjectDiff;
import org.tinybirdmaven.fixtures.FixtureException;
import org.tinybirdmaven.fixtures.FixtureLoader;
import org.tinybirdmaven.fixtures.FixtureResult;
import org.tinybirdmaven.output.BufferedOutput;
import org.tinybirdmaven.output.Output;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.project.Resource;

/**
 * Pushes a project to a workspace ({@code tb push}, §11.5): reads what the workspace has, plans (create, skip,
 * override or alter with {@code force}, leave unchanged with {@code onlyChanges}), then applies the plan level by
 * level. The resources of one level do not depend on each other and are pushed in parallel, at most
 * {@code parallelism} at a time; each writes its lines to a buffer of its own and the buffers are printed in plan
 * order, so the output reads as if the push were sequential. Endpoint pipes nothing depends on come last.
 *
 * <p>A failure stops the push after the resources already running on its level: nothing after it is sent, and the
 * error says what was applied and what was not. A push run again converges: what exists is skipped (or updated
 * with {@code force}), and a skipped resource that an interrupted push left incomplete gets its {@code TOKEN}
 * scopes and its endpoint publication added, the only writes it may need. Nothing is ever deleted.
 */
public final class Deployer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TinybirdClient client;
    private final Output out;

    public Deployer(TinybirdClient client, Output out) {
        this.client = client;
        this.out = out;
    }

    /**
     * @throws PushException when the project has errors, the plan is impossible (a dependency neither pushed nor in
     *                       the workspace, a name taken by another kind of resource), or a resource or fixture
     *                       failed
     */
    public PushResult push(Project project, PushOptions options) {
        checkProject(project, options);
        WorkspaceInfo workspace = client.workspace();
        boolean branch = workspace.mainId() != null;
        out.info("** " + (options.dryRun() ? "[DRY RUN] " : "") + "Pushing " + project.directory() + " to "
                + (branch ? "branch" : "workspace") + " '" + workspace.name() + "' at " + client.baseUrl());
        Map<String, Pipe> pipes = new HashMap<>();
        client.pipes(false).forEach(pipe -> pipes.put(pipe.name(), pipe));
        Set<String> datasources = client.datasources().stream().map(Datasource::name).collect(Collectors.toSet());
        Set<String> tokens = project.resources().stream().anyMatch(r -> r.datafile() instanceof TokenFile)
                ? client.tokens().stream().map(Token::name).collect(Collectors.toSet()) : Set.of();
        RemoteState remote = new RemoteState(datasources, pipes.keySet(), tokens);
        checkCollisions(project, remote);
        out.info("** Building dependencies");
        DeployPlan plan;
        try {
            plan = DeployPlanner.plan(project, remote, new DeployPlanner.Options(options.force(),
                    options.onlyChanges(), options.resources(), options.pushDeps()), changedResources(project, remote, options));
        } catch (DeployPlanner.MissingDependencyException e) {
            throw new PushException("Nothing was pushed: " + e.getMessage(), null, e);
        }
        writeJson(options.planFile(), planJson(plan, workspace, options));
        PushContext context = new PushContext(client, options, project.versionedNames(), new TokenGrants(client),
                project.directory());
        return options.dryRun() ? dryRun(plan, context, workspace)
                : apply(plan, context, workspace.name(), branch, pipes);
    }

    // ------------------------------------------------------------------------------------------------ checks

    private static void checkProject(Project project, PushOptions options) {
        if (project.hasErrors()) {
            String errors = project.diagnostics().stream().filter(Diagnostic::isError).limit(20)
                    .map(d -> relative(project, d.location().file()) + ":" + d.location().line()
                            + (d.location().column() > 0 ? ":" + d.location().column() : "") + ": " + d.message())
                    .collect(Collectors.joining("\n  "));
            throw new PushException("The project has errors; nothing was pushed:\n  " + errors, null, null);
        }
        Set<String> unknown = new TreeSet<>(options.resources());
        project.resources().forEach(resource -> unknown.remove(resource.name()));
        if (!unknown.isEmpty()) {
            throw new PushException("No datafile of the project defines " + String.join(", ", unknown)
                    + "; its resources are " + project.resources().stream().map(Resource::name).sorted()
                    .collect(Collectors.joining(", ")), null, null);
        }
    }

    /** Datasources and pipes share one namespace in a workspace. */
    private static void checkCollisions(Project project, RemoteState remote) {
        List<String> clashes = new ArrayList<>();
        for (Resource resource : project.resources()) {
            String name = resource.remoteName();
            if (resource.isDatasource() && remote.pipes().contains(name)) {
                clashes.add("datasource " + relative(project, resource.datafile().path()) + " cannot have the same"
                        + " name as the pipe '" + name + "' of the workspace");
            } else if (resource.isPipe() && remote.datasources().contains(name)) {
                clashes.add("pipe " + relative(project, resource.datafile().path()) + " cannot have the same name"
                        + " as the datasource '" + name + "' of the workspace");
            }
        }
        if (!clashes.isEmpty()) {
            throw new PushException("Nothing was pushed: top level object names must be unique: "
                    + String.join("; ", clashes), null, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ dry run

    private PushResult dryRun(DeployPlan plan, PushContext context, WorkspaceInfo workspace) {
        List<ResourceResult> results = new ArrayList<>();
        String error = null;
        for (Step step : plan.steps()) {
            long start = System.nanoTime();
            String name = step.remoteName();
            Outcome outcome = Outcome.PLANNED;
            String failure = null;
            switch (step.action()) {
                case SKIP_EXISTING -> out.info("** [DRY RUN] " + name + " already exists, skipping");
                case UNCHANGED -> out.info("** [DRY RUN] '" + name + "' has not changed, skipping");
                case CREATE -> {
                    out.info(running(step, true));
                    out.info("** [DRY RUN] '" + name + "' would be created");
                }
                case OVERRIDE -> {
                    out.info(running(step, true));
                    if (step.resource().datafile() instanceof DatasourceFile datasource) {
                        try {
                            new DatasourceStep(context, datasource, out).planUpdate();
                        } catch (StepFailure | TinybirdClientException e) {
                            failure = e.getMessage();
                            outcome = Outcome.FAILED;
                            error = error == null ? "'" + name + "': " + failure : error;
                            out.error("** [DRY RUN] Failed running " + context.relative(step.resource().datafile()
                                    .path()) + ": " + failure);
                        }
                    } else {
                        out.info("** [DRY RUN] '" + name + "' would be overridden");
                    }
                }
            }
            results.add(new ResourceResult(step, outcome, since(start), failure));
        }
        PushResult result = new PushResult(workspace.name(), true, results, List.of(), error);
        result.summary().forEach(out::info);
        if (error != null) {
            throw new PushException("The dry run found a change that cannot be pushed: " + error, result, null);
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------------ apply

    private PushResult apply(DeployPlan plan, PushContext context, String workspace, boolean branch,
                             Map<String, Pipe> pipes) {
        List<ResourceResult> results = new ArrayList<>();
        List<FixtureResult> fixtures = new ArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        String error = null;
        Throwable cause = null;
        PushOptions options = context.options();
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), daemonThreads());
        try {
            for (List<Step> level : plan.levels()) {
                List<Future<ResourceResult>> running = new ArrayList<>();
                List<BufferedOutput> buffers = new ArrayList<>();
                for (Step step : level) {
                    BufferedOutput buffer = new BufferedOutput();
                    buffers.add(buffer);
                    running.add(pool.submit(() -> applyStep(step, context, buffer, pipes, failed)));
                }
                for (int i = 0; i < running.size(); i++) {
                    ResourceResult result = running.get(i).get();
                    buffers.get(i).copyTo(out);
                    results.add(result);
                    if (result.outcome() == Outcome.FAILED && error == null) {
                        error = "'" + result.step().remoteName() + "' (" + context.relative(result.step().resource()
                                .datafile().path()) + "): " + result.error();
                    }
                }
            }
            if (error == null && options.fixtures()) {
                List<Resource> datasources = plan.steps().stream().map(Step::resource)
                        .filter(Resource::isDatasource).toList();
                try {
                    fixtures.addAll(new FixtureLoader(client, context.projectDirectory(), out)
                            .load(datasources, branch, options.force()));
                } catch (FixtureException | TinybirdClientException e) {
                    error = "fixtures: " + e.getMessage();
                    cause = e;
                    out.error("** Failed pushing fixtures: " + e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
            cause = e;
        } catch (ExecutionException e) {
            error = String.valueOf(e.getCause());
            cause = e.getCause();
        } finally {
            pool.shutdownNow();
        }
        for (Step step : plan.steps().subList(results.size(), plan.steps().size())) {
            results.add(new ResourceResult(step, Outcome.NOT_APPLIED, Duration.ZERO, null));
        }
        PushResult result = new PushResult(workspace, false, results, fixtures, error);
        writeJson(options.resultFile(), result.json());
        result.summary().forEach(out::info);
        if (error != null) {
            throw new PushException(failureMessage(result), result, cause);
        }
        return result;
    }

    private ResourceResult applyStep(Step step, PushContext context, Output buffer, Map<String, Pipe> pipes,
                                     AtomicBoolean failed) {
        long start = System.nanoTime();
        if (failed.get()) {
            return new ResourceResult(step, Outcome.NOT_APPLIED, Duration.ZERO, null);
        }
        String name = step.remoteName();
        try {
            Outcome outcome = switch (step.action()) {
                case SKIP_EXISTING -> {
                    buffer.warn("** Warning: " + name + " already exists, skipping");
                    complete(step, context, buffer, pipes);
                    yield Outcome.SKIPPED;
                }
                case UNCHANGED -> {
                    buffer.info("** '" + name + "' has not changed, skipping");
                    complete(step, context, buffer, pipes);
                    yield Outcome.UNCHANGED;
                }
                case CREATE, OVERRIDE -> {
                    buffer.info(running(step, false));
                    yield write(step, context, buffer);
                }
            };
            return new ResourceResult(step, outcome, since(start), null);
        } catch (StepFailure | TinybirdClientException | UncheckedIOException e) {
            failed.set(true);
            buffer.error("** Failed running " + context.relative(step.resource().datafile().path()) + ": "
                    + e.getMessage());
            return new ResourceResult(step, Outcome.FAILED, since(start), e.getMessage());
        }
    }

    private static Outcome write(Step step, PushContext context, Output buffer) {
        boolean override = step.action() == Action.OVERRIDE;
        Object datafile = step.resource().datafile();
        if (datafile instanceof DatasourceFile datasource) {
            DatasourceStep datasourceStep = new DatasourceStep(context, datasource, buffer);
            return override ? datasourceStep.update() : datasourceStep.create();
        }
        if (datafile instanceof PipeFile pipe) {
            return new PipeStep(context, pipe, buffer).push(override);
        }
        TokenFile token = (TokenFile) datafile;
        context.tokens().define(token.name(), scopes(token, context.renames()), override, buffer);
        buffer.info("** '" + token.name() + "' " + (override ? "updated" : "created"));
        return override ? Outcome.OVERRIDDEN : Outcome.CREATED;
    }

    /**
     * Adds what an interrupted push may have left out of an existing resource: its token scopes and, for an
     * endpoint pipe, the publication. Sends nothing when they are in place.
     */
    private static void complete(Step step, PushContext context, Output buffer, Map<String, Pipe> pipes) {
        Object datafile = step.resource().datafile();
        if (datafile instanceof DatasourceFile datasource) {
            new DatasourceStep(context, datasource, buffer).grantTokens();
        } else if (datafile instanceof PipeFile pipe) {
            PipeStep pipeStep = new PipeStep(context, pipe, buffer);
            Pipe remote = pipes.get(step.remoteName());
            if (pipe.kind() == NodeType.ENDPOINT && remote != null && pipeStep.publishIfNeeded(remote)) {
                buffer.info("** Published the endpoint of '" + step.remoteName() + "', which an earlier push"
                        + " left unpublished");
            }
            pipeStep.grantTokens();
        }
    }

    private static List<String> scopes(TokenFile token, Map<String, String> renames) {
        List<String> scopes = new ArrayList<>();
        for (TokenScope scope : token.scopes()) {
            StringBuilder text = new StringBuilder(scope.scope());
            if (scope.resource() != null) {
                text.append(':').append(renames.getOrDefault(scope.resource(), scope.resource()));
                if (scope.filter() != null) {
                    text.append(':').append(scope.filter());
                }
            }
            scopes.add(text.toString());
        }
        return scopes;
    }

    /** {@code ** Running 'x' (v2)}, or {@code => v2 (remote latest version: v1)} when another version exists. */
    private static String running(Step step, boolean dryRun) {
        Integer version = step.resource().datafile().version();
        String prefix = dryRun ? "** [DRY RUN] " : "** ";
        if (version != null && step.remoteVersion() != null) {
            return prefix + "Running '" + step.resource().name() + "' => v" + version + " (remote latest version: v"
                    + step.remoteVersion() + ")";
        }
        return prefix + "Running '" + step.resource().name() + "'" + (version == null ? "" : " (v" + version + ")");
    }

    private static String failureMessage(PushResult result) {
        List<String> applied = result.resources().stream().filter(r -> r.outcome().applied())
                .map(r -> r.step().remoteName() + " (" + r.outcome().label() + ")").toList();
        List<String> notApplied = result.resources().stream()
                .filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.NOT_APPLIED)
                .map(r -> r.step().remoteName()).toList();
        return "Push to '" + result.workspace() + "' failed on " + result.error()
                + "\n  Applied by this push: " + (applied.isEmpty() ? "nothing" : String.join(", ", applied))
                + "\n  Not applied: " + (notApplied.isEmpty() ? "nothing" : String.join(", ", notApplied))
                + "\n  Running the push again carries on from there: what exists is skipped (or updated with force).";
    }

    // ------------------------------------------------------------------------------------------------ files

    private Map<String, Object> planJson(DeployPlan plan, WorkspaceInfo workspace, PushOptions options) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workspace", workspace.name());
        json.put("host", client.baseUrl());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("force", options.force());
        settings.put("dry_run", options.dryRun());
        settings.put("only_changes", options.onlyChanges());
        settings.put("populate", options.populate());
        settings.put("push_deps", options.pushDeps());
        settings.put("fixtures", options.fixtures());
        settings.put("resources", new TreeSet<>(options.resources()));
        json.put("options", settings);
        json.putAll(plan.json());
        return json;
    }

    private static void writeJson(Path file, Map<String, Object> json) {
        if (file == null) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String relative(Project project, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(project.directory()) ? project.directory().relativize(absolute).toString()
                : absolute.toString();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tinybird-push-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** With {@code onlyChanges}: the project's resources that exist in the workspace and differ from it. */
    private Predicate<Resource> changedResources(Project project, RemoteState remote,
                                                PushOptions options) {
        if (!options.onlyChanges()) {
            return resource -> true;
        }
        List<Resource> existing = project.resources().stream()
                .filter(resource -> !resource.vendor() && remote.exists(resource.remoteName())).toList();
        return new ProjectDiff(project, client).changedAmong(existing, options.parallelism())::contains;
    }
}
