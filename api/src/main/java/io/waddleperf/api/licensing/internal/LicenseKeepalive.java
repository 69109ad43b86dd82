package io.waddleperf.api.licensing.internal;

import io.waddleperf.api.licensing.UsageSource;
import io.waddleperf.license.LicenseCheckFailed;
import io.waddleperf.license.Usage;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reports usage to the license server once per interval. Each replica reports for the whole
 * installation (the counts come from the shared database), so several replicas send the same
 * figures; the server keeps the latest, which is harmless.
 */
@Component
public class LicenseKeepalive {

    private static final Logger log = LoggerFactory.getLogger(LicenseKeepalive.class);

    private final LicenseClientHolder holder;
    private final List<UsageSource> sources;
    private final String version;

    LicenseKeepalive(LicenseClientHolder holder, List<UsageSource> sources, java.util.Optional<BuildProperties> build) {
        this.holder = holder;
        this.sources = sources;
        this.version = build.map(BuildProperties::getVersion).orElse("unknown");
    }

    /**
     * Sends one keepalive now; also what the schedule calls, a per-replica timer on purpose (not a
     * cluster job): each replica reports its own host and uptime.
     */
    @Scheduled(
            initialDelayString = "${waddleperf.licensing.keepalive-interval:1h}",
            fixedDelayString = "${waddleperf.licensing.keepalive-interval:1h}")
    public void send() {
        if (holder.client() == null) {
            return;
        }
        try {
            holder.client().keepalive(usage());
        } catch (LicenseCheckFailed e) {
            log.warn("License keepalive failed: {}", e.getMessage());
        }
    }

    Usage usage() {
        return new Usage(
                hostname(),
                version,
                Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()),
                count(UsageSource.Kind.NODES),
                count(UsageSource.Kind.USERS),
                count(UsageSource.Kind.MONITORS),
                count(UsageSource.Kind.RUNS_LAST_HOUR));
    }

    private long count(UsageSource.Kind kind) {
        return sources.stream()
                .filter(source -> source.kind() == kind)
                .mapToLong(UsageSource::count)
                .sum();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
