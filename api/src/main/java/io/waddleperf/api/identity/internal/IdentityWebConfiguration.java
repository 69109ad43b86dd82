package io.waddleperf.api.identity.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebMvcConfigurer {

    private final OrgAccessInterceptor orgAccess;

    IdentityWebConfiguration(OrgAccessInterceptor orgAccess) {
        this.orgAccess = orgAccess;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(orgAccess).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
    }
}
