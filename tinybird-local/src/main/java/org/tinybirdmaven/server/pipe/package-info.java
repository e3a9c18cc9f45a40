/**
 * The Pipes API: pipes and their nodes, published endpoints and their data, materialized nodes (ClickHouse
 * materialized views into a target datasource, with {@code populateview} jobs), copy pipes (on-demand {@code copy}
 * jobs) and the {@code .pipe} export.
 *
 * <p>Every change of a pipe (creation, {@code force} override, node and endpoint edits) is saved by
 * {@code PipeService}, which checks the whole new version (one output node, template syntax, every node's SQL
 * analysed by ClickHouse unless {@code ignore_sql_errors}), creates the materialized view the new version needs, swaps
 * the catalog entry (same pipe id) and drops the views of the old version. A materialized node records the id of the
 * datasource it writes into in {@link org.tinybirdmaven.server.catalog.NodeRecord#materialized()}.
 *
 * <p>Choices where Tinybird's behaviour is not documented:
 * <ul>
 *   <li>A missing target of a materialized or copy node is created from the node's output columns and its
 *       {@code engine}/{@code engine_*} parameters, with {@code MergeTree ORDER BY tuple()} when it has none.</li>
 *   <li>{@code populate_condition} filters the view's trigger datasource; {@code populate_subset} keeps that fraction
 *       of its rows at random.</li>
 *   <li>Copy schedules are validated and kept, but copies only run on demand.</li>
 *   <li>{@code sink} and {@code stream} nodes are refused: this server has no export connectors.</li>
 * </ul>
 */
package org.tinybirdmaven.server.pipe;
