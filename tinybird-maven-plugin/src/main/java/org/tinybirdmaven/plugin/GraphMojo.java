package org.tinybirdmaven.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.tinybirdmaven.datafile.ParsedDatafile;
import org.tinybirdmaven.graph.ProjectGraph;
import org.tinybirdmaven.project.Project;

/**
 * Draws the project's data flow (datasources, materialized views and their targets, copy pipes, endpoints) as
 * {@code graph.svg} and as a Mermaid flowchart, {@code graph.mmd}. Offline; files with errors are left out (warned).
 */
@Mojo(name = "graph", threadSafe = true, requiresProject = false)
public class GraphMojo extends TinybirdMojo {

    /** The Tinybird project folder. Also {@code -Dtinybird.projectDir}; default <code>${project.basedir}</code>. */
    @Parameter(property = "tinybird.projectDir", defaultValue = "${project.basedir}")
    File projectDir;

    /**
     * Where {@code graph.svg} and {@code graph.mmd} are written. Also {@code -Dtinybird.graph.outputDirectory};
     * default <code>${project.build.directory}/tinybird</code>.
     */
    @Parameter(property = "tinybird.graph.outputDirectory", defaultValue = "${project.build.directory}/tinybird")
    File outputDirectory;

    /** Skips this goal only. Also {@code -Dtinybird.graph.skip}; default {@code false}. */
    @Parameter(property = "tinybird.graph.skip", defaultValue = "false")
    boolean graphSkip;

    @Override
    boolean goalSkipped() {
        return graphSkip;
    }

    @Override
    String goalSkipProperty() {
        return "tinybird.graph.skip";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Project project = ProjectFiles.load(projectDir);
        project.files().stream().filter(ParsedDatafile::hasErrors).map(file -> project.directory().relativize(
                file.path().toAbsolutePath())).forEach(file -> getLog().warn("Not drawn: " + file + " has errors"
                + " (tinybird:check shows them)"));
        try {
            for (Path written : ProjectGraph.write(project, outputDirectory.toPath())) {
                getLog().info("Wrote " + written);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the graph to " + outputDirectory + ": " + e, e);
        }
    }
}
