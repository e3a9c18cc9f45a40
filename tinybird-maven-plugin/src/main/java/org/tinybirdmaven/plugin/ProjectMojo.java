package org.tinybirdmaven.plugin;

import java.util.List;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.project.Project;

/** The network goals that work on the project's datafiles: {@code push}, {@code fixtures}, {@code diff}. */
abstract class ProjectMojo extends RemoteMojo {

    /**
     * Only these resources (names, comma-separated); the whole project when empty. Also {@code -Dtinybird.resources};
     * no default.
     */
    @Parameter(property = "tinybird.resources")
    List<String> resources;

    ProjectMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    /** The project of {@code tinybird.projectDir}; its datafile errors are reported by the goal. */
    Project project() throws MojoFailureException {
        if (projectDir == null || !projectDir.isDirectory()) {
            throw new MojoFailureException("Tinybird project directory " + projectDir + " does not exist; set"
                    + " tinybird.projectDir to the folder that holds your datafiles");
        }
        Project project = Project.load(projectDir.toPath(), System.getenv());
        if (project.files().isEmpty()) {
            throw new MojoFailureException("No datafiles (.datasource, .pipe, .token) found in " + projectDir
                    + "; set tinybird.projectDir to the folder that holds them");
        }
        return project;
    }

    Set<String> selected() {
        return resources == null ? Set.of() : Set.copyOf(resources.stream().map(String::strip)
                .filter(name -> !name.isEmpty()).toList());
    }
}
