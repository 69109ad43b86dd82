package io.waddleperf.api.licensing.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class LicensingWebConfiguration implements WebMvcConfigurer {

    private final FeatureGateInterceptor featureGate;

    LicensingWebConfiguration(FeatureGateInterceptor featureGate) {
        this.featureGate = featureGate;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // After the organisation and role checks: strangers get 404/403, not a hint of the license.
        registry.addInterceptor(featureGate).addPathPatterns("/api/**").order(Ordered.LOWEST_PRECEDENCE);
    }
}
