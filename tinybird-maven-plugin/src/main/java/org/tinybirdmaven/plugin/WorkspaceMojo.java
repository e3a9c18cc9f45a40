package org.tinybirdmaven.plugin;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The goals that create and delete a workspace named by {@code tinybird.workspace}, with the user token. */
abstract class WorkspaceMojo extends RemoteMojo {

    /** The workspace's name. Also {@code -Dtinybird.workspace}; no default. */
    @Parameter(property = "tinybird.workspace")
    String workspace;

    WorkspaceMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    /** Workspaces are managed with the user token; {@code tinybird.env} does not apply. */
    @Override
    boolean usesEnvironment() {
        return false;
    }

    String workspaceName() throws MojoFailureException {
        if (workspace == null || workspace.isBlank()) {
            throw new MojoFailureException("tinybird:" + goal() + " needs the workspace's name: set tinybird.workspace"
                    + " (-Dtinybird.workspace=my_workspace, or a POM property)");
        }
        return workspace.strip();
    }
}
