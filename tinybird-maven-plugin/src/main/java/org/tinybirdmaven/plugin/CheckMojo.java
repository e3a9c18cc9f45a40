package org.tinybirdmaven.plugin;

import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.tinybirdmaven.project.CheckReport;
import org.tinybirdmaven.project.Project;

/**
 * Validates every datafile of the Tinybird project offline, the way {@code tb check} does, and fails the build
 * with {@code file:line:column: message} for every error found. Makes no network calls.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, requiresProject = false)
public class CheckMojo extends TinybirdMojo {

    /**
     * The Tinybird project folder (datasources/, pipes/, endpoints/ …). Also {@code -Dtinybird.projectDir};
     * default <code>${project.basedir}</code>.
     */
    @Parameter(property = "tinybird.projectDir", defaultValue = "${project.basedir}")
    File projectDir;

    /** Skips this goal only. Also {@code -Dtinybird.check.skip}; default {@code false}. */
    @Parameter(property = "tinybird.check.skip", defaultValue = "false")
    boolean checkSkip;

    /**
     * Fails the build on warnings too (legacy instructions, missing dependencies…). Also
     * {@code -Dtinybird.check.failOnWarning}; default {@code false}.
     */
    @Parameter(property = "tinybird.check.failOnWarning", defaultValue = "false")
    boolean failOnWarning;

    @Override
    boolean goalSkipped() {
        return checkSkip;
    }

    @Override
    String goalSkipProperty() {
        return "tinybird.check.skip";
    }

    @Override
    void run() throws MojoFailureException {
        Project project = ProjectFiles.load(projectDir);
        CheckReport report = new CheckReport(project);
        getLog().info("Checking Tinybird project " + project.directory());
        MavenOutput.log(getLog(), report.lines());
        if (report.failed(failOnWarning)) {
            throw new MojoFailureException(report.failureMessage(failOnWarning));
        }
    }
}
