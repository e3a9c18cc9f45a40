package org.tinybirdmaven.deploy;

import java.nio.file.Path;
import java.util.Map;
import org.tinybirdmaven.client.TinybirdClient;

/** What every step of one push shares. */
record PushContext(TinybirdClient client, PushOptions options, Map<String, String> renames, TokenGrants tokens,
                   Path projectDirectory) {

    String relative(Path file) {
        return file.startsWith(projectDirectory) ? projectDirectory.relativize(file).toString() : file.toString();
    }
}
