package org.tinybirdmaven.plugin;

import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Calls an endpoint as {@code tb pipe data} does: {@code GET /v0/pipes/<pipe>.<format>?<params>[&q=<query>]}.
 * {@code tinybird.params} is {@code name=value} pairs separated by commas; a piece without {@code =} continues the
 * previous value, so Array parameters keep their commas: {@code limit=3,colors=red,blue}.
 */
@Mojo(name = "pipe-data", threadSafe = true, requiresProject = false)
public class PipeDataMojo extends RemoteMojo {

    /** The pipe. Also {@code -Dtinybird.pipe}; no default. */
    @Parameter(property = "tinybird.pipe")
    String pipe;

    /** The endpoint's parameters, {@code a=1,b=x}. Also {@code -Dtinybird.params}; no default. */
    @Parameter(property = "tinybird.params")
    String params;

    /** SQL over the endpoint's result ({@code _} is the pipe). Also {@code -Dtinybird.query}; no default. */
    @Parameter(property = "tinybird.query")
    String query;

    /** table, csv or json. Also {@code -Dtinybird.format}; default {@code table}. */
    @Parameter(property = "tinybird.format", defaultValue = "table")
    String format;

    @Inject
    public PipeDataMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    @Override
    void runRemote() throws MojoFailureException {
        if (pipe == null || pipe.isBlank()) {
            throw new MojoFailureException("tinybird:pipe-data needs the pipe: -Dtinybird.pipe=top_products");
        }
        QueryOutput output = QueryOutput.parse(format);
        output.print(getLog(), client().pipeData(pipe.strip(), output.requestFormat(), QueryOutput.params(params), query));
    }
}
