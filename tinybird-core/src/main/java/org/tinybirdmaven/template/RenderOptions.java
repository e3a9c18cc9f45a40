package org.tinybirdmaven.template;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one rendering: the workspace secrets for {@code tb_secret}/{@code tb_var}, Tinybird's feature flags,
 * the clock for {@code job_timestamp}, and the resource limits that keep a request from hanging or exhausting the
 * server. Immutable; build with {@link #builder()}. {@link #toString()} never shows secret values.
 */
public final class RenderOptions {

    /** Default: one million evaluation steps (a few hundred milliseconds at most). */
    public static final long DEFAULT_MAX_STEPS = 1_000_000;
    /** Default: 100 000 iterations of <code>{% for %}</code>/<code>{% while %}</code> loops in total. */
    public static final long DEFAULT_MAX_LOOP_ITERATIONS = 100_000;
    /** Default: 1 MiB of rendered SQL. */
    public static final int DEFAULT_MAX_OUTPUT_CHARS = 1 << 20;
    /** Default: no single string longer than 1 MiB. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 1 << 20;
    /** Default: no list, tuple, dict or set with more than 100 000 elements. */
    public static final int DEFAULT_MAX_COLLECTION_SIZE = 100_000;
    /** Default: lambdas may nest calls 50 deep. */
    public static final int DEFAULT_MAX_CALL_DEPTH = 50;
    /** Default: integers up to 4096 bits. */
    public static final int DEFAULT_MAX_INTEGER_BITS = 4096;

    private static final RenderOptions DEFAULTS = builder().build();

    private final Map<String, String> secrets;
    private final boolean escapeArrays;
    private final boolean secretsInTestMode;
    private final Clock clock;
    private final long maxSteps;
    private final long maxLoopIterations;
    private final int maxOutputChars;
    private final int maxStringLength;
    private final int maxCollectionSize;
    private final int maxCallDepth;
    private final int maxIntegerBits;

    private RenderOptions(Builder builder) {
        this.secrets = Map.copyOf(builder.secrets);
        this.escapeArrays = builder.escapeArrays;
        this.secretsInTestMode = builder.secretsInTestMode;
        this.clock = builder.clock;
        this.maxSteps = builder.maxSteps;
        this.maxLoopIterations = builder.maxLoopIterations;
        this.maxOutputChars = builder.maxOutputChars;
        this.maxStringLength = builder.maxStringLength;
        this.maxCollectionSize = builder.maxCollectionSize;
        this.maxCallDepth = builder.maxCallDepth;
        this.maxIntegerBits = builder.maxIntegerBits;
    }

    /** No secrets, Tinybird's default flags, the system clock and the default limits. */
    public static RenderOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with these options. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.secrets = secrets;
        builder.escapeArrays = escapeArrays;
        builder.secretsInTestMode = secretsInTestMode;
        builder.clock = clock;
        builder.maxSteps = maxSteps;
        builder.maxLoopIterations = maxLoopIterations;
        builder.maxOutputChars = maxOutputChars;
        builder.maxStringLength = maxStringLength;
        builder.maxCollectionSize = maxCollectionSize;
        builder.maxCallDepth = maxCallDepth;
        builder.maxIntegerBits = maxIntegerBits;
        return builder;
    }

    /** Secret and variable values by name, for {@code tb_secret(name)} and {@code tb_var(name)}. */
    public Map<String, String> secrets() {
        return secrets;
    }

    /**
     * Tinybird's {@code split_to_array} escaping feature flag: Python lists are rendered {@code ['a','b']} with every
     * string escaped instead of as their Python repr {@code ['a', 'b']}.
     */
    public boolean escapeArrays() {
        return escapeArrays;
    }

    /**
     * Whether, in test mode, {@code tb_secret(name)} of a secret that does not exist renders its placeholder instead of
     * failing (Tinybird's default: true).
     */
    public boolean secretsInTestMode() {
        return secretsInTestMode;
    }

    /** The clock (and zone) of {@code job_timestamp}'s default value. */
    public Clock clock() {
        return clock;
    }

    public long maxSteps() {
        return maxSteps;
    }

    public long maxLoopIterations() {
        return maxLoopIterations;
    }

    public int maxOutputChars() {
        return maxOutputChars;
    }

    public int maxStringLength() {
        return maxStringLength;
    }

    public int maxCollectionSize() {
        return maxCollectionSize;
    }

    public int maxCallDepth() {
        return maxCallDepth;
    }

    public int maxIntegerBits() {
        return maxIntegerBits;
    }

    @Override
    public String toString() {
        return "RenderOptions[secrets=" + secrets.keySet() + ", escapeArrays=" + escapeArrays
                + ", secretsInTestMode=" + secretsInTestMode + ", maxSteps=" + maxSteps + ", maxLoopIterations="
                + maxLoopIterations + ", maxOutputChars=" + maxOutputChars + ", maxStringLength=" + maxStringLength
                + ", maxCollectionSize=" + maxCollectionSize + ", maxCallDepth=" + maxCallDepth
                + ", maxIntegerBits=" + maxIntegerBits + "]";
    }

    /** Builds {@link RenderOptions}; every setting starts at its default. */
    public static final class Builder {
        private Map<String, String> secrets = Map.of();
        private boolean escapeArrays;
        private boolean secretsInTestMode = true;
        private Clock clock = Clock.systemDefaultZone();
        private long maxSteps = DEFAULT_MAX_STEPS;
        private long maxLoopIterations = DEFAULT_MAX_LOOP_ITERATIONS;
        private int maxOutputChars = DEFAULT_MAX_OUTPUT_CHARS;
        private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
        private int maxCollectionSize = DEFAULT_MAX_COLLECTION_SIZE;
        private int maxCallDepth = DEFAULT_MAX_CALL_DEPTH;
        private int maxIntegerBits = DEFAULT_MAX_INTEGER_BITS;

        private Builder() {}

        public Builder secrets(Map<String, String> secrets) {
            this.secrets = Map.copyOf(secrets);
            return this;
        }

        public Builder escapeArrays(boolean escapeArrays) {
            this.escapeArrays = escapeArrays;
            return this;
        }

        public Builder secretsInTestMode(boolean secretsInTestMode) {
            this.secretsInTestMode = secretsInTestMode;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder maxSteps(long maxSteps) {
            this.maxSteps = positive(maxSteps, "maxSteps");
            return this;
        }

        public Builder maxLoopIterations(long maxLoopIterations) {
            this.maxLoopIterations = positive(maxLoopIterations, "maxLoopIterations");
            return this;
        }

        public Builder maxOutputChars(int maxOutputChars) {
            this.maxOutputChars = (int) positive(maxOutputChars, "maxOutputChars");
            return this;
        }

        public Builder maxStringLength(int maxStringLength) {
            this.maxStringLength = (int) positive(maxStringLength, "maxStringLength");
            return this;
        }

        public Builder maxCollectionSize(int maxCollectionSize) {
            this.maxCollectionSize = (int) positive(maxCollectionSize, "maxCollectionSize");
            return this;
        }

        public Builder maxCallDepth(int maxCallDepth) {
            this.maxCallDepth = (int) positive(maxCallDepth, "maxCallDepth");
            return this;
        }

        public Builder maxIntegerBits(int maxIntegerBits) {
            this.maxIntegerBits = (int) positive(maxIntegerBits, "maxIntegerBits");
            return this;
        }

        public RenderOptions build() {
            return new RenderOptions(this);
        }

        private static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
