package org.tinybirdmaven.server.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinybirdmaven.server.auth.Caller;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.http.ApiException;

/**
 * What a token may read in a query of the Query API ({@code /v0/sql}, an endpoint's {@code q}). Only what the query
 * names itself is checked: a pipe the token may read can read any datasource, as in Tinybird.
 */
public final class QueryAccess {

    private QueryAccess() {}

    /** 403 unless the caller may read every datasource, pipe and service datasource {@code compiled} names. */
    public static void check(Caller caller, QueryCompiler.Compiled compiled) {
        for (String datasource : compiled.datasources()) {
            if (!caller.can(Scope.DATASOURCES_READ, datasource)) {
                throw ApiException.forbidden("Not enough permissions for datasource '" + datasource + "'");
            }
        }
        for (String pipe : compiled.pipes()) {
            if (!caller.can(Scope.PIPES_READ, pipe)) {
                throw ApiException.forbidden("Not enough permissions for pipe '" + pipe + "'");
            }
        }
        for (String service : compiled.services()) {
            if (!caller.can(Scope.DATASOURCES_READ, service)) {
                throw ApiException.forbidden("Services Data Sources like '" + service + "' can't be directly accessed"
                        + " without an ADMIN token. If you need to access it with a non ADMIN token you can read it"
                        + " from a Pipe and create a token with just read access to that Pipe");
            }
        }
    }

    /**
     * The row filters of the caller's {@code DATASOURCES:READ:<ds>:<condition>} scopes: such a token only sees the
     * matching rows. Admin tokens see everything.
     */
    public static Map<String, String> readFilters(Caller caller) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (!caller.isAdmin()) {
            for (Scope scope : caller.token().scopes()) {
                if (scope.type().equals(Scope.DATASOURCES_READ) && scope.filter() != null) {
                    filters.put(scope.resource(), scope.filter());
                }
            }
        }
        return filters;
    }

    /** A missing resource as the Query API reports it: 403, without the node it was found in. */
    public static ApiException missing(QueryCompiler.MissingResource e) {
        return ApiException.forbidden("Resource '" + e.resource() + "' not found");
    }
}
