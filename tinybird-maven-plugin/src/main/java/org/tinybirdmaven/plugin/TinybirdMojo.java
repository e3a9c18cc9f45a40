package org.tinybirdmaven.plugin;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: {@code tinybird.skip} and a goal's own skip property, logged with the reason.
 *
 * <p>Exceptions follow one rule: {@link MojoFailureException} for what the user must fix (invalid datafiles,
 * missing configuration, refused tokens, failed Tinybird tests); {@link MojoExecutionException} for what went wrong
 * unexpectedly (I/O, a server that crashed, an unreadable response).
 */
abstract class TinybirdMojo extends AbstractMojo {

    /** Skips every goal of this plugin. Also {@code -Dtinybird.skip}; default {@code false}. */
    @Parameter(property = "tinybird.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    MojoExecution mojoExecution;

    /** The goal's own skip switch; goals without one are skipped by {@code tinybird.skip} only. */
    boolean goalSkipped() {
        return false;
    }

    /** The property of {@link #goalSkipped()}, e.g. {@code tinybird.check.skip}; null when there is none. */
    String goalSkipProperty() {
        return null;
    }

    /** The goal's name, e.g. {@code check}. */
    String goal() {
        if (mojoExecution != null) {
            return mojoExecution.getGoal();
        }
        return goalSkipProperty() != null ? goalSkipProperty().replaceAll("^tinybird\\.|\\.skip$", "")
                : getClass().getSimpleName();
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || goalSkipped()) {
            getLog().info("Skipping Tinybird " + goal() + ": " + (skip ? "tinybird.skip" : goalSkipProperty())
                    + " is true");
            return;
        }
        run();
    }
}
