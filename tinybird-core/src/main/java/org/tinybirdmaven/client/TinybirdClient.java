package org.tinybirdmaven.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The Tinybird classic v0 REST API, as the plugin's goals use it. Thread-safe; {@link #close()} releases the
 * connections. Every failure is a {@link TinybirdClientException} whose message says what failed and what to do;
 * "not found" lookups return {@link Optional#empty()} instead.
 *
 * <p>The token is read from its supplier once per call and sent only as {@code Authorization: Bearer}; it appears
 * in no URL, message, event or {@code toString()}.
 */
public final class TinybirdClient implements AutoCloseable {

    /** Longer GET URLs are sent as a POST with a form body, as the classic CLI does. */
    static final int MAX_GET_LENGTH = 4096;

    private static final Duration JOB_POLL_FIRST = Duration.ofSeconds(2);
    private static final Duration JOB_POLL_MAX = Duration.ofSeconds(10);
    private static final String NO_ALTER_OPERATIONS = "There were no operations to perform";
    private static final Pattern FORMAT_CLAUSE = Pattern.compile("(?is).*\\bFORMAT\\s+\\w+\\s*;?\\s*");
    private static final ContentType FORM = ContentType.APPLICATION_FORM_URLENCODED
            .withCharset(StandardCharsets.UTF_8);

    private final Transport transport;
    private final boolean ownsConnections;

    private TinybirdClient(Transport transport, boolean ownsConnections) {
        this.transport = transport;
        this.ownsConnections = ownsConnections;
    }

    /**
     * @param baseUrl the API host, e.g. {@code https://api.tinybird.co} (a trailing {@code /} is removed)
     * @param token   where the token comes from; read once per call
     */
    public static Builder builder(String baseUrl, Supplier<String> token) {
        return new Builder(baseUrl, token);
    }

    /**
     * A client for the same host and settings, sharing the connections, that sends another token (a user token
     * for workspace creation, a workspace's admin token after {@code userWorkspaces}). Closing it does not close
     * this client.
     */
    public TinybirdClient withToken(Supplier<String> token) {
        return new TinybirdClient(transport.withToken(Objects.requireNonNull(token, "token")), false);
    }

    /** The API host, without trailing {@code /}. */
    public String baseUrl() {
        return transport.baseUrl();
    }

    // ---------------------------------------------------------------------------------------------------- identity

    /** {@code GET /v0/auth}: whether the token is valid and is a user token. */
    public AuthInfo auth() {
        return AuthInfo.from(json(Call.get("/v0/auth").about("check the token", null)));
    }

    /** {@code GET /v0/workspace}: the token's own workspace. */
    public WorkspaceInfo workspace() {
        return WorkspaceInfo.from(json(Call.get("/v0/workspace").about("read the token's workspace", null)));
    }

    /**
     * {@code GET /v0/user/workspaces}: the workspaces the token's user can see, with their admin tokens.
     *
     * @param withBranches include branches
     * @param onlyBranches only branches
     */
    public UserWorkspaces userWorkspaces(boolean withBranches, boolean onlyBranches) {
        return UserWorkspaces.from(json(Call.get("/v0/user/workspaces")
                .param("with_environments", withBranches || onlyBranches)
                .param("only_environments", onlyBranches ? Boolean.TRUE : null)
                .about("list the workspaces", null)));
    }

    /**
     * {@code POST /v0/workspaces} (user token). The answer carries no token: list {@link #userWorkspaces} for it.
     */
    public WorkspaceEntry createWorkspace(String name) {
        return WorkspaceEntry.from(json(Call.post("/v0/workspaces").param("name", name)
                .about("create workspace '" + name + "'", "workspace '" + name + "'")));
    }

    /** {@code DELETE /v0/workspaces/{id}} (user token): Tinybird's default, a soft delete. */
    public void deleteWorkspace(String id) {
        deleteWorkspace(id, null);
    }

    /**
     * {@code DELETE /v0/workspaces/{id}?confirmation=} (user token): with the workspace's exact name as
     * {@code confirmation}, a hard delete (Tinybird refuses a confirmation that is not the name); without, a soft one.
     */
    public void deleteWorkspace(String id, String confirmation) {
        transport.execute(Call.delete("/v0/workspaces/" + Call.encode(id)).param("confirmation", confirmation)
                .about("delete workspace '" + (confirmation == null ? id : confirmation) + "'",
                        "workspace '" + (confirmation == null ? id : confirmation) + "'"));
    }

    // ------------------------------------------------------------------------------------------------------ tokens

    /** {@code GET /v0/tokens}: every token of the workspace. */
    public List<Token> tokens() {
        return Json.list(json(Call.get("/v0/tokens").about("list the tokens", null)), "tokens", Token::from);
    }

    /**
     * {@code POST /v0/tokens?name=&scope=…&origin=&resource_id=}, as the CLI creates the tokens of datafile
     * {@code TOKEN} lines.
     *
     * @param scopes     {@code TYPE[:resource[:filter]]}, at least one
     * @param origin     {@code C}, {@code DS} or {@code P}; null for Tinybird's default
     * @param resourceId the datasource or pipe of a {@code DS}/{@code P} origin, or null
     */
    public Token createToken(String name, List<String> scopes, String origin, String resourceId) {
        Call call = Call.post("/v0/tokens").param("name", name);
        scopes.forEach(scope -> call.param("scope", scope));
        return Token.from(json(call.param("origin", origin).param("resource_id", resourceId)
                .about("create token '" + name + "'", "token '" + name + "'")));
    }

    /** {@code PUT /v0/tokens/{name}?scope=…}: the scopes replace the token's current ones. */
    public Token updateTokenScopes(String name, List<String> scopes) {
        Call call = Call.put("/v0/tokens/" + Call.encode(name));
        scopes.forEach(scope -> call.param("scope", scope));
        return Token.from(json(call.about("update the scopes of token '" + name + "'", "token '" + name + "'")));
    }

    // ------------------------------------------------------------------------------------------------- datasources

    /** {@code GET /v0/datasources}: the datasources the token may read. */
    public List<Datasource> datasources() {
        return Json.list(json(Call.get("/v0/datasources").about("list the datasources", null)), "datasources",
                Datasource::from);
    }

    /** {@code GET /v0/datasources/{name}}; empty when it does not exist. */
    public Optional<Datasource> datasource(String name) {
        return ifExists(() -> Datasource.from(json(Call.get("/v0/datasources/" + Call.encode(name))
                .about("read datasource '" + name + "'", "datasource '" + name + "'"))));
    }

    /**
     * {@code POST /v0/datasources} with the parameters as a form body ({@code name}, {@code schema},
     * {@code engine*}, {@code format}, …; {@code mode} defaults to {@code create} on the server).
     */
    public Datasource createDatasource(Map<String, String> params) {
        String name = params.get("name");
        Call call = Call.post("/v0/datasources").about("create datasource '" + name + "'",
                "datasource '" + name + "'");
        JsonNode answer = json(formBody(call, params));
        return Datasource.from(answer.has("datasource") ? answer.get("datasource") : answer);
    }

    /** {@code GET /v0/datasources/{name}.datasource}: the datafile text Tinybird generates. */
    public String datasourceFile(String name) {
        return transport.execute(Call.get("/v0/datasources/" + Call.encode(name) + ".datasource")
                .about("read the datafile of datasource '" + name + "'", "datasource '" + name + "'")).text();
    }

    /**
     * {@code DELETE /v0/datasources/{name}}; without {@code force}, a datasource other resources depend on is
     * refused with a {@link TinybirdApiException.Kind#CONFLICT}.
     */
    public void deleteDatasource(String name, boolean force) {
        transport.execute(Call.delete("/v0/datasources/" + Call.encode(name)).param("force", force ? true : null)
                .about("delete datasource '" + name + "'", "datasource '" + name + "'"));
    }

    /** {@code POST /v0/datasources/{name}/truncate}: removes every row. */
    public void truncateDatasource(String name) {
        transport.execute(Call.post("/v0/datasources/" + Call.encode(name) + "/truncate")
                .about("truncate datasource '" + name + "'", "datasource '" + name + "'"));
    }

    /**
     * {@code POST /v0/datasources/{name}/alter} with {@code schema}, {@code description}, {@code ttl},
     * {@code indexes} as a form body. Nothing to change is not an error: the result has no operations.
     *
     * @param dry only report the operations
     */
    public AlterResult alterDatasource(String name, Map<String, String> params, boolean dry) {
        Call call = Call.post("/v0/datasources/" + Call.encode(name) + "/alter")
                .about((dry ? "check changes to" : "alter") + " datasource '" + name + "'",
                        "datasource '" + name + "'");
        List<Map.Entry<String, String>> form = pairs(params);
        form.add(new AbstractMap.SimpleImmutableEntry<>("dry", Boolean.toString(dry)));
        call.body(() -> new StringEntity(Call.form(form), FORM));
        try {
            return AlterResult.from(json(call));
        } catch (TinybirdApiException e) {
            // Tinybird answers 400 when the new definition equals the current one; the CLI treats it as done.
            if (e.status() == 400 && e.error().startsWith(NO_ALTER_OPERATIONS)) {
                return new AlterResult(List.of(), List.of(), e.body());
            }
            throw e;
        }
    }

    /**
     * {@code POST /v0/datasources?mode=&name=&format=} with the file as multipart field {@code csv},
     * {@code ndjson} or {@code parquet}, streamed from disk (never held in memory). A 429 is retried by sending
     * the file again. An import with quarantined rows or invalid lines fails with Tinybird's summary; its counts
     * are in {@link TinybirdApiException#body()}.
     */
    public AppendResult appendFile(String name, AppendMode mode, DataFormat format, Path file,
                                   ProgressListener progress) {
        String action = mode.parameter() + " " + file.getFileName() + " into datasource '" + name + "'";
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new TinybirdClientException(action, "cannot read " + file + " (" + e + ")",
                    "Perhaps you should check that the file exists and is readable", e);
        }
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        Call call = Call.post("/v0/datasources").param("mode", mode.parameter()).param("name", name)
                .param("format", format.parameter()).about(action, "datasource '" + name + "'")
                .body(() -> MultipartEntityBuilder.create().setMode(HttpMultipartMode.EXTENDED)
                        // Without this, the content type says charset=ISO-8859-1, which means nothing for
                        // multipart and which some parsers refuse.
                        .setContentType(ContentType.create("multipart/form-data"))
                        .addPart(format.parameter(), new ProgressFileBody(file, length, listener)).build());
        return AppendResult.from(json(call));
    }

    // ------------------------------------------------------------------------------------------------------- pipes

    /** {@code GET /v0/pipes}; with {@code dependencies}, every node lists the tables it reads. */
    public List<Pipe> pipes(boolean dependencies) {
        return Json.list(json(Call.get("/v0/pipes").param("dependencies", dependencies)
                .about("list the pipes", null)), "pipes", Pipe::from);
    }

    /** {@code GET /v0/pipes/{name}}; empty when it does not exist. */
    public Optional<Pipe> pipe(String name) {
        return ifExists(() -> Pipe.from(json(Call.get("/v0/pipes/" + Call.encode(name))
                .about("read pipe '" + name + "'", "pipe '" + name + "'"))));
    }

    /**
     * {@code POST /v0/pipes?<query>} with the pipe as JSON ({@code {"name", "description", "nodes": [...]}}), as
     * the classic CLI pushes a pipe.
     *
     * @param query {@code force}, {@code populate}, {@code populate_subset}, {@code populate_condition},
     *              {@code unlink_on_populate_error}, {@code branch_mode}, …
     */
    public CreatedPipe createPipe(JsonNode body, Map<String, String> query) {
        String name = Json.text(body, "name");
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The pipe body cannot be written as JSON", e);
        }
        return CreatedPipe.from(json(Call.post("/v0/pipes").params(query)
                .body(() -> new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON))
                .about("create pipe '" + name + "'", "pipe '" + name + "'")));
    }

    /** {@code GET /v0/pipes/{name}.pipe}: the datafile text Tinybird generates. */
    public String pipeFile(String name) {
        return transport.execute(Call.get("/v0/pipes/" + Call.encode(name) + ".pipe")
                .about("read the datafile of pipe '" + name + "'", "pipe '" + name + "'")).text();
    }

    /** {@code DELETE /v0/pipes/{name}}. */
    public void deletePipe(String name) {
        transport.execute(Call.delete("/v0/pipes/" + Call.encode(name))
                .about("delete pipe '" + name + "'", "pipe '" + name + "'"));
    }

    /** {@code POST /v0/pipes/{pipe}/nodes/{node}/endpoint}: publishes the node as the pipe's endpoint. */
    public Pipe publishEndpoint(String pipe, String node) {
        return Pipe.from(json(Call.post("/v0/pipes/" + Call.encode(pipe) + "/nodes/" + Call.encode(node)
                + "/endpoint").about("publish node '" + node + "' of pipe '" + pipe + "'", "pipe '" + pipe + "'")));
    }

    /**
     * {@code GET /v0/pipes/{pipe}.{format}?<params>&q=}: the endpoint's data. Sent as a POST with a form body when
     * the URL would be longer than {@value #MAX_GET_LENGTH} characters.
     *
     * @param format {@code json}, {@code csv}, {@code ndjson}, {@code parquet}
     * @param params template parameters
     * @param q      SQL run over the endpoint's result, or null
     */
    public QueryResult pipeData(String pipe, String format, Map<String, String> params, String q) {
        List<Map.Entry<String, String>> query = pairs(params);
        if (q != null) {
            query.add(new AbstractMap.SimpleImmutableEntry<>("q", q));
        }
        return read("/v0/pipes/" + Call.encode(pipe) + "." + Call.encode(format), query,
                "query the endpoint of pipe '" + pipe + "'", "pipe '" + pipe + "'");
    }

    /**
     * {@code GET /v0/sql?q=} (a POST form when too long for a GET).
     *
     * @param format appended as {@code FORMAT <format>} unless the query ends with a FORMAT clause; null to send
     *               the query as it is
     */
    public QueryResult sql(String query, String format) {
        String sql = format == null || FORMAT_CLAUSE.matcher(query).matches() ? query : query + " FORMAT " + format;
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(new AbstractMap.SimpleImmutableEntry<>("q", sql));
        return read("/v0/sql", params, "run the SQL query '" + abbreviate(query) + "'", null);
    }

    // -------------------------------------------------------------------------------------------------------- jobs

    /** {@code GET /v0/jobs/{id}}. */
    public Job job(String id) {
        return Job.from(json(Call.get("/v0/jobs/" + Call.encode(id)).about("read job '" + id + "'",
                "job '" + id + "'")));
    }

    /**
     * Polls the job (every 2 s at first, then a little less often, up to every 10 s) until it is {@code done},
     * which is returned, or {@code error} or {@code cancelled}, which throw a {@link TinybirdJobException} with the
     * job's error; so does a job still running after {@code timeout}.
     */
    public Job waitForJob(String id, Duration timeout, JobListener listener) {
        JobListener updates = listener == null ? JobListener.NONE : listener;
        Clock clock = transport.clock();
        Instant deadline = clock.instant().plus(timeout);
        Duration interval = JOB_POLL_FIRST;
        while (true) {
            Job job = job(id);
            updates.update(job);
            String action = "finish job '" + id + "'" + (job.kind() == null ? "" : " (" + job.kind() + ")");
            if (job.isDone()) {
                return job;
            }
            if (job.isError()) {
                String error = job.errorText();
                throw new TinybirdJobException(action, TinybirdJobException.Kind.FAILED,
                        error == null ? "the job failed without saying why" : error, job, null);
            }
            if (job.isCancelled()) {
                throw new TinybirdJobException(action, TinybirdJobException.Kind.CANCELLED,
                        TinybirdJobException.CANCELLED, job, "It was cancelled outside this build (UI, CLI or API); "
                        + "perhaps you should run it again");
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new TinybirdJobException(action, TinybirdJobException.Kind.TIMED_OUT,
                        "the job is still " + job.status() + " after " + timeout.toSeconds() + " s", job,
                        "Perhaps you should allow more time, or follow the job at its URL");
            }
            Duration left = Duration.between(now, deadline);
            try {
                transport.sleeper().sleep(left.compareTo(interval) < 0 ? left : interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TinybirdClientException(action, "interrupted while waiting for the job", null, e);
            }
            Duration longer = interval.plus(interval.dividedBy(4));
            interval = longer.compareTo(JOB_POLL_MAX) > 0 ? JOB_POLL_MAX : longer;
        }
    }

    // -------------------------------------------------------------------------------------------------- branches

    /** {@code GET /v0/environments}: the branches of the token's main workspace. */
    public List<WorkspaceEntry> environments() {
        return Json.list(json(Call.get("/v0/environments").about("list the branches", null)), "environments",
                WorkspaceEntry::from);
    }

    /**
     * {@code POST /v0/environments?name=&data=}: creates a branch of the token's workspace.
     *
     * @param data {@code last_partition}, {@code all_partitions}, or null for no data
     */
    public CreatedEnvironment createEnvironment(String name, String data) {
        return CreatedEnvironment.from(json(Call.post("/v0/environments").param("name", name).param("data", data)
                .about("create branch '" + name + "'", "branch '" + name + "'")));
    }

    /** {@code DELETE /v0/environments/{idOrName}}. */
    public void deleteEnvironment(String idOrName) {
        transport.execute(Call.delete("/v0/environments/" + Call.encode(idOrName))
                .about("delete branch '" + idOrName + "'", "branch '" + idOrName + "'"));
    }

    // ------------------------------------------------------------------------------------------------------ common

    private JsonNode json(Call call) {
        Response response = transport.execute(call);
        JsonNode json = Json.parseOrNull(response.body());
        if (json == null) {
            throw new TinybirdClientException(call.action, "the answer of " + call.method + " "
                    + Redact.url(call.pathAndQuery()) + " is not JSON (" + response.contentType() + ", "
                    + response.body().length + " bytes)",
                    "Is " + Transport.hostOf(transport.baseUrl()) + " a Tinybird API host?", null);
        }
        return json;
    }

    private static Call formBody(Call call, Map<String, String> params) {
        String form = Call.form(pairs(params));
        return call.body(() -> new StringEntity(form, FORM));
    }

    /** A read that is a GET when short enough, else a POST with the same parameters as a form body. */
    private QueryResult read(String path, List<Map.Entry<String, String>> params, String action, String resource) {
        Call get = Call.get(path).about(action, resource);
        params.forEach(p -> get.param(p.getKey(), p.getValue()));
        Call call = get;
        if (transport.urlLength(get) > MAX_GET_LENGTH) {
            String form = Call.form(params);
            call = Call.post(path).readOnly().about(action, resource).body(() -> new StringEntity(form, FORM));
        }
        Response response = transport.execute(call);
        return new QueryResult(response.contentType(), response.body());
    }

    private static <T> Optional<T> ifExists(Supplier<T> lookup) {
        try {
            return Optional.of(lookup.get());
        } catch (TinybirdApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static List<Map.Entry<String, String>> pairs(Map<String, String> params) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (params != null) {
            params.forEach((k, v) -> {
                if (v != null) {
                    pairs.add(new AbstractMap.SimpleImmutableEntry<>(k, v));
                }
            });
        }
        return pairs;
    }

    private static String abbreviate(String sql) {
        String line = sql.replaceAll("\\s+", " ").trim();
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }

    @Override
    public void close() {
        if (ownsConnections) {
            try {
                transport.http().close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close the Tinybird client's connections", e);
            }
        }
    }

    /** The host only: there is nothing else worth printing, and the token must not be. */
    @Override
    public String toString() {
        return "TinybirdClient[" + Redact.url(transport.baseUrl()) + "]";
    }

    /** Settings of a {@link TinybirdClient}; everything but the host and the token has a default. */
    public static final class Builder {

        private final String baseUrl;
        private final Supplier<String> token;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofMinutes(2);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private ProxyConfig proxy;
        private ClientListener listener = ClientListener.NONE;
        private String userAgentProducts;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        // Not RandomGenerator.getDefault(): it finds its algorithm through ServiceLoader, which fails in a Maven
        // plugin's class realm ("No implementation of the random number generator algorithm L32X64MixRandom").
        private RandomGenerator random = new Random();
        private DnsResolver dnsResolver;

        private Builder(String baseUrl, Supplier<String> token) {
            this.baseUrl = normalize(baseUrl);
            this.token = Objects.requireNonNull(token, "token");
        }

        private static String normalize(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            String url = baseUrl.trim();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            try {
                URI uri = new URI(url);
                if ((!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()))
                        || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new URISyntaxException(url, "not an http(s) URL with a host and no query");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("The Tinybird host '" + Redact.url(url) + "' is not valid ("
                        + e.getReason() + "); perhaps you should write it like https://api.tinybird.co", e);
            }
            return url;
        }

        /** Time to establish a connection; 10 s by default. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Longest silence while waiting for an answer; 2 min by default, since Tinybird answers an append or a
         * pipe push only after processing it.
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Sends requests through this proxy (null: direct). Nothing JVM-wide is changed. */
        public Builder proxy(ProxyConfig proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder listener(ClientListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Extra {@code User-Agent} products such as {@code Maven/3.9.9}, placed before {@code Java/…}. */
        public Builder userAgentProducts(String products) {
            this.userAgentProducts = products;
            return this;
        }

        /** How to wait between retries and job polls; tests pass one that does not sleep. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The time used for {@code Retry-After} dates and job timeouts. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The jitter source of retry delays. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Resolves host names; for tests of unknown hosts, which must not depend on the machine's DNS. */
        Builder dnsResolver(DnsResolver resolver) {
            this.dnsResolver = resolver;
            return this;
        }

        public TinybirdClient build() {
            PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder
                    .create()
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(connectTimeout))
                            .setSocketTimeout(Timeout.of(readTimeout))
                            // A pooled connection the server closed while idle would otherwise fail the next
                            // request, and a POST that fails that way is not retried.
                            .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                            .build())
                    .setConnectionFactory(QuietConnections.INSTANCE)
                    .setMaxConnTotal(20)
                    .setMaxConnPerRoute(10);
            if (dnsResolver != null) {
                connections.setDnsResolver(dnsResolver);
            }
            HttpClientBuilder http = HttpClients.custom()
                    .setConnectionManager(connections.build())
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setResponseTimeout(Timeout.of(readTimeout))
                            .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                            .build())
                    // Retries are ours (with Tinybird's rules); redirects are refused so that the Authorization
                    // header never follows one to another host.
                    .disableAutomaticRetries()
                    .disableRedirectHandling()
                    .disableCookieManagement();
            if (proxy != null) {
                http.setRoutePlanner(new ProxyRoutePlanner(proxy));
                if (proxy.hasCredentials()) {
                    http.setDefaultCredentialsProvider(CredentialsProviderBuilder.create()
                            .add(new AuthScope(proxy.host(), proxy.port()), proxy.username(),
                                    proxy.password() == null ? new char[0] : proxy.password().toCharArray())
                            .build());
                }
            }
            CloseableHttpClient client = http.build();
            return new TinybirdClient(new Transport(baseUrl, token, client, retryPolicy, sleeper, clock, random,
                    listener, UserAgent.build(userAgentProducts)), true);
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return duration;
        }

        @Override
        public String toString() {
            return "TinybirdClient.Builder[" + Redact.url(baseUrl) + ", connectTimeout=" + connectTimeout
                    + ", readTimeout=" + readTimeout + ", " + retryPolicy + (proxy == null ? "" : ", " + proxy)
                    + "]";
        }
    }
}
