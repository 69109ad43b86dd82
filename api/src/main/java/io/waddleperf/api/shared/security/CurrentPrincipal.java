package io.waddleperf.api.shared.security;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The {@link OrgPrincipal} of the current organisation-scoped request. */
public final class CurrentPrincipal {

    public static final String ATTRIBUTE = OrgPrincipal.class.getName();

    private CurrentPrincipal() {}

    public static OrgPrincipal get() {
        RequestAttributes attributes = RequestContextHolder.currentRequestAttributes();
        Object principal = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (principal instanceof OrgPrincipal org) {
            return org;
        }
        throw new IllegalStateException("no organisation principal: not an /api/v1/orgs/{orgId} request");
    }
}
