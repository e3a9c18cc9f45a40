package org.tinybirdmaven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.schema.SyntaxErrors.assertSyntaxError;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinybirdmaven.schema.DataType.EnumElement;
import org.tinybirdmaven.schema.DataType.Function;
import org.tinybirdmaven.schema.DataType.Literal;
import org.tinybirdmaven.schema.DataType.Setting;
import org.tinybirdmaven.schema.DataType.Skip;
import org.tinybirdmaven.schema.DataType.TypeArgument;

class DataTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "String", "Int8", "Int16", "Int32", "Int64", "Int128", "Int256", "UInt8", "UInt16", "UInt32", "UInt64",
        "UInt128", "UInt256", "Float32", "Float64", "BFloat16", "Bool", "UUID", "Date", "Date32", "DateTime",
        "DateTime64", "IPv4", "IPv6", "JSON", "Dynamic", "Nothing", "Point", "Ring", "LineString",
        "MultiLineString", "Polygon", "MultiPolygon", "IntervalSecond", "IntervalDay", "IntervalYear",
        "Array(Nullable(String))", "DateTime64(3, 'UTC')", "DateTime('Europe/Madrid')", "Decimal(10, 2)",
        "Decimal(18)", "Decimal32(4)", "Decimal256(76)", "FixedString(16)", "Map(String, Array(Nullable(String)))",
        "LowCardinality(Nullable(String))", "LowCardinality(FixedString(2))", "Nullable(Nothing)",
        "Tuple(a String, b UInt8)", "Tuple(String, UInt8)", "Nested(a String, b Array(UInt8))",
        "Enum8('a' = 1, 'b' = 2)", "Enum16('x' = -1000)", "Enum('x', 'y')", "AggregateFunction(topK(10), String)",
        "AggregateFunction(quantiles(0.5, 0.9), Float64)", "AggregateFunction(count)",
        "AggregateFunction(uniqExact, Nullable(String))",
        "AggregateFunction(sequenceMatch('(?1)(?2)'), DateTime, UInt8, UInt8)",
        "AggregateFunction(sumMapFiltered([1, 2]), Array(UInt8), Array(UInt64))",
        "SimpleAggregateFunction(sum, UInt64)", "SimpleAggregateFunction(any, LowCardinality(String))",
        "SimpleAggregateFunction(max, DateTime)", "Object('json')", "Dynamic(max_types=10)",
        "Variant(String, UInt64, Array(String))", "JSON(max_dynamic_paths=10, a.b UInt32, SKIP c.d, SKIP REGEXP 'x.*')",
        "INT", "int", "Int", "INT UNSIGNED", "TINYINT", "SMALLINT", "BIGINT", "BIGINT UNSIGNED", "DOUBLE",
        "DOUBLE PRECISION", "FLOAT", "BOOLEAN", "bool", "VARCHAR", "VARCHAR(255)", "TEXT", "CHAR", "BLOB",
        "DATETIME", "datetime64(3)", "TIMESTAMP", "DECIMAL(10, 2)", "NUMERIC(5)", "BINARY(16)", "INET6",
        "national character varying", "INT(11)", "FLOAT(12, 4)", "Tuple", "DateTime(3)", "DateTime(3, 'UTC')", "Time",
        "time", "Time(3)", "Time64(9)"
    })
    void canonicalTextOfCanonicalInputIsUnchanged(String type) {
        assertThat(DataType.parse(type)).hasToString(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Map(String,Array( Nullable( String ) ))   | Map(String, Array(Nullable(String)))",
        "DateTime64( 3 ,'UTC' )                    | DateTime64(3, 'UTC')",
        "\"  Tuple(a  String,b UInt8) \"           | Tuple(a String, b UInt8)",
        "Enum8('a'=1,'b'=-2)                       | Enum8('a' = 1, 'b' = -2)",
        "AggregateFunction( quantiles( 0.5,0.9 ),Float64 ) | AggregateFunction(quantiles(0.5, 0.9), Float64)",
        "Dynamic(max_types = 3)                    | Dynamic(max_types=3)",
        "int   unsigned                            | int unsigned",
        "Tuple(`a b` String)                       | Tuple(`a b` String)",
        "Map(String,\\n    UInt64)                 | Map(String, UInt64)"
    })
    void toStringNormalisesWhitespace(String input, String canonical) {
        assertThat(DataType.parse(input.replace("\\n", "\n"))).hasToString(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "INT                | Int32",
        "Int                | Int32",
        "integer            | Int32",
        "int unsigned       | UInt32",
        "TINYINT UNSIGNED   | UInt8",
        "BIGINT             | Int64",
        "double precision   | Float64",
        "REAL               | Float32",
        "VARCHAR(255)       | String",
        "TEXT               | String",
        "Boolean            | Bool",
        "BINARY(16)         | FixedString",
        "datetime64(3)      | DateTime64",
        "TIMESTAMP          | DateTime",
        "DEC(5, 2)          | Decimal",
        "decimal32(2)       | Decimal32",
        "date               | Date",
        "json               | JSON",
        "INET4              | IPv4",
        "ENUM('a')          | Enum",
        "NATIONAL CHARACTER LARGE OBJECT | String"
    })
    void aliasesResolveToTheirClickHouseFamily(String type, String family) {
        DataType parsed = DataType.parse(type);

        assertThat(parsed.family()).isEqualTo(family);
        assertThat(parsed.name()).isEqualTo(type.replaceAll("\\(.*", ""));
    }

    @Test
    void parsesNestedTypesIntoATree() {
        DataType map = DataType.parse("Map(String, Array(Nullable(String)))");

        DataType string = new DataType("String", "String", List.of());
        DataType nullable = new DataType("Nullable", "Nullable", List.of(new TypeArgument(null, string)));
        DataType array = new DataType("Array", "Array", List.of(new TypeArgument(null, nullable)));
        assertThat(map.arguments()).containsExactly(new TypeArgument(null, string), new TypeArgument(null, array));
        assertThat(map.typeArguments()).containsExactly(string, array);
    }

    @Test
    void parsesTheAggregateFunctionAsAFunctionWithLiteralParameters() {
        DataType type = DataType.parse("AggregateFunction(quantiles(0.5, 0.9), Float64)");

        assertThat(type.arguments().get(0))
                .isEqualTo(new Function("quantiles", List.of(new Literal("0.5"), new Literal("0.9"))));
        assertThat(type.typeArguments()).extracting(DataType::name).containsExactly("Float64");
        assertThat(DataType.parse("SimpleAggregateFunction(sum, UInt64)").arguments().get(0))
                .isEqualTo(new Function("sum", List.of()));
    }

    @Test
    void parsesNamedElementsEnumsLiteralsAndJsonClauses() {
        assertThat(DataType.parse("Tuple(a String, b UInt8)").arguments())
                .extracting(argument -> ((TypeArgument) argument).name())
                .containsExactly("a", "b");
        assertThat(DataType.parse("Enum8('a' = 1, 'b')").arguments())
                .containsExactly(new EnumElement("'a'", 1L), new EnumElement("'b'", null));
        List<DataType.Argument> dateTime = DataType.parse("DateTime64(3, 'UTC')").arguments();
        assertThat(dateTime).containsExactly(new Literal("3"), new Literal("'UTC'"));
        assertThat(((Literal) dateTime.get(0)).isUnsignedInteger()).isTrue();
        assertThat(((Literal) dateTime.get(1)).isString()).isTrue();
        assertThat(DataType.parse("JSON(max_dynamic_paths=2, SKIP a.b, SKIP REGEXP 'c', d.e String)").arguments())
                .containsExactly(new Setting("max_dynamic_paths", new Literal("2")), new Skip("a.b", false),
                        new Skip("'c'", true), new TypeArgument("d.e", DataType.parse("String")));
    }

    @Test
    void stringLiteralsKeepTheirEscapes() {
        assertThat(DataType.parse("Enum8('it''s' = 1, 'a\\'b' = 2)")).hasToString("Enum8('it''s' = 1, 'a\\'b' = 2)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Strin                       | Unknown data type family: Strin          | 1",
        "string                      | Unknown data type family: string         | 1",
        "nullable(String)            | Unknown data type family: nullable       | 1",
        "Array(Strin)                | Unknown data type family: Strin          | 7",
        "Map(String, Array(Strin))   | Unknown data type family: Strin          | 19",
        "Tuple(a Strin)              | Unknown data type family: Strin          | 9",
        "INT SIGNED UNSIGNED         | Unexpected 'UNSIGNED' after data type INT SIGNED | 12",
        "String Foo                  | Unexpected 'Foo' after data type String  | 8",
        "Array(3)                    | Expected a data type, found '3'          | 7",
        "Array(String                | Missing ')' to close the arguments of Array | 6",
        "Array(String;               | Expected ',' or ')' in the arguments of Array, found ';' | 13",
        "UUID(1)                     | Data type UUID cannot have arguments     | 5",
        "DateTime('UTC)              | Unterminated string literal              | 10",
        "Object(json)                | Expected a number or a 'quoted string' in the arguments of Object, found 'j' | 8",
        "Enum8(a = 1)                | Elements of Enum8 must be 'name' = value | 7",
        "Enum8('a' = x)              | The value of Enum8 element 'a' must be an integer | 13",
        "AggregateFunction(1, UInt8) | Expected an aggregate function name such as uniq or quantiles(0.5) | 19",
        "Dynamic(max_types)          | Expected '=' after max_types             | 18"
    })
    void reportsMalformedTypesAtTheOffendingCharacter(String type, String reason, int column) {
        assertSyntaxError(() -> DataType.parse(type), reason, 1, column);
    }

    @ParameterizedTest
    @CsvSource({"Tuple(), Tuple", "UUID( ), UUID", "String(), String", "Decimal(), Decimal"})
    void emptyParenthesesMeanNoArgumentsLikeInClickHouse(String type, String canonical) {
        assertThat(DataType.parse(type)).hasToString(canonical);
    }

    @Test
    void reportsEmptyText() {
        assertSyntaxError(() -> DataType.parse("  "), "Missing data type", 1, 3);
    }

    @Test
    void reportsPositionsOnLaterLines() {
        assertSyntaxError(() -> DataType.parse("Map(String,\n  Strin)"), "Unknown data type family: Strin", 2, 3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Nullable(Array(String))        | Nullable(Array(String)) is not allowed: Nested type Array(String) cannot be inside Nullable type",
        "Nullable(Map(String, UInt8))   | Nullable(Map(String, UInt8)) is not allowed: Nested type Map(String, UInt8) cannot be inside Nullable type",
        "Nullable(Tuple(String))        | Nullable(Tuple(String)) is not allowed: Nested type Tuple(String) cannot be inside Nullable type",
        "Nullable(LowCardinality(String)) | Nullable(LowCardinality(String)) is not allowed: Nested type LowCardinality(String) cannot be inside Nullable type",
        "Nullable(Nullable(String))     | Nullable(Nullable(String)) is not allowed: Nested type Nullable(String) cannot be inside Nullable type",
        "Nullable(String, UInt8)        | Nullable requires exactly one data type argument, e.g. Nullable(String)",
        "Nullable                       | Nullable requires exactly one data type argument, e.g. Nullable(String)",
        "LowCardinality(String, UInt8)  | LowCardinality requires exactly one data type argument, e.g. LowCardinality(String)",
        "LowCardinality(Array(String))  | LowCardinality(Array(String)) is not allowed: LowCardinality supports only String, FixedString, numbers, dates, DateTime, UUID and IP addresses (optionally Nullable), not Array(String)",
        "LowCardinality(Nullable(Decimal(10, 2))) | LowCardinality(Nullable(Decimal(10, 2))) is not allowed: LowCardinality supports only String, FixedString, numbers, dates, DateTime, UUID and IP addresses (optionally Nullable), not Decimal(10, 2)",
        "Array(String, String)          | Array requires exactly one data type argument, e.g. Array(String)",
        "Map(String)                    | Map requires exactly two data type arguments, the key and value types, e.g. Map(String, UInt64)",
        "Nested(String)                 | Nested requires named elements, e.g. Nested(a String, b UInt8)",
        "Variant                        | Variant requires at least one data type argument, e.g. Variant(String, UInt64)",
        "FixedString                    | FixedString requires one positive integer argument, the length in bytes, e.g. FixedString(16)",
        "FixedString(0)                 | FixedString requires one positive integer argument, the length in bytes, e.g. FixedString(16)",
        "FixedString('a')               | FixedString requires one positive integer argument, the length in bytes, e.g. FixedString(16)",
        "FixedString(16, 2)             | FixedString requires one positive integer argument, the length in bytes, e.g. FixedString(16)",
        "DateTime64(10)                 | DateTime64 precision must be between 0 and 9, got 10",
        "DateTime64('UTC')              | DateTime64 takes a precision from 0 to 9 and an optional time zone, e.g. DateTime64(3, 'UTC')",
        "DateTime64(3, 'UTC', 1)        | DateTime64 takes a precision from 0 to 9 and an optional time zone, e.g. DateTime64(3, 'UTC')",
        "DateTime64(3, 4)               | DateTime64 time zone must be a quoted string such as 'UTC', got 4",
        "DateTime('UTC', 3)             | DateTime takes a precision from 0 to 9 and an optional time zone, e.g. DateTime(3, 'UTC')",
        "DateTime(10)                   | DateTime precision must be between 0 and 9, got 10",
        "Time('UTC')                    | Time takes at most one argument, a precision from 0 to 9 (no time zone)",
        "Time64(10)                     | Time64 precision must be between 0 and 9, got 10",
        "Decimal(0, 0)                  | Decimal precision must be between 1 and 76, got 0",
        "Decimal(77, 2)                 | Decimal precision must be between 1 and 76, got 77",
        "Decimal(10, 11)                | Decimal scale must be an integer between 0 and the precision 10, got 11",
        "Decimal(10, 2, 1)              | Decimal requires a precision and an optional scale, e.g. Decimal(10, 2)",
        "Decimal32                      | Decimal32 requires exactly one argument, the scale, e.g. Decimal32(4)",
        "Decimal32(10)                  | Decimal32 scale must be between 0 and 9, got 10",
        "Decimal64(19)                  | Decimal64 scale must be between 0 and 18, got 19",
        "Int32('x')                     | Int32 takes at most one argument, a display width such as Int32(11)",
        "Float64(1, 2, 3)               | Float64 takes at most two numeric arguments",
        "VARCHAR('x')                   | VARCHAR takes at most one argument, a length such as VARCHAR(255)",
        "Enum8                          | Enum8 requires at least one element, e.g. Enum8('a' = 1, 'b' = 2)",
        "Enum8('a' = 200)               | Value 200 of element 'a' is out of range for Enum8 (-128 to 127)",
        "Enum16('a' = -40000)           | Value -40000 of element 'a' is out of range for Enum16 (-32768 to 32767)",
        "Dynamic(max_rows=1)            | Dynamic takes only the setting max_types, e.g. Dynamic(max_types=10)",
        "Object('json', 'x')            | Object requires one quoted schema argument, e.g. Object('json')",
        "AggregateFunction              | AggregateFunction requires an aggregate function and its argument types, e.g. AggregateFunction(uniq, String)",
        "SimpleAggregateFunction(sum)   | SimpleAggregateFunction requires an aggregate function and a data type, e.g. SimpleAggregateFunction(sum, UInt64)",
        "SimpleAggregateFunction(uniq, String) | SimpleAggregateFunction does not support the aggregate function uniq; supported functions are any, anyLast, min, max, sum, sumWithOverflow, groupBitAnd, groupBitOr, groupBitXor, sumMap, minMap, maxMap, groupArrayArray, groupArrayLastArray, groupUniqArrayArray, sumMappedArrays, minMappedArrays, maxMappedArrays",
        "SimpleAggregateFunction(sum, UInt32) | Incompatible data types between aggregate function 'sum' which returns UInt64 and column storage type UInt32; use SimpleAggregateFunction(sum, UInt64)",
        "SimpleAggregateFunction(sum, Int8) | Incompatible data types between aggregate function 'sum' which returns Int64 and column storage type Int8; use SimpleAggregateFunction(sum, Int64)",
        "SimpleAggregateFunction(sum, Nullable(Float32)) | Incompatible data types between aggregate function 'sum' which returns Nullable(Float64) and column storage type Nullable(Float32); use SimpleAggregateFunction(sum, Nullable(Float64))"
    })
    void rejectsArgumentsClickHouseWouldReject(String type, String reason) {
        assertSyntaxError(() -> DataType.parse(type), reason, 1, 1);
    }

    @Test
    void pointsAtTheNestedTypeThatIsWrong() {
        assertSyntaxError(() -> DataType.parse("Array(FixedString(0))"),
                "FixedString requires one positive integer argument, the length in bytes, e.g. FixedString(16)", 1, 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "LowCardinality(Nullable(Float64))", "LowCardinality(DateTime)", "LowCardinality(UUID)",
        "SimpleAggregateFunction(sum, Int64)", "SimpleAggregateFunction(sum, Decimal(38, 2))",
        "SimpleAggregateFunction(sumWithOverflow, UInt32)", "Nullable(SimpleAggregateFunction(any, String))"
    })
    void acceptsTypesNearTheRuleBoundaries(String type) {
        assertThat(DataType.parse(type)).hasToString(type);
    }
}
