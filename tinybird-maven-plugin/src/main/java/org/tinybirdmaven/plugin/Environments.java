package org.tinybirdmaven.plugin;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.tinybirdmaven.client.TinybirdApiException;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.WorkspaceEntry;
import org.tinybirdmaven.client.WorkspaceInfo;

/**
 * Finds the token of a Tinybird Environment (branch) from its main workspace's token, as {@code tb branch use}
 * does: the branches of {@code GET /v0/user/workspaces?with_environments=true&only_environments=true} whose
 * {@code main} is the token's workspace, falling back to {@code GET /v0/environments} (a plain admin token lists
 * only its own workspace there). A branch matches by name, id, or {@code {main}_{name}} (legacy names).
 */
final class Environments {

    private final Log log;

    Environments(Log log) {
        this.log = log;
    }

    String token(TinybirdClient main, String env, String tokenSource) throws MojoFailureException {
        WorkspaceInfo workspace = main.workspace();
        if (workspace.isBranch()) {
            throw new MojoFailureException("tinybird.env is '" + env + "' but the token from " + tokenSource
                    + " belongs to Environment '" + workspace.name() + "', not to a main workspace: give the main"
                    + " workspace's token, or leave tinybird.env unset to work in '" + workspace.name() + "'");
        }
        Optional<WorkspaceEntry> branch = find(userBranches(main, workspace), env, workspace);
        List<WorkspaceEntry> listed = null;
        if (branch.isEmpty()) {
            listed = main.environments();
            branch = find(listed, env, workspace);
        }
        if (branch.isEmpty()) {
            String known = listed.stream().map(WorkspaceEntry::name).collect(Collectors.joining(", "));
            throw new MojoFailureException("Tinybird Environment '" + env + "' does not exist in workspace '"
                    + workspace.name() + "' (" + (known.isEmpty() ? "it has none" : "it has: " + known) + ")."
                    + " Perhaps you should create it first (tinybird:env-create) or fix tinybird.env");
        }
        if (branch.get().token() == null) {
            throw new MojoFailureException("Tinybird listed Environment '" + env + "' without its token: the token"
                    + " from " + tokenSource + " may not be an admin token of workspace '" + workspace.name() + "'");
        }
        log.info("Working in Tinybird Environment '" + branch.get().name() + "' (" + branch.get().id() + ") of"
                + " workspace '" + workspace.name() + "'");
        return branch.get().token();
    }

    private static List<WorkspaceEntry> userBranches(TinybirdClient main, WorkspaceInfo workspace) {
        try {
            return main.userWorkspaces(true, true).workspaces().stream()
                    .filter(entry -> entry.branch() && workspace.id().equals(entry.mainId())).toList();
        } catch (TinybirdApiException e) {
            if (e.isForbidden() || e.isNotFound()) {
                return List.of();
            }
            throw e;
        }
    }

    private static Optional<WorkspaceEntry> find(List<WorkspaceEntry> branches, String env, WorkspaceInfo main) {
        return branches.stream().filter(b -> env.equals(b.name()) || env.equals(b.id())
                || (main.name() + "_" + env).equals(b.name())).findFirst();
    }
}
