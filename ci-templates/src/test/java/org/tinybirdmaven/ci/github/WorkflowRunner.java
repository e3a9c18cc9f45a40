package org.tinybirdmaven.ci.github;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a GitHub Actions workflow on this machine the way a runner does, to execute the real templates: jobs in
 * {@code needs} order with job and step {@code if:}, reusable workflows called with typed {@code inputs} and
 * {@code secrets} (required ones enforced, unknown ones refused), env layered workflow → job → step on top of
 * {@code $GITHUB_ENV}, {@code defaults.run}, the runner's shells ({@code bash -e}, {@code shell: bash} with
 * {@code pipefail}), {@code $GITHUB_ENV}/{@code $GITHUB_OUTPUT}/{@code $GITHUB_PATH} files (heredoc form too),
 * {@code ::add-mask::} and masked secrets in the log. {@code uses:} actions run through the {@link Action} stubs
 * given; an action without one fails the step.
 */
public final class WorkflowRunner {

    /** A stand-in for an action: gets its evaluated {@code with:} and may export variables and PATH entries. */
    public interface Action {
        void run(Map<String, String> with, StepEnvironment environment) throws IOException;
    }

    /** What a stubbed action may read and change. */
    public record StepEnvironment(Path workspace, Path home, Map<String, String> env, Map<String, String> exports,
                                  List<String> pathEntries, List<String> log) {}

    /** How the runner is set up: the checkout, the machine, the triggering event, secrets and stubs. */
    public record Setup(Path workspace, Path home, Map<String, String> machineEnv, String eventName,
                        Map<String, Object> event, long runId, String repository, Map<String, String> secrets,
                        Function<String, Path> reusableWorkflows, Map<String, Action> actions) {}

    public record StepResult(String job, String name, String outcome) {}

    /** The run's conclusion, its steps, its log (masked as GitHub shows it) and the values that were masked. */
    public record Result(boolean success, List<StepResult> steps, String log, Set<String> masks) {
        public List<String> ran() {
            return steps.stream().filter(step -> !step.outcome().equals("skipped")).map(StepResult::name).toList();
        }

        public String outcome(String step) {
            return steps.stream().filter(s -> s.name().equals(step)).map(StepResult::outcome).findFirst()
                    .orElseThrow(() -> new AssertionError("No step '" + step + "' in " + steps));
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STEP_TIMEOUT_MINUTES = 10;

    private final Setup setup;
    private final Path runnerTemp;
    private final List<StepResult> steps = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Set<String> masks = new LinkedHashSet<>();
    private int stepCounter;

    public WorkflowRunner(Setup setup) throws IOException {
        this.setup = setup;
        this.runnerTemp = Files.createTempDirectory("runner-temp");
        setup.secrets().values().stream().filter(value -> !value.isEmpty()).forEach(masks::add);
    }

    /** Runs every job of the workflow for the setup's event. */
    public Result run(Path workflowFile) throws IOException, InterruptedException {
        JsonNode workflow = YAML.readTree(workflowFile.toFile());
        if (!triggeredBy(workflow.get("on"), setup.eventName())) {
            throw new IllegalArgumentException(workflowFile + " is not triggered by " + setup.eventName());
        }
        Map<String, Object> contexts = new HashMap<>();
        contexts.put("github", githubContext());
        contexts.put("secrets", new HashMap<>(setup.secrets()));
        contexts.put("inputs", Map.of());
        boolean success = runJobs(workflow, contexts);
        return new Result(success, List.copyOf(steps), String.join("\n", log) + "\n", Set.copyOf(masks));
    }

    private static boolean triggeredBy(JsonNode on, String event) {
        return on != null && (on.isTextual() ? on.asText().equals(event)
                : on.isArray() ? toList(on).contains(event) : on.has(event));
    }

    private Map<String, Object> githubContext() {
        Map<String, Object> github = new HashMap<>();
        github.put("event_name", setup.eventName());
        github.put("event", setup.event());
        github.put("run_id", Long.toString(setup.runId()));
        github.put("repository", setup.repository());
        github.put("workspace", setup.workspace().toString());
        return github;
    }

    private boolean runJobs(JsonNode workflow, Map<String, Object> contexts)
            throws IOException, InterruptedException {
        Map<String, Boolean> done = new LinkedHashMap<>();
        List<String> pending = toList(fieldNames(workflow.get("jobs")));
        while (!pending.isEmpty()) {
            String next = pending.stream().filter(id -> done.keySet().containsAll(needs(workflow, id))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("jobs " + pending + " need unknown jobs"));
            pending.remove(next);
            JsonNode job = workflow.get("jobs").get(next);
            boolean needsOk = needs(workflow, next).stream().allMatch(done::get);
            Expressions.Scope scope = scope(contexts, Map.of(), !needsOk);
            if (!Expressions.condition(job.path("if").asText("success()"), scope)) {
                log.add("== job " + next + ": skipped");
                steps.add(new StepResult(next, "(job)", "skipped"));
                done.put(next, needsOk);
                continue;
            }
            done.put(next, job.has("uses") ? callReusable(next, job, contexts)
                    : runJob(next, workflow, job, contexts));
        }
        return !done.containsValue(false);
    }

    private static List<String> needs(JsonNode workflow, String id) {
        JsonNode needs = workflow.get("jobs").get(id).get("needs");
        return needs == null ? List.of() : needs.isArray() ? toList(needs) : List.of(needs.asText());
    }

    private boolean callReusable(String id, JsonNode job, Map<String, Object> callerContexts)
            throws IOException, InterruptedException {
        String uses = job.get("uses").asText();
        Path file = setup.reusableWorkflows().apply(uses);
        if (file == null) {
            throw new IllegalArgumentException("job " + id + ": no reusable workflow for 'uses: " + uses + "'");
        }
        JsonNode called = YAML.readTree(file.toFile());
        JsonNode declared = called.at("/on/workflow_call");
        if (declared.isMissingNode()) {
            throw new IllegalArgumentException(uses + " has no on.workflow_call");
        }
        Expressions.Scope callerScope = scope(callerContexts, Map.of(), false);
        Map<String, Object> inputs = new HashMap<>();
        JsonNode with = job.path("with");
        for (String name : toList(fieldNames(with))) {
            if (!declared.path("inputs").has(name)) {
                throw new IllegalArgumentException("job " + id + " passes undeclared input " + name + " to " + uses);
            }
        }
        for (String name : toList(fieldNames(declared.path("inputs")))) {
            JsonNode spec = declared.path("inputs").get(name);
            String type = spec.path("type").asText("string");
            Object value;
            if (with.has(name)) {
                value = typed(type, Expressions.interpolate(with.get(name).asText(), callerScope), name);
            } else if (spec.path("required").asBoolean()) {
                throw new IllegalArgumentException("job " + id + ": input " + name + " is required by " + uses);
            } else {
                value = spec.has("default") ? typed(type, spec.get("default").asText(), name) : null;
            }
            inputs.put(name, value);
        }
        Map<String, String> secrets = new HashMap<>();
        JsonNode given = job.path("secrets");
        if (given.isTextual() && given.asText().equals("inherit")) {
            secrets.putAll(setup.secrets());
        } else {
            for (String name : toList(fieldNames(given))) {
                if (!declared.path("secrets").has(name)) {
                    throw new IllegalArgumentException("job " + id + " passes undeclared secret " + name);
                }
                secrets.put(name, Expressions.interpolate(given.get(name).asText(), callerScope));
            }
        }
        for (String name : toList(fieldNames(declared.path("secrets")))) {
            if (declared.path("secrets").get(name).path("required").asBoolean() && !secrets.containsKey(name)) {
                throw new IllegalArgumentException("job " + id + ": secret " + name + " is required by " + uses);
            }
        }
        log.add("== job " + id + ": calling " + uses);
        Map<String, Object> contexts = new HashMap<>(callerContexts);
        contexts.put("inputs", inputs);
        contexts.put("secrets", secrets);
        return runJobs(called, contexts);
    }

    private static Object typed(String type, String text, String name) {
        return switch (type) {
            case "boolean" -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("input " + name + " must be a boolean, got '" + text + "'");
                }
                yield Boolean.valueOf(text);
            }
            case "number" -> Double.valueOf(text);
            default -> text;
        };
    }

    private boolean runJob(String id, JsonNode workflow, JsonNode job, Map<String, Object> contexts)
            throws IOException, InterruptedException {
        if (!job.has("runs-on") || !job.has("steps")) {
            throw new IllegalArgumentException("job " + id + " needs runs-on and steps");
        }
        log.add("== job " + id);
        Map<String, String> workflowEnv = evaluateEnv(workflow.get("env"), contexts, Map.of());
        Map<String, String> jobEnv = new LinkedHashMap<>(workflowEnv);
        jobEnv.putAll(evaluateEnv(job.get("env"), contexts, workflowEnv));
        JsonNode defaults = job.at("/defaults/run").isMissingNode() ? workflow.at("/defaults/run")
                : job.at("/defaults/run");
        Map<String, String> exported = new LinkedHashMap<>();
        List<String> pathEntries = new ArrayList<>();
        Map<String, Object> stepsContext = new HashMap<>();
        Map<String, Object> jobContexts = new HashMap<>(contexts);
        jobContexts.put("steps", stepsContext);
        boolean failed = false;
        for (JsonNode step : job.get("steps")) {
            Map<String, String> envContext = new LinkedHashMap<>(exported);
            envContext.putAll(jobEnv);
            String name = step.has("name") ? step.get("name").asText()
                    : step.has("uses") ? step.get("uses").asText()
                    : "Run " + step.path("run").asText().strip().lines().findFirst().orElse("");
            Expressions.Scope scope = scope(jobContexts, envContext, failed);
            if (!Expressions.condition(step.path("if").asText("success()"), scope)) {
                steps.add(new StepResult(id, name, "skipped"));
                log.add("-- " + name + ": skipped");
                continue;
            }
            envContext.putAll(evaluateEnv(step.get("env"), jobContexts, envContext));
            log.add("-- " + name);
            Map<String, String> outputs = new LinkedHashMap<>();
            boolean ok;
            try {
                ok = step.has("uses") ? runAction(step, scope(jobContexts, envContext, failed), envContext,
                        exported, pathEntries)
                        : runScript(step, defaults, scope(jobContexts, envContext, failed), envContext, exported,
                        pathEntries, outputs);
            } catch (IllegalArgumentException e) {
                log.add("Error: " + e.getMessage());
                ok = false;
            }
            steps.add(new StepResult(id, name, ok ? "success" : "failure"));
            log.add("-- " + name + ": " + (ok ? "success" : "failure"));
            failed |= !ok;
            if (step.has("id")) {
                stepsContext.put(step.get("id").asText(), Map.of("outputs", outputs, "outcome",
                        ok ? "success" : "failure", "conclusion", ok ? "success" : "failure"));
            }
        }
        return !failed;
    }

    private Map<String, String> evaluateEnv(JsonNode env, Map<String, Object> contexts, Map<String, String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (env != null) {
            Expressions.Scope scope = scope(contexts, known, false);
            env.fields().forEachRemaining(field -> values.put(field.getKey(),
                    Expressions.interpolate(field.getValue().asText(), scope)));
        }
        return values;
    }

    private boolean runAction(JsonNode step, Expressions.Scope scope, Map<String, String> env,
                              Map<String, String> exported, List<String> pathEntries) throws IOException {
        String uses = step.get("uses").asText();
        Action action = setup.actions().get(uses);
        if (action == null) {
            log.add("Error: no stub for action " + uses + "; the executor runs only actions it knows");
            return false;
        }
        Map<String, String> with = new LinkedHashMap<>();
        step.path("with").fields().forEachRemaining(field -> with.put(field.getKey(),
                Expressions.interpolate(field.getValue().asText(), scope)));
        List<String> actionLog = new ArrayList<>();
        action.run(with, new StepEnvironment(setup.workspace(), setup.home(), env, exported, pathEntries, actionLog));
        actionLog.forEach(line -> log.add(mask(line)));
        return true;
    }

    private boolean runScript(JsonNode step, JsonNode defaults, Expressions.Scope scope, Map<String, String> env,
                              Map<String, String> exported, List<String> pathEntries, Map<String, String> outputs)
            throws IOException, InterruptedException {
        String script = Expressions.interpolate(step.get("run").asText(), scope);
        String shell = step.has("shell") ? step.get("shell").asText() : defaults.path("shell").asText(null);
        String directory = step.has("working-directory") ? step.get("working-directory").asText()
                : defaults.path("working-directory").asText(".");
        Path workdir = setup.workspace().resolve(Expressions.interpolate(directory, scope)).normalize();
        if (!Files.isDirectory(workdir)) {
            log.add("Error: working-directory " + workdir + " does not exist");
            return false;
        }
        int n = ++stepCounter;
        Path file = Files.writeString(runnerTemp.resolve("step-" + n + ".sh"), script);
        List<String> command = switch (shell == null ? "" : shell) {
            case "" -> List.of("bash", "-e", file.toString());
            case "bash" -> List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString());
            case "sh" -> List.of("sh", "-e", file.toString());
            default -> throw new IllegalArgumentException("shell " + shell + " is not supported by the executor");
        };
        Path envFile = Files.createFile(runnerTemp.resolve("env-" + n));
        Path outputFile = Files.createFile(runnerTemp.resolve("output-" + n));
        Path pathFile = Files.createFile(runnerTemp.resolve("path-" + n));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
        Map<String, String> processEnv = builder.environment();
        processEnv.clear();
        processEnv.putAll(setup.machineEnv());
        processEnv.putAll(runnerVariables(n));
        processEnv.putAll(env);
        processEnv.put("GITHUB_ENV", envFile.toString());
        processEnv.put("GITHUB_OUTPUT", outputFile.toString());
        processEnv.put("GITHUB_PATH", pathFile.toString());
        if (!pathEntries.isEmpty()) {
            processEnv.put("PATH", String.join(":", pathEntries) + ":" + processEnv.get("PATH"));
        }
        log.add("$ " + mask(script.strip().lines().findFirst().orElse("")));
        Process process = builder.start();
        process.getOutputStream().close();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                command(line);
            }
        }
        if (!process.waitFor(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            log.add("Error: the step ran longer than " + STEP_TIMEOUT_MINUTES + " minutes");
            return false;
        }
        exported.putAll(readEnvFile(envFile));
        outputs.putAll(readEnvFile(outputFile));
        Files.readAllLines(pathFile).stream().filter(line -> !line.isBlank()).forEach(line -> pathEntries.add(0, line));
        if (process.exitValue() != 0) {
            log.add("Error: Process completed with exit code " + process.exitValue() + ".");
            return false;
        }
        return true;
    }

    private Map<String, String> runnerVariables(int step) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("CI", "true");
        vars.put("GITHUB_ACTIONS", "true");
        vars.put("HOME", setup.home().toString());
        vars.put("RUNNER_OS", "Linux");
        vars.put("RUNNER_TEMP", runnerTemp.toString());
        vars.put("GITHUB_WORKSPACE", setup.workspace().toString());
        vars.put("GITHUB_RUN_ID", Long.toString(setup.runId()));
        vars.put("GITHUB_RUN_NUMBER", "1");
        vars.put("GITHUB_RUN_ATTEMPT", "1");
        vars.put("GITHUB_REPOSITORY", setup.repository());
        vars.put("GITHUB_EVENT_NAME", setup.eventName());
        vars.put("GITHUB_ACTOR", "octocat");
        try {
            vars.put("GITHUB_EVENT_PATH", Files.writeString(runnerTemp.resolve("event-" + step + ".json"),
                    JSON.writeValueAsString(setup.event())).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vars;
    }

    /** Handles a workflow command line, then logs the line with every mask applied. */
    private void command(String line) {
        if (line.startsWith("::add-mask::")) {
            String value = line.substring("::add-mask::".length()).strip();
            if (!value.isEmpty()) {
                masks.add(value);
            }
            log.add("::add-mask::***");
        } else if (line.startsWith("::error")) {
            log.add(mask("Error: " + line.substring(line.indexOf("::", 2) + 2)));
        } else {
            log.add(mask(line));
        }
    }

    private String mask(String line) {
        String masked = line;
        for (String value : masks) {
            masked = masked.replace(value, "***");
        }
        return masked;
    }

    /** {@code KEY=value} lines and {@code KEY<<DELIMITER} blocks, as GitHub reads its environment files. */
    static Map<String, String> readEnvFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int heredoc = line.indexOf("<<");
            int equals = line.indexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
                String delimiter = line.substring(heredoc + 2);
                List<String> value = new ArrayList<>();
                for (i++; i < lines.size() && !lines.get(i).equals(delimiter); i++) {
                    value.add(lines.get(i));
                }
                if (i >= lines.size()) {
                    throw new IllegalArgumentException(file + ": no closing " + delimiter);
                }
                values.put(line.substring(0, heredoc), String.join("\n", value));
            } else if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException(file + ": invalid line '" + line + "'");
            }
        }
        return values;
    }

    private static Expressions.Scope scope(Map<String, Object> contexts, Map<String, String> env, boolean failed) {
        Map<String, Object> all = new HashMap<>(contexts);
        all.put("env", new HashMap<String, Object>(env));
        all.putIfAbsent("steps", Map.of());
        return new Expressions.Scope() {
            @Override
            public Map<String, Object> contexts() {
                return all;
            }

            @Override
            public boolean jobFailed() {
                return failed;
            }
        };
    }

    private static JsonNode fieldNames(JsonNode node) {
        return node == null || !node.isObject() ? JSON.createArrayNode()
                : JSON.valueToTree(toList(node.fieldNames()));
    }

    private static List<String> toList(Iterable<JsonNode> nodes) {
        List<String> list = new ArrayList<>();
        nodes.forEach(node -> list.add(node.asText()));
        return list;
    }

    private static List<String> toList(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
