package org.tinybirdmaven.server.datasource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per ClickHouse table for the operations that write a datasource (append, replace, truncate, alter, row
 * deletion, drop), so that, for example, an append is not lost in the swap of a concurrent replace. Process-wide, like
 * the chDB engine itself; uploads are received before the lock is taken, so a slow client never holds it.
 */
final class TableLocks {

    private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private TableLocks() {}

    static <T> T withLock(String database, String table, Supplier<T> work) {
        ReentrantLock lock = LOCKS.computeIfAbsent(database + "." + table, key -> new ReentrantLock(true));
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
