package org.tinybirdmaven.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

/** Shortcuts for rendering templates in tests. */
final class Renders {

    private Renders() {}

    /** Parameters from alternating names and values. */
    static Map<String, Object> parameters(Object... namesAndValues) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    static RenderResult result(String template, RenderMode mode, RenderOptions options, Object... parameters) {
        return new TemplateRenderer(options).render(TemplateParser.parse(template), parameters(parameters), mode);
    }

    /** The SQL of a request-mode rendering. */
    static String sql(String template, Object... parameters) {
        return result(template, RenderMode.REQUEST, RenderOptions.defaults(), parameters).sql();
    }

    /** The SQL of a test-mode rendering. */
    static String testSql(String template, Object... parameters) {
        return result(template, RenderMode.TEST, RenderOptions.defaults(), parameters).sql();
    }

    static TemplateRenderException error(String template, Object... parameters) {
        return error(RenderMode.REQUEST, template, parameters);
    }

    static TemplateRenderException testError(String template, Object... parameters) {
        return error(RenderMode.TEST, template, parameters);
    }

    static TemplateRenderException error(RenderMode mode, String template, Object... parameters) {
        TemplateRenderException[] caught = new TemplateRenderException[1];
        assertThatThrownBy(() -> result(template, mode, RenderOptions.defaults(), parameters))
                .isInstanceOfSatisfying(TemplateRenderException.class, e -> caught[0] = e);
        return caught[0];
    }
}
