package org.tinybirdmaven.plugin;

import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.tinybirdmaven.client.WorkspaceEntry;

/**
 * Lists the workspaces as {@code tb workspace ls} does (name, id, role, plan, current): all of the user's with the
 * user token when there is one, else those the workspace token sees; "current" is the workspace token's.
 */
@Mojo(name = "workspace-list", threadSafe = true, requiresProject = false)
public class WorkspaceListMojo extends RemoteMojo {

    @Inject
    public WorkspaceListMojo(MavenSession session, SettingsDecrypter decrypter) {
        super(session, decrypter);
    }

    /** Lists main workspaces; {@code tinybird.env} does not apply. */
    @Override
    boolean usesEnvironment() {
        return false;
    }

    @Override
    void runRemote() throws MojoExecutionException, MojoFailureException {
        String current = connection().token().isPresent() ? client().workspace().id() : null;
        List<WorkspaceEntry> workspaces = (connection().userToken().isPresent() ? userClient() : client())
                .userWorkspaces(false, false).workspaces();
        getLog().info("** Workspaces:");
        Tables.log(getLog(), List.of("name", "id", "role", "plan", "current"), workspaces.stream()
                .map(w -> List.of(w.name(), w.id(), Tables.text(w.role()), Tables.text(w.plan()),
                        Boolean.toString(w.id().equals(current)))).toList());
    }
}
