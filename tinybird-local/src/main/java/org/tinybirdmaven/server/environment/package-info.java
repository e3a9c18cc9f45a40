/**
 * The Environments API ({@code /v0/environments}), a.k.a. branches: a branch is a workspace whose {@code mainId}
 * names its main workspace, with its own database and tokens, so every other API works on it unchanged and in
 * isolation (a branch token resolves to the branch's database only, and the reverse).
 *
 * <p>Choices where Tinybird's behaviour is not documented:
 * <ul>
 *   <li>Schemas, pipes (with their materialized views) and the main workspace's own tokens are copied synchronously,
 *       so the branch is complete when {@code POST /v0/environments} answers; data always comes through a
 *       {@code data_branch} job (one that copies nothing when no data was asked for), whose {@code result} is
 *       {@code {"partitions": [{"datasource": {id, name}, "partitions": [{"partition", "status": done|error,
 *       "error"?}]}]}} as the CLI's summary table reads it.</li>
 *   <li>Data is copied with {@code REPLACE PARTITION … FROM}, which copies parts without firing materialized views:
 *       sources and view targets are both copied as data, nothing is materialized twice, and copying again replaces
 *       rather than duplicates.</li>
 *   <li>The last partition is the greatest partition id (numerically for numeric ids), i.e. the most recent period for
 *       time-based partition keys; an unpartitioned datasource has one partition, copied whole.</li>
 *   <li>{@code ignore_datasources} datasources get their schema but no data; quarantine tables get their schema only.</li>
 *   <li>Resources keep their ids in the branch; copied tokens keep names and scopes and get new secret values.</li>
 *   <li>Branch names are unique among all workspaces (they are workspaces), and a branch token lists no branches.</li>
 * </ul>
 */
package org.tinybirdmaven.server.environment;
