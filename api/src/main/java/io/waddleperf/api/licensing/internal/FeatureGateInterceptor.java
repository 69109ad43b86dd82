package io.waddleperf.api.licensing.internal;

import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.shared.security.RequiresFeature;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Answers 402 for handlers of a feature the license does not include. */
@Component
class FeatureGateInterceptor implements HandlerInterceptor {

    private final Licensing licensing;

    FeatureGateInterceptor(Licensing licensing) {
        this.licensing = licensing;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            RequiresFeature feature =
                    AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresFeature.class);
            if (feature == null) {
                feature = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresFeature.class);
            }
            if (feature != null) {
                licensing.require(feature.value());
            }
        }
        return true;
    }
}
