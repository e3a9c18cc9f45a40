package org.tinybirdmaven.client;

import java.util.Locale;

/** The format of an uploaded file; its name is also the multipart field Tinybird expects the file in. */
public enum DataFormat {
    CSV, NDJSON, PARQUET;

    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
