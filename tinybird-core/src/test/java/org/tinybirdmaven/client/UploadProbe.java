package org.tinybirdmaven.client;

import java.nio.file.Path;

/** Uploads one file in a JVM of its own, so that a test can give it a heap smaller than the file. */
public final class UploadProbe {

    private UploadProbe() {}

    /** Arguments: base URL, file. */
    public static void main(String[] args) {
        try (TinybirdClient client = TinybirdClient.builder(args[0], () -> "p.probe").retryPolicy(RetryPolicy.NONE)
                .build()) {
            AppendResult result = client.appendFile("big", AppendMode.APPEND, DataFormat.CSV, Path.of(args[1]),
                    ProgressListener.NONE);
            System.out.println("imported " + result.importId());
        }
    }
}
