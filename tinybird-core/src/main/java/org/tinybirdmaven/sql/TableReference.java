package org.tinybirdmaven.sql;

import java.util.Objects;

/**
 * A name a query reads as a table (a datasource, a pipe, an earlier node of the same pipe, a dictionary…), as found
 * by {@link SqlTableScanner}.
 *
 * @param database the qualifier ({@code ws} in {@code ws.events}), {@code null} when unqualified
 * @param name     the table name, unquoted
 * @param kind     the syntax the name was found in
 * @param line     1-based line of the reference (of the qualifier when there is one, of the string literal for
 *                 {@link Kind#JOIN_GET}, {@link Kind#DICT_GET} and {@link Kind#TEMPLATE_TABLE})
 * @param column   1-based column of the same position
 */
public record TableReference(String database, String name, Kind kind, int line, int column) {

    /** Where a table name was found. */
    public enum Kind {
        /** After {@code FROM} or any {@code JOIN}, in a comma join, or after {@code [GLOBAL] [NOT] IN}. */
        FROM,
        /** First argument of {@code joinGet} / {@code joinGetOrNull}. */
        JOIN_GET,
        /** First argument of {@code dictGet*}, {@code dictHas} or {@code dictIsIn}. */
        DICT_GET,
        /** Literal argument of the template helper {@code table('x')} / {@code TABLE('x')}. */
        TEMPLATE_TABLE
    }

    public TableReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code database.name}, or {@code name} when unqualified. */
    public String qualifiedName() {
        return database == null ? name : database + "." + name;
    }
}
