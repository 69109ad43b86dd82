package io.waddleperf.api.archive.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArchiveProperties.class)
class ArchiveConfiguration {

    @Bean(destroyMethod = "close")
    S3Connection s3Connection(ArchiveProperties properties) {
        return S3Connection.open(properties);
    }

    /**
     * The embedded S3 store starts beside the rest of the context (S3Connection.open); here, once
     * every singleton exists and before the web server takes requests, the start waits for it, so
     * a store that cannot start fails the start rather than the first upload.
     */
    @Bean
    SmartInitializingSingleton s3ConnectionStarted(S3Connection s3Connection) {
        return s3Connection::awaitStarted;
    }

    /**
     * Outbox depth, the age of its oldest artefact (from its run's end) and the spool's bytes. The
     * first two read the table on each scrape: one index range over the waiting rows.
     */
    @Bean
    MeterBinder archiveMeters(ArtefactStore store, ArtefactSpool spool, Clock clock) {
        return (MeterRegistry registry) -> {
            Gauge.builder(
                            "waddleperf.archive.outbox.depth",
                            store,
                            s -> s.backlog().depth())
                    .description("Artefacts waiting for S3")
                    .register(registry);
            Gauge.builder("waddleperf.archive.outbox.oldest.age", store, s -> {
                        var oldest = s.backlog().oldestRunFinishedAt();
                        return oldest == null
                                ? 0
                                : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
                    })
                    .description("Seconds since the run of the oldest artefact waiting for S3 ended")
                    .baseUnit("seconds")
                    .register(registry);
            Gauge.builder("waddleperf.archive.spool.bytes", spool, ArtefactSpool::usedBytes)
                    .description("Bytes of artefacts spooled on this replica's disk")
                    .baseUnit("bytes")
                    .register(registry);
        };
    }

    /**
     * A full spool takes the replica out of service rather than crashing it: runs still end, but
     * their artefacts are refused until the uploader drains the spool.
     */
    @Bean
    HealthIndicator archiveHealthIndicator(ArtefactSpool spool) {
        return () -> {
            Health.Builder health = spool.full() ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
            return health.withDetail("spoolBytes", spool.usedBytes())
                    .withDetail("spoolLimitBytes", spool.limitBytes())
                    .build();
        };
    }
}
