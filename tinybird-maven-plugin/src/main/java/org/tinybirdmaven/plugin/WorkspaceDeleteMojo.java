package org.tinybirdmaven.plugin;

import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.WorkspaceEntry;

/**
 * Deletes the workspace {@code tinybird.workspace} for good (a hard delete, its Environments with it), with the user
 * token, once {@code tinybird.confirm} repeats its name. A workspace that does not exist is a warning, not a failure,
 * so that clean-up steps can run twice.
 */
@Mojo(name = "workspace-delete", threadSafe = true, requiresProject = false)
public class WorkspaceDeleteMojo extends WorkspaceMojo {

    /** The workspace's exact name, to confirm the deletion. Also {@code -Dtinybird.confirm}; no default. */
    @Parameter(property = "tinybird.confirm")
    String confirm;

    @Inject
    public WorkspaceDeleteMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    @Override
    void runRemote() throws MojoExecutionException, MojoFailureException {
        String name = workspaceName();
        if (!name.equals(confirm)) {
            throw new MojoFailureException("Deleting workspace '" + name + "' removes it, its Environments and all"
                    + " their data for good. To confirm, run again with -Dtinybird.confirm=" + name
                    + (confirm == null ? "" : " (tinybird.confirm is '" + confirm + "', not the workspace's name)"));
        }
        TinybirdClient user = userClient();
        Optional<WorkspaceEntry> found = user.userWorkspaces(false, false).find(name);
        if (found.isEmpty()) {
            getLog().warn("Workspace '" + name + "' does not exist (or the user token cannot see it): nothing to"
                    + " delete");
            return;
        }
        user.deleteWorkspace(found.get().id(), found.get().name());
        getLog().info("** Workspace '" + found.get().name() + "' deleted");
    }
}
