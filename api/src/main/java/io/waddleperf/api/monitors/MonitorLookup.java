package io.waddleperf.api.monitors;

import io.waddleperf.api.monitors.internal.MonitorMetrics;
import io.waddleperf.api.monitors.internal.MonitorStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * What other modules (alerts) may read of a monitor and its rounds without a signed-in person:
 * no licence check and no principal, so callers scope by organisation themselves.
 */
@Service
public class MonitorLookup {

    private final MonitorStore store;

    MonitorLookup(MonitorStore store) {
        this.store = store;
    }

    /**
     * A monitor as alert rules see it.
     *
     * @param labels the labels among its vantage points (monitors have no labels of their own)
     */
    public record Watched(UUID id, String name, List<String> probes, Set<String> labels) {}

    /**
     * One round of a monitor: the slot it ran for and on how many vantage nodes.
     *
     * @param nodes the vantage nodes the round ran on (one tier run each)
     */
    public record Round(Watched monitor, Instant dueAt, int nodes) {}

    public Optional<Watched> monitor(UUID orgId, UUID monitorId) {
        return store.find(orgId, monitorId).map(row -> watched(row.monitor()));
    }

    /** Every monitor of the organisation. */
    public List<Watched> monitors(UUID orgId) {
        return store.list(orgId).stream().map(row -> watched(row.monitor())).toList();
    }

    /**
     * The round a tier-1 run belongs to ({@code ResultJudged.parentRunId}), if it is one of the
     * monitor's recent rounds.
     */
    public Optional<Round> roundOf(UUID orgId, UUID monitorId, UUID tierRunId, Instant finishedAt) {
        return monitor(orgId, monitorId)
                .flatMap(watched -> store.roundOf(monitorId, tierRunId, finishedAt)
                        .map(round -> new Round(watched, round.dueAt(), round.nodeCount())));
    }

    /** A trend metric, {@code <probe>.<figure>}, as in {@code ResultJudged.figures}. */
    public record Metric(String name, String probe, String figure, String unit) {}

    /** The trend metric {@code name} names, if it is one. */
    public static Optional<Metric> metric(String name) {
        return MonitorMetrics.parse(name)
                .map(m -> new Metric(
                        m.name(), m.probe(), m.figure().name(), m.figure().unit()));
    }

    /** Every trend metric of the given probes, for error messages and the UI. */
    public static List<String> metricNames(List<String> probes) {
        return MonitorMetrics.names(probes);
    }

    private static Watched watched(Monitor monitor) {
        Set<String> labels = monitor.vantage().stream()
                .map(Monitor.VantagePoint::label)
                .filter(Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
        return new Watched(monitor.id(), monitor.name(), monitor.probes(), labels);
    }
}
