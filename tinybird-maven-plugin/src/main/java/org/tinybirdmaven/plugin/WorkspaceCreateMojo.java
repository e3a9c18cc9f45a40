package org.tinybirdmaven.plugin;

import java.io.File;
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
 * Creates the workspace {@code tinybird.workspace} with the user token, or reuses it when it exists already (unless
 * {@code tinybird.failIfExists}). Its admin token is never printed; {@code tinybird.tokenFile} receives it.
 */
@Mojo(name = "workspace-create", threadSafe = true, requiresProject = false)
public class WorkspaceCreateMojo extends WorkspaceMojo {

    /**
     * Fails when the workspace exists already, instead of reusing it. Also {@code -Dtinybird.failIfExists}; default
     * {@code false}.
     */
    @Parameter(property = "tinybird.failIfExists", defaultValue = "false")
    boolean failIfExists;

    /**
     * A file to write the workspace's admin token to (owner-only permissions). Also {@code -Dtinybird.tokenFile}; no
     * default.
     */
    @Parameter(property = "tinybird.tokenFile")
    File tokenFile;

    @Inject
    public WorkspaceCreateMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    @Override
    void runRemote() throws MojoExecutionException, MojoFailureException {
        String name = workspaceName();
        TinybirdClient user = userClient();
        if (user.userWorkspaces(false, false).find(name).isPresent()) {
            if (failIfExists) {
                throw new MojoFailureException("Workspace '" + name + "' already exists and tinybird.failIfExists is"
                        + " true; delete it first (tinybird:workspace-delete) or choose another name");
            }
            getLog().info("** Workspace '" + name + "' already exists, reusing it");
        } else {
            user.createWorkspace(name);
            getLog().info("** Workspace '" + name + "' has been created");
        }
        if (tokenFile != null) {
            Optional<WorkspaceEntry> entry = user.userWorkspaces(false, false).find(name);
            if (entry.isEmpty() || entry.get().token() == null) {
                throw new MojoExecutionException("Tinybird did not list the admin token of workspace '" + name + "'");
            }
            TokenFile.write(tokenFile.toPath(), entry.get().token());
            getLog().info("Wrote the admin token of workspace '" + name + "' to " + tokenFile);
        }
    }
}
