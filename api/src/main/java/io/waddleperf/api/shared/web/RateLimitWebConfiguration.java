package io.waddleperf.api.shared.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class RateLimitWebConfiguration implements WebMvcConfigurer {

    private final OrgRateLimitInterceptor rateLimits;

    RateLimitWebConfiguration(OrgRateLimitInterceptor rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // After the organisation and role check (highest precedence), which names the organisation.
        registry.addInterceptor(rateLimits).addPathPatterns("/api/v1/orgs/**").order(0);
    }
}
