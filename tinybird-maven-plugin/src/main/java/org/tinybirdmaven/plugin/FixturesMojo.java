package org.tinybirdmaven.plugin;

import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.fixtures.FixtureException;
import org.tinybirdmaven.fixtures.FixtureLoader;

/**
 * Loads the fixture file of each datasource ({@code fixtures/} or {@code datasources/fixtures/},
 * {@code <name>.csv|ndjson|parquet}): appended in an Environment, replacing the rows in a workspace. A datasource
 * that already has rows is refused unless {@code tinybird.force}; quarantined rows fail the build.
 */
@Mojo(name = "fixtures", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class FixturesMojo extends ProjectMojo {

    /** Skips this goal only. Also {@code -Dtinybird.fixtures.skip}; default {@code false}. */
    @Parameter(property = "tinybird.fixtures.skip", defaultValue = "false")
    boolean fixturesSkip;

    /**
     * Loads fixtures into datasources that already have rows (appending or replacing them). Also
     * {@code -Dtinybird.force}; default {@code false}.
     */
    @Parameter(property = "tinybird.force", defaultValue = "false")
    boolean force;

    @Inject
    public FixturesMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    @Override
    boolean goalSkipped() {
        return fixturesSkip;
    }

    @Override
    String goalSkipProperty() {
        return "tinybird.fixtures.skip";
    }

    @Override
    void runRemote() throws MojoFailureException {
        try {
            new FixtureLoader(client(), projectDir.toPath().toAbsolutePath().normalize(), MavenOutput.of(getLog()))
                    .loadProject(project(), selected(), force);
        } catch (FixtureException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
