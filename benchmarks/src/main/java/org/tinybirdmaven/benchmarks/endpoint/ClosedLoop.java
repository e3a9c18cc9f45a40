package org.tinybirdmaven.benchmarks.endpoint;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code clients} threads each sending one request after the other (a closed loop, as a dashboard's clients do)
 * for a warm-up and then a measured period; every request's latency is kept, and the CPU time this process
 * spent during the measured period (every thread: clients, server, chDB), which a busy machine disturbs less than
 * latencies.
 */
final class ClosedLoop {

    /** One request; throws when the answer is wrong, which stops the measurement. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();

    private ClosedLoop() {}

    static Latencies run(int clients, double warmupSeconds, double seconds, Call call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(clients + 1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[][] results = new long[clients][];
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                try {
                    start.await();
                    long measureFrom = window[0];
                    long until = window[1];
                    while (failure.get() == null) {
                        long begin = System.nanoTime();
                        if (begin >= until) {
                            break;
                        }
                        call.run();
                        long end = System.nanoTime();
                        if (begin >= measureFrom && end <= until) {
                            if (count == latencies.length) {
                                latencies = Arrays.copyOf(latencies, count * 2);
                            }
                            latencies[count++] = end - begin;
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
                results[client] = Arrays.copyOf(latencies, count);
            }, "bench-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long now = System.nanoTime();
        window[0] = now + (long) (warmupSeconds * 1e9);
        window[1] = window[0] + (long) (seconds * 1e9);
        start.await();
        sleepUntil(window[0]);
        long cpuStart = OS.getProcessCpuTime();
        sleepUntil(window[1]);
        long cpu = OS.getProcessCpuTime() - cpuStart;
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return Latencies.of(Arrays.stream(results).flatMapToLong(Arrays::stream).toArray(), seconds, cpu);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
