package io.waddleperf.api.shared.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a caller needs in the organisation named by the {@code {orgId}} path variable.
 * Every handler under {@code /api/v1/orgs/{orgId}/} must carry it (or inherit it from its
 * controller); one without it is refused, so a forgotten annotation fails closed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    Role value();
}
