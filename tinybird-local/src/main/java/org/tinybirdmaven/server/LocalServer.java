package org.tinybirdmaven.server;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.tinybirdmaven.chdb.ChdbEngine;
import org.tinybirdmaven.server.auth.TokenRoutes;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.datasource.DatasourceRoutes;
import org.tinybirdmaven.server.environment.EnvironmentRoutes;
import org.tinybirdmaven.server.events.EventRoutes;
import org.tinybirdmaven.server.http.FaultRoutes;
import org.tinybirdmaven.server.http.Faults;
import org.tinybirdmaven.server.http.JettyApiHandler;
import org.tinybirdmaven.server.http.Router;
import org.tinybirdmaven.server.job.JobRoutes;
import org.tinybirdmaven.server.job.Jobs;
import org.tinybirdmaven.server.pipe.PipeRoutes;
import org.tinybirdmaven.server.query.QueryRoutes;
import org.tinybirdmaven.server.workspace.WorkspaceRoutes;
import org.tinybirdmaven.server.workspace.Workspaces;

/**
 * A Tinybird-compatible server (classic v0 API) on chDB. One server owns one data directory: the ClickHouse data
 * under {@code clickhouse/} and the catalog of workspaces, tokens and resources in {@code catalog.json}.
 */
public final class LocalServer implements AutoCloseable {

    /**
     * @param port           0 picks a free port
     * @param userToken      fixed user token (null: generated once and kept)
     * @param workspaceToken fixed admin token of the default workspace (null: generated once and kept)
     */
    public record Config(Path dataDir, String host, int port, Path chdbLibrary, String userToken,
                         String workspaceToken) {}

    private final Server jetty;
    private final ChdbEngine engine;
    private final Services services;

    private LocalServer(Server jetty, ChdbEngine engine, Services services) {
        this.jetty = jetty;
        this.engine = engine;
        this.services = services;
    }

    /** Everything the routes share. */
    public record Services(Catalog catalog, ClickHouse clickHouse, Workspaces workspaces, Jobs jobs) {}

    public static LocalServer start(Config config) throws Exception {
        Files.createDirectories(config.dataDir());
        ChdbEngine engine = ChdbEngine.open(config.chdbLibrary(), config.dataDir().resolve("clickhouse"));
        try {
            Catalog catalog = Catalog.open(config.dataDir());
            ClickHouse clickHouse = new ClickHouse(engine);
            Workspaces workspaces = new Workspaces(catalog, clickHouse);
            workspaces.bootstrap(config.userToken(), config.workspaceToken());
            Jobs jobs = new Jobs();
            Services services = new Services(catalog, clickHouse, workspaces, jobs);
            Router router = new Router();

            QueuedThreadPool threads = new QueuedThreadPool(64, 4);
            threads.setName("tinybird-local");
            Server jetty = new Server(threads);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(config.host());
            connector.setPort(config.port());
            jetty.addConnector(connector);
            Faults faults = new Faults();
            jetty.setHandler(new JettyApiHandler(router, faults));
            jetty.setStopTimeout(5_000);
            jetty.start();
            LocalServer server = new LocalServer(jetty, engine, services);
            // Routes are registered after start because some need the base URL (job_url, endpoint URLs).
            String baseUrl = server.baseUrl().toString();
            new WorkspaceRoutes(catalog, workspaces).register(router);
            new TokenRoutes(catalog).register(router);
            new JobRoutes(catalog, jobs, baseUrl).register(router);
            new FaultRoutes(catalog, faults).register(router);
            new DatasourceRoutes(services, baseUrl).register(router);
            new EventRoutes(services, baseUrl).register(router);
            new QueryRoutes(services).register(router);
            new PipeRoutes(services, baseUrl).register(router);
            new EnvironmentRoutes(services, baseUrl).register(router);
            return server;
        } catch (Exception | Error e) {
            engine.close();
            throw e;
        }
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public URI baseUrl() {
        String host = ((ServerConnector) jetty.getConnectors()[0]).getHost();
        return URI.create("http://" + (host == null || host.equals("0.0.0.0") ? "localhost" : host) + ":" + port());
    }

    public Services services() {
        return services;
    }

    /** Stops accepting requests, lets running ones finish, then closes the engine. */
    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
            services.jobs().close();
        } finally {
            engine.close();
        }
    }
}
