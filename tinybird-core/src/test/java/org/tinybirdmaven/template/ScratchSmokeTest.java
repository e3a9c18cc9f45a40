package org.tinybirdmaven.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchSmokeTest {
    static void show(String template, Map<String, ?> params, RenderMode mode) {
        try {
            RenderResult r = new TemplateRenderer().render(TemplateParser.parse(template), params, mode);
            System.out.println("OK  [" + template + "] => [" + r.sql() + "]");
        } catch (TemplateRenderException e) {
            System.out.println("ERR [" + template + "] => " + e.status() + " " + e.errorType() + ": " + e.getMessage()
                    + " @" + e.line() + ":" + e.column() + " doc=" + e.documentation());
        } catch (RuntimeException e) {
            System.out.println("EXC [" + template + "] => " + e);
            e.printStackTrace(System.out);
        }
    }

    @Test
    void smoke() throws Exception {
        // lines: MODE<TAB>template<TAB>k=v&k=v
        for (String line : Files.readAllLines(Path.of("/tmp/scratch/cases.txt"))) {
            if (line.isBlank()) continue;
            String[] parts = line.split("\t");
            Map<String, Object> params = new LinkedHashMap<>();
            if (parts.length > 2) {
                for (String kv : parts[2].split("&")) {
                    String[] p = kv.split("=", 2);
                    params.put(p[0], p[1]);
                }
            }
            show(parts[1].replace("\\n", "\n"), params, RenderMode.valueOf(parts[0]));
        }
    }
}
