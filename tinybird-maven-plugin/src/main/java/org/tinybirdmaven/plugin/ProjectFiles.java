package org.tinybirdmaven.plugin;

import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.tinybirdmaven.project.Project;

/** Loads the Tinybird project of {@code tinybird.projectDir}, failing with what to set when there is none. */
final class ProjectFiles {

    private ProjectFiles() {}

    static Project load(File projectDir) throws MojoFailureException {
        if (!projectDir.isDirectory()) {
            throw new MojoFailureException("Tinybird project directory " + projectDir + " does not exist;"
                    + " set tinybird.projectDir to the folder that holds your datafiles");
        }
        Project project = Project.load(projectDir.toPath(), System.getenv());
        if (project.files().isEmpty()) {
            throw new MojoFailureException("No datafiles (.datasource, .pipe, .token) found in " + projectDir
                    + "; set tinybird.projectDir to the folder that holds them");
        }
        return project;
    }
}
