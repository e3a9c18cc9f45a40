package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every templated SQL block of the shared corpus of real Tinybird projects renders. */
class TemplateRendererCorpusTest {

    /**
     * Templates that fail on purpose without parameters although every parameter has a default: they call
     * {@code error()} when their optional date range is missing.
     */
    private static final Map<String, String> EXPECTED_FAILURES = Map.of(
            "tinybirdco__log-analytics-starter-kit/", "Must supply date_from & date_to params");

    @Test
    void everyCorpusTemplateRendersInTestMode() {
        List<TemplateCorpusTest.Block> blocks = TemplateCorpusTest.corpusBlocks();
        assertThat(blocks).hasSizeGreaterThan(100);
        List<String> failures = new ArrayList<>();
        for (TemplateCorpusTest.Block block : blocks) {
            try {
                RenderResult result = new TemplateRenderer().render(TemplateParser.parse(block.sql()), Map.of(),
                        RenderMode.TEST);
                assertThat(result.sql()).isNotBlank().doesNotContain("{{", "{%");
            } catch (TemplateRenderException e) {
                failures.add(TemplateCorpusTest.where(block, e.line().orElse(1)) + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " corpus templates fail in test mode:\n" + String.join("\n", failures));
        }
    }

    /**
     * Without parameters, in request mode: templates whose parameters all have defaults (or are only read through
     * helpers such as {@code defined()}) render, except the {@link #EXPECTED_FAILURES}; the others either render or
     * fail for a reason the template itself gives — a required parameter, its own {@code error()} call, or a date
     * helper given no date — always as a client error.
     */
    @Test
    void corpusTemplatesRenderWithoutParametersOrExplainWhyNot() {
        List<TemplateCorpusTest.Block> blocks = TemplateCorpusTest.corpusBlocks();
        List<String> failures = new ArrayList<>();
        int withDefaults = 0;
        int expectedFailures = 0;
        int rendered = 0;
        for (TemplateCorpusTest.Block block : blocks) {
            Template template = TemplateParser.parse(block.sql());
            boolean allDefaults = template.parameters().stream()
                    .allMatch(parameter -> parameter.defaultValue() != null || parameter.usedIn() != null);
            RenderOptions options = RenderOptions.builder().secrets(secrets(template)).build();
            String expected = EXPECTED_FAILURES.entrySet().stream()
                    .filter(entry -> block.file().toString().contains(entry.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            withDefaults += allDefaults ? 1 : 0;
            try {
                new TemplateRenderer(options).render(template, Map.of(), RenderMode.REQUEST);
                rendered++;
                if (allDefaults && expected != null) {
                    failures.add(TemplateCorpusTest.where(block, 1) + ": expected to fail with " + expected);
                }
            } catch (TemplateRenderException e) {
                String where = TemplateCorpusTest.where(block, e.line().orElse(1));
                String message = e.getMessage();
                boolean explained = message.startsWith("Template Syntax Error: Required parameter is not defined. ")
                        || message.startsWith("Template Syntax Error: invalid date_format in function `date_diff_in_")
                        || e.errorType().equals("ValueError") && block.sql().contains("error('" + message + "')")
                        || e.errorType().equals("ValueError") && block.sql().contains("error(\"" + message + "\")");
                if (e.status() != 400) {
                    failures.add(where + ": status " + e.status() + ": " + message);
                } else if (allDefaults) {
                    if (message.equals(expected)) {
                        expectedFailures++;
                    } else {
                        failures.add(where + ": " + message);
                    }
                } else if (!explained) {
                    failures.add(where + ": unexplained: " + message);
                }
            }
        }
        assertThat(withDefaults).as("templates whose parameters all have defaults").isGreaterThanOrEqualTo(20);
        assertThat(expectedFailures).isEqualTo(9);
        assertThat(rendered).isGreaterThan(blocks.size() - 30);
        if (!failures.isEmpty()) {
            fail(failures.size() + " corpus templates fail in request mode:\n" + String.join("\n", failures));
        }
    }

    /** A value for every secret the template names. */
    private static Map<String, String> secrets(Template template) {
        Map<String, String> secrets = new LinkedHashMap<>();
        AstWalker.walkNodes(template.nodes(), new AstWalker.Visitor() {
            @Override
            public void expression(Expr expression) {
                if (expression instanceof Expr.Call call && call.function() instanceof Expr.Name function
                        && (function.id().equals("tb_secret") || function.id().equals("tb_var"))
                        && call.arguments().get(0).value() instanceof Expr.Literal literal
                        && literal.value() instanceof String name) {
                    secrets.put(name, "secret value");
                }
            }
        });
        return secrets;
    }
}
