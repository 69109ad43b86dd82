package io.waddleperf.testserver.control;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class ControlConfiguration {

    @Bean
    EnrollmentClient enrollmentClient(
            EnrollmentProperties properties, NodeStatus status, ObjectMapper json, NodeSettingsApplier settings) {
        return new EnrollmentClient(properties, status, json, settings);
    }
}
