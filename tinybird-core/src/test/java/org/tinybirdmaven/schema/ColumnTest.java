package org.tinybirdmaven.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnTest {

    @Test
    void fullTypeRewrapsNullableTypes() {
        assertThat(new Column("a", "String", true, null, null, null).fullType()).isEqualTo("Nullable(String)");
        assertThat(new Column("a", "String", false, null, null, null).fullType()).isEqualTo("String");
    }

    @Test
    void fullTypeMovesNullableInsideSimpleAggregateFunction() {
        Column column = new Column("a", "SimpleAggregateFunction(any, String)", true, null, null, null);

        assertThat(column.fullType()).isEqualTo("SimpleAggregateFunction(any, Nullable(String))");
    }

    @Test
    void fullTypeOfAColumnWithoutTypeIsNull() {
        assertThat(new Column("a", null, false, null, "DEFAULT 1", null).fullType()).isNull();
    }

    @Test
    void toSqlWritesEveryPartInTinybirdOrder() {
        Column column = new Column("my col", "UInt64", true, "$.a.b", "DEFAULT 0", "CODEC(ZSTD(1))");

        assertThat(column.toSql()).isEqualTo("`my col` Nullable(UInt64) `json:$.a.b` DEFAULT 0 CODEC(ZSTD(1))");
    }

    @Test
    void toSqlOmitsAbsentParts() {
        assertThat(new Column("c", null, false, null, "MATERIALIZED now()", null).toSql())
                .isEqualTo("`c` MATERIALIZED now()");
        assertThat(new Column("c", "Date", false, null, null, null).toSql()).isEqualTo("`c` Date");
    }
}
