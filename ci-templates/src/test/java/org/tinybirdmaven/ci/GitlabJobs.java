package org.tinybirdmaven.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GitLab's {@code extends:}: the base job deep-merged under the job, hashes merged, arrays and scalars replaced. */
final class GitlabJobs {

    private GitlabJobs() {}

    /** Every job of the pipeline (hidden ones included, by name) with its {@code extends} chain applied. */
    static Map<String, ObjectNode> resolved(ObjectNode pipeline) {
        Map<String, ObjectNode> jobs = new LinkedHashMap<>();
        for (Iterator<String> names = pipeline.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (pipeline.get(name).isObject() && !isKeyword(name)) {
                jobs.put(name, resolve(pipeline, name, new ArrayList<>()));
            }
        }
        return jobs;
    }

    static boolean isKeyword(String name) {
        return List.of("include", "stages", "variables", "default", "workflow", "image", "services", "cache",
                "before_script", "after_script").contains(name);
    }

    private static ObjectNode resolve(ObjectNode pipeline, String name, List<String> seen) {
        if (seen.contains(name)) {
            throw new IllegalArgumentException("extends cycle: " + seen + " -> " + name);
        }
        seen.add(name);
        JsonNode job = pipeline.get(name);
        if (job == null || !job.isObject()) {
            throw new IllegalArgumentException(name + " is unspecified, used by " + seen.get(seen.size() - 2)
                    + " extends");
        }
        ObjectNode own = ((ObjectNode) job).deepCopy();
        JsonNode base = own.remove("extends");
        if (base == null) {
            return own;
        }
        ObjectNode merged = pipeline.objectNode();
        for (JsonNode parent : base.isArray() ? base : List.of(base)) {
            merge(merged, resolve(pipeline, parent.asText(), new ArrayList<>(seen)));
        }
        merge(merged, own);
        return merged;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(field -> {
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode target && field.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        });
    }

    /** The lines one shell runs for the job: before_script then script, nested lists flattened as GitLab does. */
    static List<String> mainShell(ObjectNode job) {
        List<String> lines = new ArrayList<>();
        flatten(job.get("before_script"), lines);
        flatten(job.get("script"), lines);
        return lines;
    }

    static List<String> afterShell(ObjectNode job) {
        List<String> lines = new ArrayList<>();
        flatten(job.get("after_script"), lines);
        return lines;
    }

    private static void flatten(JsonNode node, List<String> into) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(item -> flatten(item, into));
        } else {
            into.add(node.asText());
        }
    }
}
