package io.waddleperf.api.shared.info;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who started the API where to point their browser, and how long it took. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final Environment environment;

    StartupBanner(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info(
                "WaddlePerf API ready at http://localhost:{}/ (OpenAPI at /v3/api-docs) after {} ms",
                port,
                ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
