package io.waddleperf.testserver.control;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Enrolment with the API and heartbeats (docs/node-protocol.md). Without an API URL the node
 * runs standalone.
 *
 * @param apiUrl the API's base URL ({@code WADDLEPERF_API_URL})
 * @param token one-time enrolment token from an org admin ({@code WADDLEPERF_ENROLLMENT_TOKEN})
 * @param stateDir where the node credential is kept (mode 0600) across restarts
 * @param heartbeatInterval time between heartbeats; the API marks a node offline after 15 s
 * @param initialBackoff first retry delay after a failed call; doubles up to {@code maxBackoff}
 * @param requestTimeout per HTTP call to the API
 */
@Validated
@ConfigurationProperties("waddleperf.enrollment")
record EnrollmentProperties(
        @Nullable URI apiUrl,
        @Nullable String token,
        @NotNull Path stateDir,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("5s") Duration requestTimeout) {

    boolean enabled() {
        return apiUrl != null && !apiUrl.toString().isBlank();
    }
}
