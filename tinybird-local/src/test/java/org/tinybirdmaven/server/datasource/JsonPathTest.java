package org.tinybirdmaven.server.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tinybird's jsonpath dialect, with its error messages. */
class JsonPathTest {

    @Test
    void keysArraysAndQuotedKeys() {
        assertThat(JsonPath.parse("$")).isEqualTo(new JsonPath("$", List.of(), false, List.of()));
        assertThat(JsonPath.parse("$.a.b").keys()).containsExactly("a", "b");
        JsonPath array = JsonPath.parse("$.products[:].code.id");
        assertThat(array.keys()).containsExactly("products");
        assertThat(array.array()).isTrue();
        assertThat(array.elementKeys()).containsExactly("code", "id");
        assertThat(JsonPath.parse("$.['product.code'].id").keys()).containsExactly("product.code", "id");
        assertThat(JsonPath.parse("$.['product.codes'][:].id").elementKeys()).containsExactly("id");
        assertThat(JsonPath.parse("$.product.['code.id']").keys()).containsExactly("product", "code.id");
        assertThat(JsonPath.parse("$.tags[:]").elementKeys()).isEmpty();
    }

    @Test
    void invalidPathsAreReportedLikeTinybird() {
        assertThatThrownBy(() -> JsonPath.parse("wrong")).hasMessage("Invalid JSONPath wrong");
        assertThatThrownBy(() -> JsonPath.parse("$.[\"product-codes\"][:].id")).hasMessage(
                "Invalid JSONPath [\"product-codes\"][:].id. The path inside brackets should be single quoted.");
        assertThatThrownBy(() -> JsonPath.parse("$.a[0]")).hasMessage(
                "Invalid JSONPath a[0]. The path inside brackets should be single quoted.");
        assertThatThrownBy(() -> JsonPath.parse("$.products[:].countries[:]")).hasMessage(
                "Nested arrays are not supported. Found 3 levels of nesting.");
    }
}
