package org.tinybirdmaven.project;

import org.tinybirdmaven.datafile.Location;

/**
 * A reference from one resource to another by name, as written in the datafile (unversioned; a shared datasource
 * of another workspace is {@code workspace.datasource}).
 */
public record Dependency(String name, DependencyKind kind, Location location) {}
