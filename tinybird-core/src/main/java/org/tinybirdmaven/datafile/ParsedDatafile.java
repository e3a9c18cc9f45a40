package org.tinybirdmaven.datafile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of parsing one file: the model (built even when there are errors, as far as the file allowed) and
 * every diagnostic found.
 */
public record ParsedDatafile(Path path, Datafile datafile, List<Diagnostic> diagnostics) {

    public ParsedDatafile {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /** The model when the file has no errors. */
    public Optional<Datafile> valid() {
        return hasErrors() ? Optional.empty() : Optional.ofNullable(datafile);
    }
}
