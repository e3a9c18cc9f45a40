package org.tinybirdmaven.server.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.tinybirdmaven.server.catalog.Ids;

/**
 * Runs jobs one at a time in the background (the engine serialises heavy work anyway, and a queue keeps populate
 * order predictable) and remembers the last {@value #KEPT} of them for {@code /v0/jobs}.
 */
public final class Jobs implements AutoCloseable {

    /** The work of a job; returns the job's {@code result} (may be null) or throws to fail it. */
    @FunctionalInterface
    public interface Work {
        Map<String, Object> run(Job job) throws Exception;
    }

    static final int KEPT = 100;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tinybird-local-jobs");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Job> byId = new ConcurrentHashMap<>();
    private final Deque<Job> recent = new ArrayDeque<>();

    /** Queues {@code work} as a new job and returns it at once (status {@code waiting}). */
    public Job submit(String kind, String workspaceId, Map<String, Object> details, Work work) {
        Job job = new Job(Ids.uuid(), kind, workspaceId, Ids.now(), details);
        byId.put(job.id, job);
        synchronized (recent) {
            recent.addFirst(job);
            while (recent.size() > KEPT) {
                byId.remove(recent.removeLast().id);
            }
        }
        executor.execute(() -> run(job, work));
        return job;
    }

    private static void run(Job job, Work work) {
        synchronized (job) {
            if (job.cancelRequested) {
                finish(job, Job.Status.CANCELLED, null, null);
                return;
            }
            job.status = Job.Status.WORKING;
            job.startedAt = Ids.now();
            job.updatedAt = job.startedAt;
        }
        try {
            Map<String, Object> result = work.run(job);
            synchronized (job) {
                finish(job, job.cancelRequested ? Job.Status.CANCELLED : Job.Status.DONE, null, result);
            }
        } catch (Exception e) {
            synchronized (job) {
                finish(job, job.cancelRequested ? Job.Status.CANCELLED : Job.Status.ERROR,
                        e.getMessage() == null ? e.toString() : e.getMessage(), null);
            }
        }
    }

    private static void finish(Job job, Job.Status status, String error, Map<String, Object> result) {
        job.status = status;
        job.error = error;
        job.result = result;
        job.updatedAt = Ids.now();
    }

    public Optional<Job> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The most recent jobs of a workspace, newest first. */
    public List<Job> recent(String workspaceId) {
        synchronized (recent) {
            return recent.stream().filter(job -> job.workspaceId.equals(workspaceId)).toList();
        }
    }

    /** Asks a job to stop; false when it already finished. */
    public boolean cancel(Job job) {
        synchronized (job) {
            if (job.status.isTerminal() || job.cancelRequested) {
                return false;
            }
            job.cancelRequested = true;
            job.status = job.status == Job.Status.WAITING ? Job.Status.CANCELLED : Job.Status.CANCELLING;
            job.updatedAt = Ids.now();
            return true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
