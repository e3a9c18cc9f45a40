package org.tinybirdmaven.diff;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinybirdmaven.datafile.Datafile;
import org.tinybirdmaven.datafile.DatafileParser;
import org.tinybirdmaven.datafile.ParsedDatafile;

/**
 * A datafile exported by Tinybird ({@code GET /v0/datasources/{n}.datasource}, {@code /v0/pipes/{n}.pipe}), parsed
 * like a local one. The export of {@code name__vN} has no {@code VERSION} line: the version comes from the name.
 *
 * @param datafile the parsed definition, or empty when this parser cannot read the export
 * @param version  the {@code N} of a {@code name__vN}, else null
 */
public record RemoteDatafile(String remoteName, String text, Optional<Datafile> datafile, Integer version) {

    private static final Pattern VERSIONED = Pattern.compile("(.+)__v(\\d+)");

    /** @param extension {@code .datasource} or {@code .pipe} */
    public static RemoteDatafile parse(String remoteName, String extension, String text) {
        Matcher versioned = VERSIONED.matcher(remoteName);
        String baseName = versioned.matches() ? versioned.group(1) : remoteName;
        Integer version = versioned.matches() ? Integer.valueOf(versioned.group(2)) : null;
        ParsedDatafile parsed = new DatafileParser(Map.of()).parse(Path.of(baseName + extension), text);
        return new RemoteDatafile(remoteName, text, parsed.hasErrors() ? Optional.empty() : parsed.valid(), version);
    }
}
