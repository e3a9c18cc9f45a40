package org.tinybirdmaven.client;

import java.util.Locale;

/** How an uploaded file's rows go into a datasource. */
public enum AppendMode {
    APPEND, REPLACE, CREATE;

    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
