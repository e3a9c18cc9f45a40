package org.tinybirdmaven.plugin;

import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.client.TinybirdApiException;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.WorkspaceEntry;
import org.tinybirdmaven.client.WorkspaceInfo;

/**
 * Shows the workspace the token belongs to, as {@code tb workspace current} does; with {@code tinybird.env}, the
 * Environment the other goals would work in.
 */
@Mojo(name = "workspace-current", threadSafe = true, requiresProject = false)
public class WorkspaceCurrentMojo extends RemoteMojo {

    @Inject
    public WorkspaceCurrentMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    @Override
    void runRemote() throws MojoExecutionException, MojoFailureException {
        TinybirdClient client = client();
        WorkspaceInfo workspace = client.workspace();
        Optional<WorkspaceEntry> entry;
        try {
            entry = client.userWorkspaces(true, false).find(workspace.id());
        } catch (TinybirdApiException e) {
            // Only admin tokens may list workspaces; role and plan stay unknown for the others.
            if (!e.isForbidden()) {
                throw e;
            }
            entry = Optional.empty();
        }
        getLog().info("** Current workspace:");
        Tables.log(getLog(), List.of("name", "id", "role", "plan", "current"), List.of(List.of(workspace.name(),
                workspace.id(), Tables.text(entry.map(WorkspaceEntry::role).orElse(null)),
                Tables.text(entry.map(WorkspaceEntry::plan).orElse(null)), "true")));
    }
}
