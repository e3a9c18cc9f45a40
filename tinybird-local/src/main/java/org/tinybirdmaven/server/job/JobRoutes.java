package org.tinybirdmaven.server.job;

import java.util.Map;
import org.tinybirdmaven.server.auth.Caller;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.server.http.Router;

/** {@code GET /v0/jobs}, {@code GET /v0/jobs/{id}} and {@code POST /v0/jobs/{id}/cancel}. */
public final class JobRoutes {

    private final Catalog catalog;
    private final Jobs jobs;
    private final String baseUrl;

    public JobRoutes(Catalog catalog, Jobs jobs, String baseUrl) {
        this.catalog = catalog;
        this.jobs = jobs;
        this.baseUrl = baseUrl;
    }

    public void register(Router router) {
        router.get("/v0/jobs", this::list);
        router.get("/v0/jobs/{id}", this::get);
        router.post("/v0/jobs/{id}/cancel", this::cancel);
    }

    private ApiResponse list(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        caller.require(Scope.DATASOURCES_CREATE, null);
        String kind = request.param("kind").orElse(null);
        String status = request.param("status").orElse(null);
        return ApiResponse.json(Map.of("jobs", jobs.recent(caller.workspace().id).stream()
                .filter(job -> kind == null || job.kind().equals(kind))
                .filter(job -> status == null || job.status().apiName().equals(status))
                .map(job -> job.json(baseUrl)).toList()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.json(find(request).json(baseUrl));
    }

    private ApiResponse cancel(ApiRequest request) {
        Job job = find(request);
        if (job.status() == Job.Status.CANCELLING) {
            throw ApiException.badRequest("Job is already being cancelled");
        }
        if (!jobs.cancel(job)) {
            throw ApiException.badRequest("Job is not in cancellable status");
        }
        return ApiResponse.json(job.json(baseUrl));
    }

    /** A job of the caller's workspace; other workspaces' jobs are reported as missing. */
    private Job find(ApiRequest request) {
        Caller caller = Caller.of(request, catalog);
        String id = request.pathParameter("id");
        return jobs.get(id).filter(job -> job.workspaceId().equals(caller.workspace().id))
                .orElseThrow(() -> ApiException.notFound("Job with id \"" + id + "\" not found"));
    }
}
