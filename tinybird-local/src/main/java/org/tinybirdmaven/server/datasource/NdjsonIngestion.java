package org.tinybirdmaven.server.datasource;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;

/**
 * NDJSON ingestion for the Events API: stores a request body, creates the datasource from the first rows when it
 * does not exist yet, and appends the rows (quarantining those that do not fit).
 */
public final class NdjsonIngestion {

    /** What an ingestion did; {@code errors} are ClickHouse errors that stopped it. */
    public record Outcome(long successfulRows, long quarantinedRows, List<String> errors) {}

    private final Datasources datasources;
    private final Importer importer;
    private final Uploads uploads;

    public NdjsonIngestion(LocalServer.Services services, String baseUrl) {
        this.datasources = new Datasources(services.catalog(), services.clickHouse());
        this.importer = new Importer(datasources);
        this.uploads = new Uploads(DatasourceRoutes.uploadDirectory(services.clickHouse(), "events"), baseUrl);
    }

    /** Drops the rest of a request body after an error, see {@link Uploads#discard}. */
    public static void discardBody(ApiRequest request) {
        Uploads.discard(request);
    }

    public Optional<DatasourceRecord> find(WorkspaceRecord workspace, String name) {
        return datasources.find(workspace, name);
    }

    /**
     * Appends the NDJSON {@code body} (gzip-compressed or not) to the datasource {@code name}, creating it with a
     * schema guessed from the first rows when {@code existing} is null.
     *
     * @throws ApiException 400 when the datasource has to be created and the name is invalid or no schema can be
     *     guessed
     */
    public Outcome ingest(WorkspaceRecord workspace, String name, DatasourceRecord existing, InputStream body) {
        try (Upload upload = uploads.receiveBody(body)) {
            if (upload.isEmpty()) {
                return new Outcome(0, 0, List.of());
            }
            DatasourceRecord datasource = existing != null ? existing : create(workspace, name, upload);
            Importer.Result result = importer.append(workspace, datasource, upload, Importer.Format.NDJSON, null,
                    Ids.uuid());
            return new Outcome(result.successfulRows(), result.quarantinedRows(), result.errors());
        }
    }

    private DatasourceRecord create(WorkspaceRecord workspace, String name, Upload upload) {
        datasources.checkName(workspace, name);
        List<Column> columns = SchemaGuess.ndjson(upload);
        DatasourceDefinition definition = DatasourceDefinition.of(name, "", columns, null, List.of(), null,
                DatasourceDefinition.NDJSON);
        try {
            return datasources.create(workspace, definition);
        } catch (ApiException e) {
            // Two first requests raced to create it: use the one that won.
            return datasources.find(workspace, name).orElseThrow(() -> e);
        }
    }
}
