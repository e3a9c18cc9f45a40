package org.tinybirdmaven.plugin;

import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.tinybirdmaven.plugin.ci.CiCallers;

/** Writes the files that call the CI templates ({@code -Dtinybird.ci=github|gitlab}), see {@link CiCallers}. */
@Mojo(name = "init-ci", threadSafe = true)
public class InitCiMojo extends TinybirdMojo {

    /**
     * {@code github} (.github/workflows/tinybird-*.yml) or {@code gitlab} (.gitlab-ci.yml). Also {@code -Dtinybird.ci};
     * no default.
     */
    @Parameter(property = "tinybird.ci", required = true)
    String ci;

    /** Replaces files that already exist. Also {@code -Dtinybird.force}; default {@code false}. */
    @Parameter(property = "tinybird.force", defaultValue = "false")
    boolean force;

    /**
     * The GitHub repository that publishes the templates. Also {@code -Dtinybird.ci.templateRepository}; default
     * {@code tinybirdmaven/tinybird-maven-plugin}.
     */
    @Parameter(property = "tinybird.ci.templateRepository", defaultValue = CiCallers.EXAMPLE_REPOSITORY)
    String templateRepository;

    /**
     * The tag or branch of the templates; by default the tag of this plugin's version. Also
     * {@code -Dtinybird.ci.templateRef}; default <code>v${plugin.version}</code>.
     */
    @Parameter(property = "tinybird.ci.templateRef", defaultValue = "v${plugin.version}")
    String templateRef;

    /**
     * The data project whose folder the callers name; they are written at the root of its git repository. Also
     * {@code -Dtinybird.projectDir}; default <code>${project.basedir}</code>.
     */
    @Parameter(property = "tinybird.projectDir", defaultValue = "${project.basedir}")
    File projectDir;

    /** Skips this goal only. Also {@code -Dtinybird.ci.skip}; default {@code false}. */
    @Parameter(property = "tinybird.ci.skip", defaultValue = "false")
    boolean ciSkip;

    @Override
    boolean goalSkipped() {
        return ciSkip;
    }

    @Override
    String goalSkipProperty() {
        return "tinybird.ci.skip";
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        String ref = templateRef.replaceFirst("-SNAPSHOT$", "");
        try {
            CiCallers.init(CiCallers.Ci.parse(ci), projectDir.toPath(), templateRepository, ref, force).forEach(
                    file -> getLog().info("Wrote " + file + " (templates " + templateRepository + "@" + ref + ")"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the CI files: " + e.getMessage(), e);
        }
    }
}
