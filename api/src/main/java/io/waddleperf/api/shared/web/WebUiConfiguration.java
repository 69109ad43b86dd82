package io.waddleperf.api.shared.web;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the built web UI from {@code classpath:/static/} with a single-page-app fallback: a
 * client-side route such as {@code /nodes/42} gets {@code index.html} so a reload or a shared link
 * works. API, actuator and OpenAPI paths never fall back, so an unknown API path stays a 404
 * problem document instead of an HTML page; neither do missing files with an extension, so a
 * stale asset link fails loudly.
 */
@Configuration(proxyBeanMethods = false)
class WebUiConfiguration implements WebMvcConfigurer {

    private static final List<String> SERVER_PREFIXES =
            List.of("api/", "actuator", "v3/", "swagger-ui", ".well-known/", "error");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .resourceChain(true)
                .addResolver(new SpaFallbackResolver());
    }

    static final class SpaFallbackResolver extends PathResourceResolver {

        @Override
        protected @Nullable Resource getResource(String resourcePath, Resource location) throws IOException {
            Resource requested = location.createRelative(resourcePath);
            if (!resourcePath.isEmpty() && requested.exists() && requested.isReadable()) {
                return requested;
            }
            if (isServerPath(resourcePath) || hasExtension(resourcePath)) {
                return null;
            }
            Resource index = location.createRelative("index.html");
            return index.exists() ? index : null;
        }

        static boolean isServerPath(String path) {
            return SERVER_PREFIXES.stream().anyMatch(path::startsWith);
        }

        private static boolean hasExtension(String path) {
            return path.substring(path.lastIndexOf('/') + 1).contains(".");
        }
    }
}
