package org.tinybirdmaven.datafile;

import java.nio.file.Path;
import java.util.List;

/** A Classic {@code .token} file: a token named after the file with the listed scopes. */
public record TokenFile(Path path, String name, Integer version, String description, List<TokenScope> scopes,
                        List<Path> includes) implements Datafile {

    public TokenFile {
        scopes = List.copyOf(scopes);
        includes = List.copyOf(includes);
    }
}
