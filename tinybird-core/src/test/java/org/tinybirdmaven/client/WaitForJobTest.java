package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job wait loop (the local server has no way yet to make a job from the client's operations). */
class WaitForJobTest {

    private final FakeTime time = new FakeTime(Clients.START);
    private final CannedServer server;
    private final TinybirdClient client;

    WaitForJobTest() throws IOException {
        server = new CannedServer();
        client = Clients.client(server, time);
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private CannedServer job(String status, String extra) {
        return server.json("{\"id\": \"j1\", \"kind\": \"populateview\", \"status\": \"" + status + "\", "
                + "\"job_url\": \"http://localhost:7181/v0/jobs/j1\"" + extra + "}");
    }

    @Test
    void pollsGentlyUntilDoneAndShowsEveryState() {
        job("waiting", "");
        job("working", ", \"progress_percentage\": 40.5");
        job("working", ", \"progress_percentage\": 90");
        job("done", "");
        List<Job> seen = new ArrayList<>();
        Job done = client.waitForJob("j1", Duration.ofMinutes(5), seen::add);
        assertThat(done.isDone()).isTrue();
        assertThat(seen).extracting(Job::status).containsExactly("waiting", "working", "working", "done");
        assertThat(seen.get(1).progressPercentage()).isEqualTo(40.5);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(2500),
                Duration.ofMillis(3125));
        assertThat(server.requests).extracting(CannedServer.Recorded::uri).containsOnly("/v0/jobs/j1");
    }

    @Test
    void theIntervalStopsGrowingAtTenSeconds() {
        for (int i = 0; i < 12; i++) {
            job("working", "");
        }
        job("done", "");
        client.waitForJob("j1", Duration.ofHours(1), JobListener.NONE);
        assertThat(time.sleeps).last().isEqualTo(Duration.ofSeconds(10));
        assertThat(time.sleeps).allMatch(d -> d.compareTo(Duration.ofSeconds(10)) <= 0);
    }

    @Test
    void aFailedJobThrowsItsError() {
        job("working", "");
        job("error", ", \"error\": \"Memory limit exceeded in node 'mv'\"");
        assertThatThrownBy(() -> client.waitForJob("j1", Duration.ofMinutes(5), null))
                .isInstanceOfSatisfying(TinybirdJobException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TinybirdJobException.Kind.FAILED);
                    assertThat(e.job().isError()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("Could not finish job 'j1' (populateview): Memory limit "
                            + "exceeded in node 'mv' [http://localhost:7181/v0/jobs/j1]");
                });
    }

    @Test
    void aFailedJobWithOnlyAnErrorsListJoinsThem() {
        job("error", ", \"errors\": [\"partition 1 failed\", \"partition 2 failed\"]");
        assertThatThrownBy(() -> client.waitForJob("j1", Duration.ofMinutes(5), null))
                .hasMessageContaining(": partition 1 failed; partition 2 failed [");
    }

    @Test
    void aCancelledJobSaysSo() {
        job("cancelled", "");
        assertThatThrownBy(() -> client.waitForJob("j1", Duration.ofMinutes(5), null))
                .isInstanceOfSatisfying(TinybirdJobException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TinybirdJobException.Kind.CANCELLED);
                    assertThat(e.getMessage()).contains(": Job has been cancelled [");
                });
    }

    @Test
    void aJobStillRunningAtTheDeadlineTimesOut() {
        for (int i = 0; i < 5; i++) {
            job("working", "");
        }
        assertThatThrownBy(() -> client.waitForJob("j1", Duration.ofSeconds(5), null))
                .isInstanceOfSatisfying(TinybirdJobException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TinybirdJobException.Kind.TIMED_OUT);
                    assertThat(e.getMessage()).contains("the job is still working after 5 s");
                });
        assertThat(time.sleeps).as("the last wait ends at the deadline")
                .containsExactly(Duration.ofSeconds(2), Duration.ofMillis(2500), Duration.ofMillis(500));
    }

    @Test
    void anUnknownJobIsNotFound() {
        server.respond(404, "{\"error\": \"Job with id \\\"nope\\\" not found\"}");
        assertThatThrownBy(() -> client.waitForJob("nope", Duration.ofMinutes(1), null))
                .isInstanceOfSatisfying(TinybirdApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    }
}
