package io.waddleperf.testserver.speedtest;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for the speed test only (the web UI measures from the user's browser, cross-origin), and
 * its per-address request limit.
 */
@Configuration(proxyBeanMethods = false)
class SpeedTestConfiguration implements WebMvcConfigurer {

    private final SpeedTestProperties properties;

    SpeedTestConfiguration(SpeedTestProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SpeedTestRateLimiter(properties.requestsPerIpPerMinute()))
                .addPathPatterns("/speedtest/**");
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (properties.allowedOrigins().isEmpty()) {
            return;
        }
        registry.addMapping("/speedtest/**")
                .allowedOrigins(properties.allowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "POST")
                .allowedHeaders("Content-Type")
                // Lets the page check that it received every byte it asked for.
                .exposedHeaders("Content-Length")
                .maxAge(600);
    }
}
