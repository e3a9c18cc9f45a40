package org.tinybirdmaven.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.tinybirdmaven.client.CreatedEnvironment;
import org.tinybirdmaven.client.Job;
import org.tinybirdmaven.client.TinybirdClient;

/** {@code tinybird.envData} and the partition table of the Environment's data job, as {@code tb branch create}. */
final class EnvironmentData {

    private EnvironmentData() {}

    /** The {@code data} parameter of {@code POST /v0/environments}: null for none. */
    static String parameter(String envData) throws MojoFailureException {
        String value = envData == null ? "none" : envData.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (value) {
            case "", "none" -> null;
            case "last_partition", "all_partitions" -> value;
            default -> throw new MojoFailureException("tinybird.envData is '" + envData + "'; use none,"
                    + " last_partition or all_partitions");
        };
    }

    /** Waits for the Environment's data job, then logs the partitions it copied. */
    static void await(Log log, TinybirdClient main, CreatedEnvironment created, Duration timeout) {
        if (created.job() != null) {
            log.info("** Environment job url " + created.job().jobUrl());
            logPartitions(log, main.waitForJob(created.job().id(), timeout, null));
        }
    }

    /** The job's {@code result.partitions} as a table: Data Source, Partition, Status, Error. */
    private static void logPartitions(Log log, Job job) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode datasource : job.raw().path("result").path("partitions")) {
            String name = datasource.path("datasource").path("name").asText();
            for (JsonNode partition : datasource.path("partitions")) {
                rows.add(List.of(name, partition.path("partition").asText(), partition.path("status").asText(),
                        partition.path("error").isMissingNode() || partition.path("error").isNull() ? ""
                                : partition.path("error").asText()));
            }
        }
        if (!rows.isEmpty()) {
            Tables.log(log, List.of("Data Source", "Partition", "Status", "Error"), rows);
        }
    }

    /** Writes the Environment's token to {@code file} (owner-only) when a file is given; the token is never logged. */
    static void writeToken(Log log, TinybirdClient main, String name, java.io.File file)
            throws MojoFailureException, org.apache.maven.plugin.MojoExecutionException {
        if (file != null) {
            TokenFile.write(file.toPath(), new Environments(log).token(main, name, "the main workspace"));
            log.info("Wrote the token of Environment '" + name + "' to " + file);
        }
    }
}
