package org.tinybirdmaven.plugin;

import java.io.File;
import java.time.Duration;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.deploy.PushOptions;

/** The parameters of {@code push}, kept apart so that the goal itself stays short. */
abstract class PushParameters extends ProjectMojo {

    /**
     * Override existing pipes and alter existing datasources (never dropping data). Also {@code -Dtinybird.force};
     * default {@code false}.
     */
    @Parameter(property = "tinybird.force", defaultValue = "false")
    boolean force;

    /**
     * Print the plan and write {@code plan.json}; change nothing. Also {@code -Dtinybird.dryRun}; default
     * {@code false}.
     */
    @Parameter(property = "tinybird.dryRun", defaultValue = "false")
    boolean dryRun;

    /**
     * Leave out resources that are the same in the workspace, compared the way {@code diff} compares. Also
     * {@code -Dtinybird.onlyChanges}; default {@code false}.
     */
    @Parameter(property = "tinybird.onlyChanges", defaultValue = "false")
    boolean onlyChanges;

    /**
     * Load the fixtures of the pushed datasources after the push. Also {@code -Dtinybird.fixtures}; default
     * {@code false}.
     */
    @Parameter(property = "tinybird.fixtures", defaultValue = "false")
    boolean fixtures;

    /**
     * Fill the targets of materialized pipes with the data their sources already have. Also
     * {@code -Dtinybird.populate}; default {@code false}.
     */
    @Parameter(property = "tinybird.populate", defaultValue = "false")
    boolean populate;

    /**
     * Wait for populate jobs to end; a failed job fails the build. Also {@code -Dtinybird.wait}; default {@code true}.
     */
    @Parameter(property = "tinybird.wait", defaultValue = "true")
    boolean waitForJobs;

    /**
     * Seconds to wait for one populate job before failing. Also {@code -Dtinybird.jobTimeout}; default {@code 3600}.
     */
    @Parameter(property = "tinybird.jobTimeout", defaultValue = "3600")
    int jobTimeout;

    /**
     * How many resources of one dependency level are pushed at the same time. Also {@code -Dtinybird.parallelism};
     * default {@code 4}.
     */
    @Parameter(property = "tinybird.parallelism", defaultValue = "4")
    int parallelism;

    /**
     * With {@code tinybird.resources}: push their local dependencies too. Also {@code -Dtinybird.pushDeps}; default
     * {@code false}.
     */
    @Parameter(property = "tinybird.pushDeps", defaultValue = "false")
    boolean pushDeps;

    /**
     * Where {@code plan.json} and {@code push-result.json} are written. Also {@code -Dtinybird.outputDirectory};
     * default <code>${project.build.directory}/tinybird</code>.
     */
    @Parameter(property = "tinybird.outputDirectory", defaultValue = "${project.build.directory}/tinybird")
    File outputDirectory;

    PushParameters(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    PushOptions options() {
        return new PushOptions().force(force).dryRun(dryRun).onlyChanges(onlyChanges).fixtures(fixtures)
                .populate(populate).waitForJobs(waitForJobs).jobTimeout(Duration.ofSeconds(Math.max(1, jobTimeout)))
                .parallelism(Math.max(1, parallelism)).pushDeps(pushDeps).resources(selected())
                .planFile(outputDirectory.toPath().resolve("plan.json"))
                .resultFile(dryRun ? null : outputDirectory.toPath().resolve("push-result.json"));
    }
}
