package org.tinybirdmaven.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiRequest;

/**
 * The parameters of a query request: the query string, then a form body or the fields of a JSON object body
 * ({@code {"q": "...", "limit": 10}}), all as strings; JSON arrays give repeated values.
 */
public final class RequestParams {

    private RequestParams() {}

    public static Map<String, List<String>> of(ApiRequest request) {
        Map<String, List<String>> params = new LinkedHashMap<>(request.allParams());
        if (request.isJson() && request.bodyBytes().length > 0) {
            JsonNode body = request.jsonBody();
            if (!body.isObject()) {
                throw ApiException.badRequest("The JSON body must be an object of parameters");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<String> values = params.computeIfAbsent(field.getKey(), key -> new ArrayList<>());
                if (field.getValue().isArray()) {
                    field.getValue().forEach(value -> values.add(text(value)));
                } else if (!field.getValue().isNull()) {
                    values.add(text(field.getValue()));
                }
            }
        }
        return params;
    }

    /** The first value of {@code name}, if any. */
    public static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
