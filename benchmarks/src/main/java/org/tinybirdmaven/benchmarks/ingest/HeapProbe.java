package org.tinybirdmaven.benchmarks.ingest;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Watches the heap (and CPU time) of another JVM through JMX: attaches to it (the JDK's attach API starts its
 * local management agent), then reads the heap pools' peak usage, which the JVM itself tracks, so nothing is
 * missed between samples.
 *
 * <p>Usage: {@link #reset()} (a full GC, then the peaks start from the live heap), run the workload, {@link #read()}.
 */
final class HeapProbe implements AutoCloseable {

    /**
     * What the heap held during a workload.
     *
     * @param peakBytes    the sum of every heap pool's peak (an upper bound: pools peak at different times)
     * @param oldPeakBytes the old generation's peak: what survived young collections
     * @param liveBytes    the heap after a full GC at the end
     * @param maxBytes     the heap limit ({@code -Xmx})
     * @param collections  young and old collections during the workload
     */
    record Heap(long peakBytes, long oldPeakBytes, long liveBytes, long maxBytes, long collections) {}

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final List<MemoryPoolMXBean> pools;
    private final List<GarbageCollectorMXBean> collectors;
    private final com.sun.management.OperatingSystemMXBean os;
    private long collectionsAtReset;

    private HeapProbe(JMXConnector connector, MBeanServerConnection connection) throws IOException {
        this.connector = connector;
        this.memory = ManagementFactory.getPlatformMXBean(connection, MemoryMXBean.class);
        this.pools = ManagementFactory.getPlatformMXBeans(connection, MemoryPoolMXBean.class).stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        this.collectors = ManagementFactory.getPlatformMXBeans(connection, GarbageCollectorMXBean.class);
        this.os = ManagementFactory.getPlatformMXBean(connection, com.sun.management.OperatingSystemMXBean.class);
    }

    /** The watched process' CPU time so far, all threads (chDB's included). */
    long cpuNanos() {
        return os.getProcessCpuTime();
    }

    static HeapProbe attach(long pid) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("Cannot attach to process " + pid + ": " + e.getMessage(), e);
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        return new HeapProbe(connector, connector.getMBeanServerConnection());
    }

    void reset() {
        memory.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        collectionsAtReset = collections();
    }

    Heap read() {
        long peak = pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long old = pools.stream().filter(pool -> isOld(pool.getName())).mapToLong(pool -> pool.getPeakUsage()
                .getUsed()).sum();
        long collections = collections() - collectionsAtReset;
        memory.gc();
        return new Heap(peak, old, memory.getHeapMemoryUsage().getUsed(), memory.getHeapMemoryUsage().getMax(),
                collections);
    }

    private static boolean isOld(String pool) {
        return pool.contains("Old") || pool.contains("Tenured");
    }

    private long collections() {
        return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
