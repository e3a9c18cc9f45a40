package org.tinybirdmaven.datafile;

/** One {@code SCOPE} of a {@code .token} file with its optional {@code RESOURCE} and {@code FILTER}. */
public record TokenScope(String scope, String resource, String filter, Location location) {

    TokenScope withResource(String newResource) {
        return new TokenScope(scope, newResource, filter, location);
    }

    TokenScope withFilter(String newFilter) {
        return new TokenScope(scope, resource, newFilter, location);
    }
}
