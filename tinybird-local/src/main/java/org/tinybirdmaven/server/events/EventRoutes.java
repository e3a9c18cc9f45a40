package org.tinybirdmaven.server.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.CatalogState;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.catalog.TokenRecord;
import org.tinybirdmaven.server.datasource.DatasourceDefinition;
import org.tinybirdmaven.server.datasource.NdjsonIngestion;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.server.http.Router;

/**
 * The Events API, {@code POST /v0/events?name=<ds>[&wait=true]}: NDJSON rows (gzip when the body is gzip) appended
 * to a datasource, which is created from the first rows when missing. Unlike the rest of the v0 API its errors are
 * plain text, as Tinybird's.
 *
 * <p>The rows are written before the response in both modes, so they are queryable as soon as it arrives; only the
 * status differs (202 without {@code wait}, 200 with it), as Tinybird acknowledges buffered rows with 202.
 */
public final class EventRoutes {

    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    private static final String INVALID_TOKEN = "Invalid token\n";

    private final Catalog catalog;
    private final NdjsonIngestion ingestion;

    public EventRoutes(LocalServer.Services services, String baseUrl) {
        this.catalog = services.catalog();
        this.ingestion = new NdjsonIngestion(services, baseUrl);
    }

    public void register(Router router) {
        router.post("/v0/events", this::events);
    }

    private ApiResponse events(ApiRequest request) {
        try {
            return ingest(request);
        } catch (ApiException e) {
            NdjsonIngestion.discardBody(request);
            return ApiResponse.text(e.status(), PLAIN_TEXT, e.getMessage());
        }
    }

    private ApiResponse ingest(ApiRequest request) {
        String value = request.token().orElseThrow(() -> new ApiException(403, INVALID_TOKEN));
        CatalogState.TokenOwner owner = catalog.read(state -> state.findToken(value))
                .orElseThrow(() -> new ApiException(403, INVALID_TOKEN));
        String name = request.param("name").map(String::strip).filter(n -> !n.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("Missing 'name' parameter\n"));
        TokenRecord token = owner.token();
        Optional<DatasourceRecord> existing = ingestion.find(owner.workspace(), name);
        if (existing.isEmpty()) {
            if (!mayAppend(token, name)) {
                throw new ApiException(403, "Invalid token for DS autocreation\n");
            }
        } else {
            if (!mayAppend(token, existing.get().name())) {
                throw new ApiException(403, INVALID_TOKEN);
            }
            if (!existing.get().format().equals(DatasourceDefinition.NDJSON)) {
                throw ApiException.badRequest("Data Source must be of type JSON\n");
            }
        }
        boolean wait = request.param("wait").map(v -> v.equalsIgnoreCase("true")).orElse(false);
        NdjsonIngestion.Outcome outcome = ingestion.ingest(owner.workspace(), name, existing.orElse(null),
                request.bodyStream());
        if (!outcome.errors().isEmpty()) {
            throw ApiException.badRequest(String.join("\n", outcome.errors()) + "\n");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("successful_rows", outcome.successfulRows());
        json.put("quarantined_rows", outcome.quarantinedRows());
        return ApiResponse.json(wait ? 200 : 202, json);
    }

    /** ADMIN, DATASOURCES:CREATE or DATASOURCES:APPEND on the datasource. */
    private static boolean mayAppend(TokenRecord token, String datasource) {
        return token.isAdmin() || token.has(Scope.DATASOURCES_CREATE, null)
                || token.has(Scope.DATASOURCES_APPEND, datasource);
    }
}
