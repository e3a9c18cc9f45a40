package org.tinybirdmaven.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the sections of a run and writes them, after each section so that a run stopped half-way keeps what it
 * measured: {@code results.md} (the tables for docs/performance.md) and {@code results.json}.
 */
public final class Report {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final Map<String, Object> machine = Machine.describe();
    private final Instant started = Instant.now();
    private final List<Section> sections = new ArrayList<>();
    private final List<Map<String, Object>> loads = new ArrayList<>();

    public Report(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    /** Adds a section with the load averages seen before and after it ran. */
    public void add(Section section, double[] loadBefore, double[] loadAfter) throws IOException {
        sections.add(section);
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("section", section.id());
        load.put("before", loadBefore);
        load.put("after", loadAfter);
        loads.add(load);
        write();
    }

    private void write() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Run of " + started + " on " + Machine.line(machine) + ".");
        lines.add("");
        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            Map<String, Object> load = loads.get(i);
            lines.add("## " + section.title());
            lines.add("");
            lines.add("Load average before / after: " + Machine.format((double[]) load.get("before")) + " / "
                    + Machine.format((double[]) load.get("after")) + ".");
            lines.add("");
            lines.addAll(section.markdown());
            lines.add("");
        }
        Files.writeString(directory.resolve("results.md"), String.join("\n", lines));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started", started.toString());
        json.put("machine", machine);
        json.put("load_averages", loads);
        Map<String, Object> results = new LinkedHashMap<>();
        sections.forEach(section -> results.put(section.id(), section.json()));
        json.put("results", results);
        MAPPER.writeValue(directory.resolve("results.json").toFile(), json);
    }

    public Path directory() {
        return directory;
    }
}
