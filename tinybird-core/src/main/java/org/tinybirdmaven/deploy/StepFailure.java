package org.tinybirdmaven.deploy;

/** A resource could not be pushed for a reason the engine found itself (not an API error). */
final class StepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepFailure(String message) {
        super(message);
    }
}
