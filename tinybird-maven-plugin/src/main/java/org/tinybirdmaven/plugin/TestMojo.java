package org.tinybirdmaven.plugin;

import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.tests.ProjectTests;
import org.tinybirdmaven.tests.TestKind;

/** Runs every data-quality, fixture and regression test, then fails the build if one did not pass. */
@Mojo(name = "test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class TestMojo extends RemoteMojo {

    /** Skips this goal. Also {@code -Dtinybird.test.skip}; default {@code false}. */
    @Parameter(property = "tinybird.test.skip", defaultValue = "false")
    boolean testSkip;

    /**
     * The kinds to run: data-quality, fixture, regression. Also {@code -Dtinybird.test.kinds}; default
     * {@code data-quality,fixture,regression}.
     */
    @Parameter(property = "tinybird.test.kinds", defaultValue = "data-quality,fixture,regression")
    String kinds;

    /** Data-quality files run at once, 1 to 10. Also {@code -Dtinybird.test.concurrency}; default {@code 1}. */
    @Parameter(property = "tinybird.test.concurrency", defaultValue = "1")
    int concurrency;

    /**
     * Regression baseline: {@code main} or a settings.xml server id. Also {@code -Dtinybird.regression.against}; no
     * default.
     */
    @Parameter(property = "tinybird.regression.against")
    String against;

    /**
     * Overrides of every regression test's settings, as {@code tb branch regression-tests} options
     * ({@code --no-assert-result --assert-max-time 1}). Also {@code -Dtinybird.regression.flags}; no default.
     */
    @Parameter(property = "tinybird.regression.flags")
    String regressionFlags;

    private final TestSetup setup;

    @Inject
    public TestMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
        this.setup = new TestSetup(session, decrypter);
    }

    @Override
    boolean goalSkipped() {
        return testSkip;
    }

    @Override
    String goalSkipProperty() {
        return "tinybird.test.skip";
    }

    @Override
    void runRemote() throws MojoFailureException {
        var chosen = TestOutput.kinds(kinds);
        var flags = TestOutput.regressionFlags(regressionFlags);
        var baseline = chosen.contains(TestKind.REGRESSION) ? setup.baseline(this) : null;
        TestOutput.report(getLog(), ProjectTests.run(projectDir.toPath(), client(), baseline, chosen, concurrency,
                flags, System.getenv(), getLog()::info), setup.reportsDirectory());
    }
}
