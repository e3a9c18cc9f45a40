package org.tinybirdmaven.template;

/** How {@link TemplateRenderer} treats parameters that were not sent (spec §4.4). */
public enum RenderMode {
    /**
     * A normal endpoint call: parameters that were not sent are {@code None}, so type functions without a default
     * fail with "Required parameter is not defined".
     */
    REQUEST,
    /**
     * The CLI's validation mode (push, {@code /v0/sql} without parameters): every parameter that was not sent is a
     * placeholder; type functions return their default or a dummy value, {@code defined()} is false,
     * {@code error()} and {@code custom_error()} do nothing and a missing {@code tb_secret} renders its
     * {@code {name: String}} placeholder.
     */
    TEST
}
