package org.tinybirdmaven.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.WorkspaceInfo;

/** tinybird.env against the local server, with the two kinds of main-workspace tokens a user may give. */
class EnvironmentsTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static String mainName;
    private static String adminToken;
    private static String adminUserToken;

    /** A workspace of its own with one branch, and its plain ADMIN and its ADMIN_USER tokens. */
    @BeforeAll
    static void workspaceWithABranch() {
        mainName = "env_test_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
        try (TinybirdClient user = LocalServerFixture.client(LocalServerFixture.get().userToken())) {
            user.createWorkspace(mainName);
            adminToken = user.userWorkspaces(false, false).find(mainName).orElseThrow().token();
        }
        try (TinybirdClient admin = LocalServerFixture.client(adminToken)) {
            adminUserToken = admin.tokens().stream().filter(t -> t.name().startsWith("admin ")).findFirst()
                    .orElseThrow().value();
            admin.createEnvironment("feature_x", null);
        }
    }

    private static WorkspaceInfo switchTo(String mainToken, String env) throws MojoFailureException {
        try (TinybirdClient main = LocalServerFixture.client(mainToken)) {
            String token = new Environments(new CheckMojoTest.RecordingLog()).token(main, env, "TB_TOKEN");
            return main.withToken(() -> token).workspace();
        }
    }

    @Test
    void aPlainAdminTokenFindsTheBranchThroughTheEnvironmentsList() throws Exception {
        WorkspaceInfo branch = switchTo(adminToken, "feature_x");
        assertThat(branch.isBranch()).isTrue();
        assertThat(branch.name()).isEqualTo("feature_x");
    }

    @Test
    void anAdminUserTokenFindsItThroughTheUsersWorkspaces() throws Exception {
        WorkspaceInfo branch = switchTo(adminUserToken, "feature_x");
        assertThat(branch.isBranch()).isTrue();
        assertThat(switchTo(adminUserToken, branch.id()).id()).as("by id too").isEqualTo(branch.id());
    }

    @Test
    void anUnknownEnvironmentIsAClearFailure() {
        assertThatThrownBy(() -> switchTo(adminToken, "nope")).isInstanceOf(MojoFailureException.class)
                .hasMessage("Tinybird Environment 'nope' does not exist in workspace '" + mainName + "' (it has:"
                        + " feature_x). Perhaps you should create it first (tinybird:env-create) or fix tinybird.env");
    }

    @Test
    void aBranchTokenIsNotAMainWorkspaceToken() throws Exception {
        String branchToken;
        try (TinybirdClient main = LocalServerFixture.client(adminToken)) {
            branchToken = main.environments().get(0).token();
        }
        assertThatThrownBy(() -> switchTo(branchToken, "feature_x")).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("the token from TB_TOKEN belongs to Environment 'feature_x', not to a main"
                        + " workspace");
    }
}
