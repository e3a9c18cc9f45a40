package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One request parameter of a template, as Tinybird reports it in a node's {@code params} metadata (spec §4.8).
 *
 * @param name the variable name
 * @param type the type function used ({@code Int32}, {@code DateTime}, {@code bool}, ...), {@code Array(T)} for
 *     arrays, or {@code String} for untyped uses
 * @param defaultValue the literal default: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, a
 *     {@code List} of those, or {@code null}; integers above 2^53−1 are given as strings
 * @param description the {@code description=} keyword, or {@code null}
 * @param required the {@code required=} keyword, or {@code null}
 * @param enumValues the {@code enum=} keyword's values, empty if not given
 * @param example the {@code example=} keyword's literal value, or {@code null}
 * @param format the {@code format=} keyword, or {@code null}
 * @param usedIn {@code "function_call"} when the name only appears as the first argument of a helper such as
 *     {@code defined()}, otherwise {@code null}
 */
public record TemplateParameter(
        String name,
        String type,
        Object defaultValue,
        String description,
        Boolean required,
        List<Object> enumValues,
        Object example,
        String format,
        String usedIn) {

    public TemplateParameter {
        // not List.copyOf: an enum may list None
        enumValues = Collections.unmodifiableList(new ArrayList<>(enumValues));
    }
}
