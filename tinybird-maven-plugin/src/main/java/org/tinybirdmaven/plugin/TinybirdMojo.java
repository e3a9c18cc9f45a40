package org.tinybirdmaven.plugin;

import org.apache.maven.plugin.AbstractMojo;
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

    /** The goal's own skip switch and the property that sets it, e.g. {@code tinybird.check.skip}. */
    abstract boolean goalSkipped();

    abstract String goalSkipProperty();

    abstract void run() throws MojoExecutionException, MojoFailureException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || goalSkipped()) {
            getLog().info("Skipping Tinybird " + goalSkipProperty().replaceAll("^tinybird\\.|\\.skip$", "")
                    + ": " + (skip ? "tinybird.skip" : goalSkipProperty()) + " is true");
            return;
        }
        run();
    }
}
