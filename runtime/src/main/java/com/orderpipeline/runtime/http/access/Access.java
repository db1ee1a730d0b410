package com.orderpipeline.runtime.http.access;

import io.javalin.security.RouteRole;

/**
 * Who may call a route, declared with the route ({@code routes.get(path, handler, Access.SHOP, Access.SUPPORT)})
 * and checked by {@link AccessControl} before its handler runs. A route that declares none is refused: access is
 * never public by omission.
 */
public enum Access implements RouteRole {
    /** Anyone, unlimited: health, metrics, the checks that reveal nothing. */
    PUBLIC,
    /** Anyone, limited per client address; a caller with a valid token is not limited. */
    LOOKUP,
    /** A token of the role {@code shop}: a checkout or shop back end acting for its own customers. */
    SHOP,
    /** A token of the role {@code support}: customer-support agents and their tools. */
    SUPPORT;

    /** The role's name in {@code API_TOKENS} and in the audit log. */
    public String roleName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
