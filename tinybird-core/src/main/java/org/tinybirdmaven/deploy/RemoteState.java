package org.tinybirdmaven.deploy;

import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The names that exist in the target workspace, as listed by {@code GET /v0/datasources} and {@code /v0/pipes}. */
public record RemoteState(Set<String> datasources, Set<String> pipes) {

    private static final Pattern VERSIONED = Pattern.compile("(.+)__v(\\d+)");

    public RemoteState {
        datasources = Set.copyOf(datasources);
        pipes = Set.copyOf(pipes);
    }

    public static RemoteState empty() {
        return new RemoteState(Set.of(), Set.of());
    }

    public boolean exists(String remoteName) {
        return datasources.contains(remoteName) || pipes.contains(remoteName);
    }

    /** The highest {@code N} of the remote names {@code name__vN}. */
    public OptionalInt latestVersion(String name) {
        return java.util.stream.Stream.of(datasources, pipes).flatMap(Set::stream).map(VERSIONED::matcher)
                .filter(Matcher::matches).filter(m -> m.group(1).equals(name))
                .mapToInt(m -> Integer.parseInt(m.group(2))).max();
    }
}
