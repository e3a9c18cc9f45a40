package org.tinybirdmaven.benchmarks.report;

import java.util.List;
import java.util.Map;

/**
 * The result of one benchmark: its Markdown (tables and notes) and the same numbers as JSON.
 *
 * @param id       {@code p1} … {@code p5}
 * @param title    the heading
 * @param markdown lines of Markdown below the heading
 * @param json     the raw numbers
 */
public record Section(String id, String title, List<String> markdown, Map<String, Object> json) {

    public Section {
        markdown = List.copyOf(markdown);
    }
}
