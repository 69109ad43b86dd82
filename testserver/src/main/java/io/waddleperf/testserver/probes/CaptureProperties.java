package io.waddleperf.testserver.probes;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Header-only packet capture of throughput runs that ask for it (docs/archive.md).
 *
 * @param enabled false refuses every capture ("capture unavailable: disabled on this node")
 * @param tcpdump the tcpdump binary; unset, the first {@code tcpdump} on PATH, else
 *     {@code /usr/sbin/tcpdump}
 * @param startTimeout how long tcpdump may take to say it is listening before the run goes on
 *     without a capture
 * @param maxPackets tcpdump stops after this many packets ({@code -c}); at most 144 bytes each
 *     (16 of record header, 128 of packet), the default stays below the API's 64 MB artefact limit
 */
@Validated
@ConfigurationProperties("waddleperf.capture")
public record CaptureProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable Path tcpdump,
        @DefaultValue("5s") @NotNull Duration startTimeout,
        @DefaultValue("400000") @Min(1) int maxPackets) {}
