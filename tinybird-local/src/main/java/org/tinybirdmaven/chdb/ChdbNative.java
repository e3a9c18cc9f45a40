package org.tinybirdmaven.chdb;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * JNA mapping of the part of chDB's C API ({@code chdb.h}) that the engine uses. On LP64 {@code size_t} and
 * {@code uint64_t} are Java {@code long}. Strings go in as UTF-8 byte buffers with explicit lengths so that JNA's
 * platform charset (US-ASCII under {@code LANG=C}) never touches SQL text.
 */
interface ChdbNative extends Library {

    /** Returns {@code chdb_connection *} (a pointer to the connection pointer), or NULL on failure. */
    Pointer chdb_connect(int argc, Pointer argv);

    /** Takes the outer pointer returned by {@link #chdb_connect}; frees the connection. */
    void chdb_close_conn(Pointer connectionHolder);

    Pointer chdb_query_n(Pointer connection, Pointer query, long queryLength, Pointer format, long formatLength);

    Pointer chdb_stream_query_n(Pointer connection, Pointer query, long queryLength, Pointer format,
                                long formatLength);

    Pointer chdb_stream_fetch_result(Pointer connection, Pointer stream);

    void chdb_stream_cancel_query(Pointer connection, Pointer stream);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    /** NULL when the query succeeded, otherwise a NUL-terminated ClickHouse message owned by the result. */
    Pointer chdb_result_error(Pointer result);

    double chdb_result_elapsed(Pointer result);

    long chdb_result_rows_read(Pointer result);

    long chdb_result_bytes_read(Pointer result);

    long chdb_result_rows_written(Pointer result);

    long chdb_result_bytes_written(Pointer result);

    /** Must be called for every result, including errors, stream handles and stream chunks. */
    void chdb_destroy_query_result(Pointer result);

    /** 0 makes connect leave signal handlers alone, except that it resets SEGV/BUS/ILL/FPE to SIG_DFL. */
    void chdb_set_signal_handlers_enabled(int enabled);
}
