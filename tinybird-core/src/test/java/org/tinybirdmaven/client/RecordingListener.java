package org.tinybirdmaven.client;

import java.time.Duration;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;

/** Keeps every client event as a line of text (tinybird-local's client tests use it too, from the test-jar). */
final class RecordingListener implements ClientListener {

    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void requestStarted(String method, String path, int attempt) {
        events.add("started " + method + " " + path + " #" + attempt);
    }

    @Override
    public void requestFinished(String method, String path, int attempt, int status, long elapsedMillis) {
        events.add("finished " + method + " " + path + " #" + attempt + " " + status);
    }

    @Override
    public void requestFailed(String method, String path, int attempt, String failure, long elapsedMillis) {
        events.add("failed " + method + " " + path + " #" + attempt + " " + failure);
    }

    @Override
    public void retrying(String method, String path, int attempt, Duration delay, String reason) {
        events.add("retrying " + method + " " + path + " #" + attempt + " in " + delay.toMillis() + " ms: " + reason);
    }

    long count(String prefix) {
        synchronized (events) {
            return events.stream().filter(e -> e.startsWith(prefix)).count();
        }
    }
}
