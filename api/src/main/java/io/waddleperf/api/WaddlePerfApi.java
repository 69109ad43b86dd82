package io.waddleperf.api;

import io.waddleperf.api.shared.info.StartupSteps;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WaddlePerfApi {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(WaddlePerfApi.class);
        StartupSteps.installIfRequested(application);
        application.run(args);
    }
}
