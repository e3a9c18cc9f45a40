package org.tinybirdmaven.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How a push behaves; the defaults are those of {@code tb push}: no force, no populate, four resources at a time.
 */
public final class PushOptions {

    private boolean force;
    private boolean dryRun;
    private boolean onlyChanges;
    private boolean populate;
    private boolean waitForJobs = true;
    private Duration jobTimeout = Duration.ofHours(1);
    private int parallelism = 4;
    private boolean pushDeps;
    private Set<String> resources = Set.of();
    private boolean fixtures;
    private Path planFile;
    private Path resultFile;

    /** Override existing pipes and alter existing datasources (never dropping data). */
    public PushOptions force(boolean value) {
        this.force = value;
        return this;
    }

    /** Plan and print, change nothing. */
    public PushOptions dryRun(boolean value) {
        this.dryRun = value;
        return this;
    }

    /** Leave out existing resources whose definition is the same as the workspace's. */
    public PushOptions onlyChanges(boolean value) {
        this.onlyChanges = value;
        return this;
    }

    /** Fill the targets of materialized pipes with the data already in their sources. */
    public PushOptions populate(boolean value) {
        this.populate = value;
        return this;
    }

    /** Poll populate jobs until they end (a failed job fails the push); without it the push only starts them. */
    public PushOptions waitForJobs(boolean value) {
        this.waitForJobs = value;
        return this;
    }

    /** How long to wait for one populate job before failing. */
    public PushOptions jobTimeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("The job timeout must be positive");
        }
        this.jobTimeout = value;
        return this;
    }

    /** How many resources of one dependency level are pushed at the same time (at least 1). */
    public PushOptions parallelism(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + value);
        }
        this.parallelism = value;
        return this;
    }

    /** With {@link #resources}: push their local dependencies too. */
    public PushOptions pushDeps(boolean value) {
        this.pushDeps = value;
        return this;
    }

    /** The names of the resources to push; empty for the whole project. */
    public PushOptions resources(Set<String> value) {
        this.resources = Set.copyOf(value);
        return this;
    }

    /** Load each pushed datasource's fixture file after the push. */
    public PushOptions fixtures(boolean value) {
        this.fixtures = value;
        return this;
    }

    /** Where to write the plan as JSON; null for nowhere. */
    public PushOptions planFile(Path value) {
        this.planFile = value;
        return this;
    }

    /** Where to write what happened to each resource as JSON (also after a failure); null for nowhere. */
    public PushOptions resultFile(Path value) {
        this.resultFile = value;
        return this;
    }

    public boolean force() {
        return force;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean onlyChanges() {
        return onlyChanges;
    }

    public boolean populate() {
        return populate;
    }

    public boolean waitForJobs() {
        return waitForJobs;
    }

    public Duration jobTimeout() {
        return jobTimeout;
    }

    public int parallelism() {
        return parallelism;
    }

    public boolean pushDeps() {
        return pushDeps;
    }

    public Set<String> resources() {
        return resources;
    }

    public boolean fixtures() {
        return fixtures;
    }

    public Path planFile() {
        return planFile;
    }

    public Path resultFile() {
        return resultFile;
    }
}
