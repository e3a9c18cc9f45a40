package org.tinybirdmaven.tests;

import java.util.Map;

/**
 * One test of a {@code tests/*.yaml} file: a query that must return no rows.
 *
 * @param sql          SQL run through {@code /v0/sql}, or over the pipe's result ({@code _} or the pipe's name)
 *                     when {@code pipe} is set; may be null when {@code pipe} is set
 * @param pipe         the endpoint to call, or null
 * @param params       the endpoint's parameters, in file order
 * @param maxTime      seconds above which the test is a {@code Pass Over Time}, or null
 * @param maxBytesRead bytes above which the test is a {@code Pass Over Read Bytes}, or null
 * @param line         where the test starts in its file
 */
public record DataQualityTest(String name, String sql, String pipe, Map<String, String> params, Double maxTime,
                             Long maxBytesRead, int line) {

    public DataQualityTest {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(params));
    }
}
