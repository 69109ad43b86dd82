package io.waddleperf.api.shared.security;

import io.waddleperf.license.WaddlePerfFeature;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The licensed feature a handler belongs to; without an entitlement the call answers 402 naming
 * the feature. Checked after authentication and the organisation check, so a stranger still gets
 * 401/404 rather than learning what the installation is licensed for.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresFeature {
    WaddlePerfFeature value();
}
