package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The client against the real local server (real HTTP, real chDB): identity, workspaces, tokens, jobs, errors. */
class LocalServerClientTest {

    private static final TinybirdClient ADMIN = LocalClients.builder(LocalClients.adminToken(), Sleeper.SYSTEM)
            .build();
    private static final TinybirdClient USER = ADMIN.withToken(LocalClients::userToken);

    @AfterAll
    static void close() {
        USER.close();
        ADMIN.close();
    }

    @Test
    void authTellsUserTokensFromWorkspaceTokens() {
        assertThat(ADMIN.auth()).isEqualTo(new AuthInfo(true, false));
        assertThat(USER.auth()).isEqualTo(new AuthInfo(true, true));
    }

    @Test
    void workspaceDescribesTheTokensOwnWorkspace() {
        WorkspaceInfo workspace = ADMIN.workspace();
        assertThat(workspace.name()).isEqualTo("Tinybird_Local_Testing");
        assertThat(workspace.scope()).isEqualTo("admin");
        assertThat(workspace.isBranch()).isFalse();
        assertThat(workspace.id()).isNotBlank();
    }

    @Test
    void userWorkspacesCarryTheirAdminTokens() {
        UserWorkspaces all = USER.userWorkspaces(true, false);
        assertThat(all.scope()).isEqualTo("user");
        WorkspaceEntry local = all.find("Tinybird_Local_Testing").orElseThrow();
        assertThat(local.token()).isEqualTo(LocalClients.adminToken());
        assertThat(local.branch()).isFalse();
        assertThat(USER.userWorkspaces(true, true).workspaces()).noneMatch(w -> w.name().equals(local.name()));

        UserWorkspaces own = ADMIN.userWorkspaces(false, false);
        assertThat(own.scope()).isEqualTo("admin");
        assertThat(own.workspaces()).extracting(WorkspaceEntry::name).containsExactly("Tinybird_Local_Testing");
    }

    @Test
    void aWorkspaceIsCreatedUsedAndDeletedWithTheUserToken() {
        String name = LocalClients.unique("client_ws");
        WorkspaceEntry created = USER.createWorkspace(name);
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.token()).as("creation does not return the token").isNull();

        WorkspaceEntry listed = USER.userWorkspaces(false, false).find(name).orElseThrow();
        assertThat(listed.id()).isEqualTo(created.id());
        try (TinybirdClient inNew = USER.withToken(listed::token)) {
            assertThat(inNew.workspace().name()).isEqualTo(name);
        }

        USER.deleteWorkspace(created.id());
        assertThat(USER.userWorkspaces(false, false).find(name)).isEmpty();
    }

    @Test
    void aWorkspaceTokenCannotCreateWorkspaces() {
        assertThatThrownBy(() -> ADMIN.createWorkspace(LocalClients.unique("denied")))
                .isInstanceOfSatisfying(TinybirdApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error()).isEqualTo("invalid user authentication");
                    assertThat(e.isInvalidToken()).isFalse();
                    assertThat(e.hint()).contains("user token");
                });
    }

    @Test
    void tokensAreCreatedListedAndGivenMoreScopes() {
        String name = LocalClients.unique("client token");
        Token created = ADMIN.createToken(name, List.of("PIPES:CREATE"), "C", null);
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.value()).isNotBlank();
        assertThat(created.scopes()).extracting(TokenScope::asParameter).containsExactly("PIPES:CREATE");
        assertThat(created.origin()).isEqualTo("C");

        Token updated = ADMIN.updateTokenScopes(name, List.of("PIPES:CREATE", "DATASOURCES:READ:events"));
        assertThat(updated.scopes()).extracting(TokenScope::asParameter)
                .containsExactly("PIPES:CREATE", "DATASOURCES:READ:events");
        assertThat(updated.value()).isEqualTo(created.value());

        Token listed = ADMIN.tokens().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        assertThat(listed.scopes()).hasSize(2);
        assertThat(ADMIN.tokens()).extracting(Token::name).contains("admin token");
    }

    @Test
    void aTokenCreationErrorCarriesTinybirdsText() {
        assertThatThrownBy(() -> ADMIN.createToken(LocalClients.unique("bad"), List.of("NOT:A:SCOPE"), null, null))
                .isInstanceOfSatisfying(TinybirdApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TinybirdApiException.Kind.BAD_REQUEST);
                    assertThat(e.error()).isEqualTo("Unknown scope NOT:A:SCOPE");
                    assertThat(e.getMessage()).startsWith("Could not create token 'bad_");
                });
    }

    @Test
    void anUnknownJobIsNotFound() {
        assertThatThrownBy(() -> ADMIN.job("no-such-job")).isInstanceOfSatisfying(TinybirdApiException.class, e -> {
            assertThat(e.isNotFound()).isTrue();
            assertThat(e.getMessage()).isEqualTo("Could not read job 'no-such-job': Job with id \"no-such-job\" not "
                    + "found [HTTP 404 on GET /v0/jobs/no-such-job]. Perhaps you should check that job "
                    + "'no-such-job' exists in this workspace and that the token belongs to the right workspace");
        });
    }

    @Test
    void anUnknownTokenIsExplainedWithTinybirdsMessage() {
        try (TinybirdClient unknown = ADMIN.withToken(() -> "p.not-a-real-token")) {
            assertThatThrownBy(unknown::workspace).isInstanceOfSatisfying(TinybirdApiException.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.isInvalidToken()).isTrue();
                assertThat(e.error()).isEqualTo("invalid authentication token");
                assertThat(e.documentation()).isEqualTo("https://docs.tinybird.co/api-reference/overview#authentication");
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.getMessage()).isEqualTo("Could not read the token's workspace: invalid authentication "
                        + "token [HTTP 403 on GET /v0/workspace]. Perhaps you should check the token (TB_TOKEN or the "
                        + "settings.xml server): " + Transport.hostOf(LocalClients.baseUrl()) + " does not know it, "
                        + "and tokens only work on the region and workspace they belong to")
                        .doesNotContain("p.not-a-real-token");
            });
        }
    }
}
