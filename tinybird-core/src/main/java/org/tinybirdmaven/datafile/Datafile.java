package org.tinybirdmaven.datafile;

import java.nio.file.Path;
import java.util.List;

/** A parsed {@code .datasource}, {@code .pipe} or {@code .token} file. */
public sealed interface Datafile permits DatasourceFile, PipeFile, TokenFile {

    Path path();

    /** The resource name without a version suffix. */
    String name();

    /** The {@code VERSION}, or null when the file has none. */
    Integer version();

    String description();

    /** The files spliced in by {@code INCLUDE}, in order of first use. */
    List<Path> includes();

    /** The name the resource has in the workspace: {@code name__vN} when versioned. */
    default String remoteName() {
        return version() == null ? name() : name() + "__v" + version();
    }

    /** Where the resource is defined, for messages that concern the whole file. */
    default Location location() {
        return Location.of(path(), 1);
    }
}
