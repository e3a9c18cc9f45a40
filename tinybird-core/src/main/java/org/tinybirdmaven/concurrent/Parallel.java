package org.tinybirdmaven.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Maps a list on a few threads, keeping the order of the input: the bounded fan-out of independent API calls (test
 * files, the exports an {@code onlyChanges} push compares).
 */
public final class Parallel {

    private Parallel() {}

    /**
     * @param activity what the work is, for the message of an interruption ("running tests")
     * @throws RuntimeException the first failure of {@code work}, as it was thrown
     */
    public static <T, R> List<R> map(List<T> items, int threads, String activity, Function<T, R> work) {
        if (threads <= 1 || items.size() <= 1) {
            return items.stream().map(work).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "tinybird-parallel");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            items.forEach(item -> futures.add(pool.submit(() -> work.apply(item))));
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + activity, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
