package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every templated SQL block of the shared corpus renders. */
class TemplateRendererCorpusTest {

    private final TemplateRenderer renderer = new TemplateRenderer();

    @Test
    void everyCorpusTemplateRendersInTestMode() {
        List<TemplateCorpusTest.Block> blocks = TemplateCorpusTest.corpusBlocks();
        assertThat(blocks).hasSizeGreaterThan(100);
        List<String> failures = new ArrayList<>();
        for (TemplateCorpusTest.Block block : blocks) {
            try {
                RenderResult result = renderer.render(TemplateParser.parse(block.sql()), Map.of(), RenderMode.TEST);
                assertThat(result.sql()).isNotBlank();
            } catch (TemplateRenderException e) {
                failures.add(TemplateCorpusTest.where(block, e.line().orElse(1)) + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " corpus templates fail in test mode:\n" + String.join("\n", failures));
        }
    }

    @Test
    void corpusTemplatesRenderInRequestModeWithoutParameters() {
        List<String> failures = new ArrayList<>();
        for (TemplateCorpusTest.Block block : TemplateCorpusTest.corpusBlocks()) {
            Template template = TemplateParser.parse(block.sql());
            try {
                renderer.render(template, Map.of(), RenderMode.REQUEST);
            } catch (TemplateRenderException e) {
                boolean lacks = template.parameters().stream().anyMatch(p -> p.defaultValue() == null && p.usedIn() == null);
                failures.add(lacks + " " + template.parameters().stream().filter(p -> p.defaultValue() == null && p.usedIn() == null).map(TemplateParameter::name).toList() + " " + TemplateCorpusTest.where(block, e.line().orElse(1)) + ": " + e.getMessage());
            }
        }
        System.out.println(failures.size() + "\n" + String.join("\n", failures));
    }
}
