package org.tinybirdmaven.schema;

/**
 * An invalid {@code ENGINE} / {@code ENGINE_*} combination. It is not positional: {@link #settingKey()} tells the
 * caller which line of the datafile to point at.
 */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String settingKey;

    /**
     * @param message    what is wrong, naming the settings as {@code ENGINE_<X>}
     * @param settingKey the lower-case setting suffix concerned (e.g. {@code sorting_key}), or null when the problem
     *                   belongs to the {@code ENGINE} line: an unsupported engine or a required setting that is
     *                   missing
     */
    public EngineException(String message, String settingKey) {
        super(message);
        this.settingKey = settingKey;
    }

    /** The lower-case setting suffix the problem concerns, or null for the {@code ENGINE} line. */
    public String settingKey() {
        return settingKey;
    }
}
