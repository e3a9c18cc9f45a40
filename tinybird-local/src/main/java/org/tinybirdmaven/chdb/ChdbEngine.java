package org.tinybirdmaven.chdb;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * chDB (embedded ClickHouse) loaded in this process through JNA, with the rules from {@code shared/spec/chdb.md}
 * built in:
 * <ul>
 *   <li>one engine per process, on one data directory (chDB is a process-wide singleton);</li>
 *   <li>every call and the whole life of every stream hold a fair lock on its connection, because a query that
 *       runs between two fetches of a stream silently truncates the stream;</li>
 *   <li>a shutdown hook waits for the lock and closes the connections, because chDB's static destructors crash
 *       the JVM (exit 134) when it exits with a query in flight or a materialized view on an open path;</li>
 *   <li>SQL is passed as UTF-8 bytes with an explicit length;</li>
 *   <li>the JVM must run with {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}, see {@link Options}.</li>
 * </ul>
 * Session state ({@code SET}, {@code USE}) is per connection and must not be relied on: put settings in a
 * per-query {@code SETTINGS} clause and qualify table names. Bulk loads are fastest from a file
 * ({@code INSERT INTO t FROM INFILE '/abs/file.csv' FORMAT CSVWithNames}).
 */
public final class ChdbEngine implements AutoCloseable {

    /**
     * How to open the engine.
     *
     * @param connections connections to the same data directory. Each call takes one, so more than one lets
     *     calls run in parallel; writes are visible on every connection at once. On 2 cores a mixed workload
     *     from 4 threads ran about 300 ops/s with 1 connection and 560 with 4.
     * @param allowWithoutLibjsig start even when libjsig is not preloaded, restoring the JVM's signal handlers
     *     around each connect. That leaves a sub-millisecond window per connect in which a SIGSEGV on any other
     *     thread (an NPE, a safepoint poll) kills the JVM, so only use it when the engine is opened before other
     *     threads are busy.
     */
    public record Options(int connections, boolean allowWithoutLibjsig) {

        /** Four connections, libjsig required. */
        public static final Options DEFAULT = new Options(4, false);

        public Options {
            if (connections < 1) {
                throw new IllegalArgumentException("connections must be at least 1, got " + connections);
            }
        }
    }

    /** Receives the chunks of a streamed result, in order, while the stream's connection is locked. */
    @FunctionalInterface
    public interface ChunkConsumer {
        void accept(byte[] chunk) throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(ChdbEngine.class.getName());
    private static final Pattern DROP_SYNC = Pattern.compile(
            "(?is)^\\s*DROP\\s+(?:TEMPORARY\\s+)?(?:TABLE|DATABASE|VIEW|DICTIONARY)\\s+\\S.*\\s+SYNC\\s*;?\\s*$");

    /** Guards the process-wide state below: chDB can be loaded once and serve one data directory at a time. */
    private static final Object PROCESS_STATE = new Object();
    private static Path loadedLibrary;
    private static ChdbNative loadedNative;
    private static ChdbEngine openEngine;

    private final ChdbNative chdb;
    private final Path dataDir;
    private final List<Connection> connections;
    /** Hands connections out in arrival order; each connection's own lock is what close() waits for. */
    private final BlockingQueue<Connection> idle;
    private final Thread shutdownHook;

    private static final class Connection {
        /** {@code chdb_connection *}: what close takes. */
        final Pointer holder;
        /** {@code *holder}: what queries take. Invalid once closed. */
        final Pointer handle;
        final ReentrantLock lock = new ReentrantLock(true);
        boolean closed;

        Connection(Pointer holder) {
            this.holder = holder;
            this.handle = holder.getPointer(0);
        }
    }

    private ChdbEngine(ChdbNative chdb, Path dataDir, List<Connection> connections) {
        this.chdb = chdb;
        this.dataDir = dataDir;
        this.connections = List.copyOf(connections);
        this.idle = new ArrayBlockingQueue<>(connections.size(), true, connections);
        this.shutdownHook = new Thread(this::close, "chdb-shutdown");
    }

    /** Opens the engine with {@link Options#DEFAULT}. */
    public static ChdbEngine open(Path library, Path dataDir) {
        return open(library, dataDir, Options.DEFAULT);
    }

    /**
     * Loads {@code libchdb} (once per process) and connects to {@code dataDir}, creating it if needed.
     *
     * @param library path of {@code libchdb.so}, typically from {@link ChdbLibraryLocator#locate()}
     * @param dataDir the engine's data directory; another process must not have it open
     * @throws IllegalStateException if libjsig is not preloaded (and not allowed), if another engine is open in
     *     this process, or if a different libchdb was loaded before
     * @throws ChdbException if chDB cannot connect
     */
    public static ChdbEngine open(Path library, Path dataDir, Options options) {
        boolean libjsig = libjsigPreloaded(System.getenv());
        if (!libjsig && !options.allowWithoutLibjsig()) {
            throw new IllegalStateException(
                    "libjsig is not preloaded into this JVM. chDB replaces the JVM's SIGSEGV/SIGBUS/SIGILL/SIGFPE "
                            + "handlers when it connects; HotSpot needs them for null checks, so the first "
                            + "NullPointerException afterwards hangs or kills the JVM. Start the JVM with "
                            + "LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", "libjsig.so")
                            + " (the local server's launcher does this), or open the engine with "
                            + "Options.allowWithoutLibjsig before any other thread is busy.");
        }
        Path directory = dataDir.toAbsolutePath().normalize();
        synchronized (PROCESS_STATE) {
            if (openEngine != null) {
                throw new IllegalStateException("A chDB engine is already open in this process on "
                        + openEngine.dataDir + "; chDB supports one engine per process, close it first.");
            }
            ChdbNative chdb = load(library, libjsig);
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create chDB data directory " + directory, e);
            }
            long start = System.nanoTime();
            List<Connection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < options.connections(); i++) {
                    connections.add(connect(chdb, directory, libjsig));
                }
            } catch (RuntimeException e) {
                connections.forEach(c -> chdb.chdb_close_conn(c.holder));
                throw e;
            }
            LOG.log(Level.INFO, "chDB connected to {0} ({1} connection(s)) in {2} ms", directory,
                    connections.size(), (System.nanoTime() - start) / 1_000_000);
            ChdbEngine engine = new ChdbEngine(chdb, directory, connections);
            Runtime.getRuntime().addShutdownHook(engine.shutdownHook);
            openEngine = engine;
            return engine;
        }
    }

    /** The absolute data directory this engine serves. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Runs one query (or several separated by {@code ;}, whose outputs are concatenated) and returns its output.
     *
     * @param sql the query; a {@code FORMAT} clause in it overrides {@code format}
     * @param format ClickHouse output format such as {@code JSON}, {@code JSONEachRow} or {@code CSVWithNames}
     * @throws ChdbException when ClickHouse reports an error
     * @throws IllegalStateException when the engine is closed, or when called from inside a {@link ChunkConsumer}
     */
    public QueryResult query(String sql, String format) {
        rejectDropSync(sql);
        try (Memory query = utf8(sql); Memory formatName = utf8(format)) {
            Connection connection = acquire();
            try {
                Pointer result = chdb.chdb_query_n(connection.handle, query, length(query), formatName,
                        length(formatName));
                try {
                    throwIfError(result);
                    long length = chdb.chdb_result_length(result);
                    if (length > Integer.MAX_VALUE - 8) {
                        throw new ChdbException(0, "", "The result has " + length
                                + " bytes, more than a Java array holds; use stream() instead.");
                    }
                    byte[] data = length == 0 ? new byte[0]
                            : chdb.chdb_result_buffer(result).getByteArray(0, (int) length);
                    return new QueryResult(data, chdb.chdb_result_elapsed(result), chdb.chdb_result_rows_read(result),
                            chdb.chdb_result_bytes_read(result), chdb.chdb_result_rows_written(result),
                            chdb.chdb_result_bytes_written(result));
                } finally {
                    chdb.chdb_destroy_query_result(result);
                }
            } finally {
                release(connection);
            }
        }
    }

    /**
     * Runs a query and hands its output to {@code consumer} chunk by chunk, holding the connection for the whole
     * stream. If the consumer throws, the query is cancelled and the exception propagates.
     *
     * @return the number of bytes handed to the consumer
     * @throws ChdbException when ClickHouse reports an error, before or during the stream
     * @throws IOException when the consumer throws one
     */
    public long stream(String sql, String format, ChunkConsumer consumer) throws IOException {
        rejectDropSync(sql);
        try (Memory query = utf8(sql); Memory formatName = utf8(format)) {
            Connection connection = acquire();
            try {
                Pointer stream = chdb.chdb_stream_query_n(connection.handle, query, length(query), formatName,
                        length(formatName));
                boolean needsCancel = false;
                try {
                    throwIfError(stream);
                    needsCancel = true;
                    long total = 0;
                    while (true) {
                        Pointer chunk = chdb.chdb_stream_fetch_result(connection.handle, stream);
                        try {
                            if (chdb.chdb_result_error(chunk) != null) {
                                needsCancel = false; // the engine already ended the stream
                                throwIfError(chunk);
                            }
                            long length = chdb.chdb_result_length(chunk);
                            if (length == 0) {
                                needsCancel = false; // end of stream; fetching past it is an error in 26.5
                                return total;
                            }
                            consumer.accept(chdb.chdb_result_buffer(chunk).getByteArray(0, (int) length));
                            total += length;
                        } finally {
                            chdb.chdb_destroy_query_result(chunk);
                        }
                    }
                } finally {
                    if (needsCancel) {
                        chdb.chdb_stream_cancel_query(connection.handle, stream);
                    }
                    chdb.chdb_destroy_query_result(stream);
                }
            } finally {
                release(connection);
            }
        }
    }

    /**
     * Waits for calls in flight, then closes every connection. Idempotent. The data stays in {@link #dataDir()};
     * after closing, another engine may be opened in this process.
     *
     * @throws IllegalStateException when called from inside a {@link ChunkConsumer}
     */
    @Override
    public void close() {
        rejectNestedCall();
        for (Connection connection : connections) {
            connection.lock.lock();
            try {
                if (!connection.closed) {
                    connection.closed = true;
                    chdb.chdb_close_conn(connection.holder);
                }
            } finally {
                connection.lock.unlock();
            }
        }
        synchronized (PROCESS_STATE) {
            if (openEngine == this) {
                openEngine = null;
                LOG.log(Level.DEBUG, "chDB closed {0}", dataDir);
            }
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownInProgress) {
                // The hook is running or about to; it will find the connections closed.
            }
        }
    }

    /**
     * Whether {@code libjsig} is loaded into this process: from {@code /proc/self/maps} where it exists, otherwise
     * from the preload variables in {@code environment}.
     */
    private static boolean libjsigPreloaded(Map<String, String> environment) {
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            try (Stream<String> lines = Files.lines(maps)) {
                return lines.anyMatch(line -> line.contains("/libjsig."));
            } catch (IOException | UncheckedIOException e) {
                LOG.log(Level.DEBUG, "Cannot read {0}: {1}", maps, e.getMessage());
            }
        }
        return Stream.of("LD_PRELOAD", "DYLD_INSERT_LIBRARIES")
                .map(name -> environment.getOrDefault(name, ""))
                .anyMatch(value -> value.contains("libjsig"));
    }

    private static ChdbNative load(Path library, boolean libjsig) {
        Path absolute = library.toAbsolutePath().normalize();
        if (loadedNative != null) {
            if (!loadedLibrary.equals(absolute)) {
                throw new IllegalStateException("libchdb was already loaded from " + loadedLibrary
                        + "; a process can load only one copy, so " + absolute + " cannot be used.");
            }
            return loadedNative;
        }
        long start = System.nanoTime();
        ChdbNative chdb = Native.load(absolute.toString(), ChdbNative.class);
        LOG.log(Level.INFO, "chDB loaded from {0} in {1} ms", absolute, (System.nanoTime() - start) / 1_000_000);
        // Under libjsig chDB's sigaction calls are recorded as chained handlers and the JVM keeps its own.
        SignalHandlerGuard guard = libjsig ? null : new SignalHandlerGuard();
        chdb.chdb_set_signal_handlers_enabled(0);
        if (guard != null) {
            guard.restore();
        }
        loadedLibrary = absolute;
        loadedNative = chdb;
        return chdb;
    }

    private static Connection connect(ChdbNative chdb, Path directory, boolean libjsig) {
        SignalHandlerGuard guard = libjsig ? null : new SignalHandlerGuard();
        Pointer holder;
        try (StringArray argv = new StringArray(new String[] {"clickhouse", "--path=" + directory}, "UTF-8")) {
            holder = chdb.chdb_connect(2, argv);
        } finally {
            if (guard != null) {
                guard.restore(); // connect resets SEGV/BUS/ILL/FPE to SIG_DFL at its very end
            }
        }
        if (holder == null || holder.getPointer(0) == null) {
            throw new ChdbException(0, "", "chDB could not open " + directory + ". Another process may hold it (see "
                    + directory.resolve("status") + " and the engine's message on stderr); chDB allows one data "
                    + "directory per process and one process per data directory.");
        }
        return new Connection(holder);
    }

    private Connection acquire() {
        rejectNestedCall();
        Connection connection;
        boolean interrupted = false;
        while (true) {
            try {
                connection = idle.take();
                break;
            } catch (InterruptedException e) {
                // Like lock(): a caller that is interrupted still gets its query run, with the flag restored.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        connection.lock.lock();
        if (connection.closed) {
            release(connection);
            throw new IllegalStateException("The chDB engine on " + dataDir + " is closed.");
        }
        return connection;
    }

    private void release(Connection connection) {
        connection.lock.unlock();
        idle.add(connection);
    }

    /** A call from inside a stream consumer would either deadlock or corrupt the stream. */
    private void rejectNestedCall() {
        for (Connection connection : connections) {
            if (connection.lock.isHeldByCurrentThread()) {
                throw new IllegalStateException(
                        "chDB calls cannot be nested: this thread is inside a stream on the same engine.");
            }
        }
    }

    private static void rejectDropSync(String sql) {
        if (DROP_SYNC.matcher(sql).matches()) {
            throw new IllegalArgumentException("DROP … SYNC never returns in chDB 26.5 and blocks the engine; "
                    + "use DROP without SYNC (or TRUNCATE). Query: " + sql);
        }
    }

    private void throwIfError(Pointer result) {
        if (result == null) {
            throw new ChdbException(0, "", "chDB returned no result");
        }
        Pointer error = chdb.chdb_result_error(result);
        if (error != null) {
            throw ChdbException.fromEngineMessage(error.getString(0, StandardCharsets.UTF_8.name()));
        }
    }

    /** NUL-terminated UTF-8; chDB gets the length without the terminator, see {@link #length(Memory)}. */
    private static Memory utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Memory memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return memory;
    }

    private static long length(Memory utf8) {
        return utf8.size() - 1;
    }
}
