package org.tinybirdmaven.deploy;

import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tinybirdmaven.project.Resource;

/**
 * The names that exist in the target workspace, as listed by {@code GET /v0/datasources}, {@code /v0/pipes} and
 * {@code /v0/tokens}. Datasources and pipes share one namespace; tokens have their own.
 */
public record RemoteState(Set<String> datasources, Set<String> pipes, Set<String> tokens) {

    private static final Pattern VERSIONED = Pattern.compile("(.+)__v(\\d+)");

    public RemoteState {
        datasources = Set.copyOf(datasources);
        pipes = Set.copyOf(pipes);
        tokens = Set.copyOf(tokens);
    }

    public RemoteState(Set<String> datasources, Set<String> pipes) {
        this(datasources, pipes, Set.of());
    }

    public static RemoteState empty() {
        return new RemoteState(Set.of(), Set.of(), Set.of());
    }

    /** Whether a datasource or pipe has this name. */
    public boolean exists(String remoteName) {
        return datasources.contains(remoteName) || pipes.contains(remoteName);
    }

    /** Whether the resource exists under its remote name, in the namespace of its kind. */
    public boolean exists(Resource resource) {
        return resource.isDatasource() || resource.isPipe() ? exists(resource.remoteName())
                : tokens.contains(resource.remoteName());
    }

    /** The highest {@code N} of the remote names {@code name__vN}. */
    public OptionalInt latestVersion(String name) {
        return Stream.of(datasources, pipes).flatMap(Set::stream).map(VERSIONED::matcher)
                .filter(Matcher::matches).filter(m -> m.group(1).equals(name))
                .mapToInt(m -> Integer.parseInt(m.group(2))).max();
    }
}
