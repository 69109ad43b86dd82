package io.waddleperf.api.identity.internal;

import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.OperatorOnly;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The one place that decides whether an authenticated caller may use an organisation's data:
 * for {@code /api/v1/orgs/{orgId}/...} the caller needs a role in that organisation (else 404,
 * which never reveals that the organisation exists) and at least the handler's
 * {@link RequiresRole} (else 403). It then binds the tenant for the request, so every tenant
 * query is scoped. Order matters: tenant first, role second.
 */
@Component
class OrgAccessInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(OrgAccessInterceptor.class);

    private final Members members;

    OrgAccessInterceptor(Members members) {
        this.members = members;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Actor actor = Actor.of(SecurityContextHolder.getContext().getAuthentication());
        if (has(method, OperatorOnly.class) && (actor == null || !actor.operator())) {
            throw forbidden("Only a platform operator may do this");
        }
        String orgText = orgIdVariable(request);
        if (orgText == null) {
            return true;
        }
        UUID orgId = parse(orgText);
        Role role = actor == null ? null : actor.roleIn(orgId, members);
        if (role == null) {
            throw new NotFound("Organisation " + orgId);
        }
        RequiresRole required = requiredRole(method);
        if (required == null) {
            log.error("{} has no @RequiresRole; refusing it", method.getShortLogMessage());
            throw forbidden("This operation is not available");
        }
        if (!role.includes(required.value())) {
            throw forbidden("This needs the " + required.value() + " role; you have " + role);
        }
        OrgPrincipal principal = new OrgPrincipal(orgId, role, userId(actor), apiKeyId(actor), actor.name());
        request.setAttribute(CurrentPrincipal.ATTRIBUTE, principal);
        TenantContext.set(orgId);
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        TenantContext.clear();
    }

    private static @Nullable String orgIdVariable(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map && map.get("orgId") instanceof String orgId) {
            return orgId;
        }
        return null;
    }

    private static UUID parse(String orgId) {
        try {
            return UUID.fromString(orgId);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("orgId", "'" + orgId + "' is not a valid uuid");
        }
    }

    private static @Nullable RequiresRole requiredRole(HandlerMethod method) {
        RequiresRole onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresRole.class);
        return onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresRole.class);
    }

    private static boolean has(HandlerMethod method, Class<OperatorOnly> annotation) {
        return method.hasMethodAnnotation(annotation)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), annotation);
    }

    private static Refused forbidden(String detail) {
        return new Refused(Refused.Kind.NOT_ALLOWED, "forbidden", "Not allowed", detail);
    }

    private static @Nullable UUID userId(Actor actor) {
        return actor instanceof Actor.User user ? user.userId() : null;
    }

    private static @Nullable UUID apiKeyId(Actor actor) {
        return actor instanceof Actor.Key key ? key.keyId() : null;
    }
}
