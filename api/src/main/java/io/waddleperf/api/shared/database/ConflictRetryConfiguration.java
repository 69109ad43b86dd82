package io.waddleperf.api.shared.database;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Turns on {@link RetryOnConflict}; Boot's AOP auto-configuration applies the aspect. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConflictRetryProperties.class)
class ConflictRetryConfiguration {

    @Bean
    ConflictRetryAspect conflictRetryAspect(ConflictRetryProperties properties, MeterRegistry meters) {
        return new ConflictRetryAspect(properties, meters);
    }
}
