package org.tinybirdmaven.plugin;

import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Runs an SQL query in the workspace (or {@code tinybird.env}) as {@code tb sql} does:
 * {@code SELECT * FROM (<sql>) LIMIT <rowsLimit>}, printed as a table, CSV or JSON.
 */
@Mojo(name = "sql", threadSafe = true, requiresProject = false)
public class SqlMojo extends RemoteMojo {

    /** The query. Also {@code -Dtinybird.sql}; no default. */
    @Parameter(property = "tinybird.sql")
    String sql;

    /** table, csv or json. Also {@code -Dtinybird.format}; default {@code table}. */
    @Parameter(property = "tinybird.format", defaultValue = "table")
    String format;

    /** The most rows to return. Also {@code -Dtinybird.rowsLimit}; default {@code 100}. */
    @Parameter(property = "tinybird.rowsLimit", defaultValue = "100")
    int rowsLimit;

    @Inject
    public SqlMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    @Override
    void runRemote() throws MojoFailureException {
        if (sql == null || sql.isBlank()) {
            throw new MojoFailureException("tinybird:sql needs a query: -Dtinybird.sql=\"SELECT count() FROM events\"");
        }
        QueryOutput output = QueryOutput.parse(format);
        String query = sql.strip().replaceAll(";$", "");
        output.print(getLog(), client().sql("SELECT * FROM (" + query + ") LIMIT " + rowsLimit + " FORMAT "
                + output.sqlFormat(), null));
    }
}
