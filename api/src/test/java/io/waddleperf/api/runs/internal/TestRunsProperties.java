package io.waddleperf.api.runs.internal;

import java.time.Duration;

/** The runs settings the dispatcher unit tests share (the defaults, but for the acceptance wait). */
final class TestRunsProperties {

    private TestRunsProperties() {}

    static RunsProperties withAcceptanceAloneAfter(Duration alone) {
        return new RunsProperties(
                3,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                Duration.ofMillis(250),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(20),
                Duration.ofDays(7),
                Duration.ofHours(1),
                1000,
                new RunsProperties.Circuit(50, 10, 2, Duration.ofSeconds(30), 1),
                new RunsProperties.TierPlanSettings(10, 60),
                Duration.ofMinutes(5),
                Duration.ofMillis(500),
                alone);
    }
}
