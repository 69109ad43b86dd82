package io.waddleperf.api.monitors.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What AutoPerf charts per probe: the figures of a result ({@code ResultJudged.figures}) that make
 * up a probe's trend metrics ({@code <probe>.<figure>}), and the one the live board shows.
 */
public final class MonitorMetrics {

    /** A figure of a result, by its name in {@code ResultJudged.figures}, with its unit. */
    public record Figure(String name, String unit) {}

    private static final Figure LATENCY = new Figure("latency_ms", "ms");
    private static final Figure JITTER = new Figure("jitter_ms", "ms");
    private static final Figure LOSS = new Figure("loss_percent", "%");
    private static final Figure HTTP = new Figure("http_total_ms", "ms");
    private static final Figure DNS = new Figure("dns_ms", "ms");
    private static final Figure DOWN = new Figure("throughput_down_mbps", "Mbit/s");
    private static final Figure UP = new Figure("throughput_up_mbps", "Mbit/s");

    /** The first figure of each probe is the board's; ssh measures nothing the board can show. */
    private static final Map<String, List<Figure>> BY_PROBE = Map.of(
            "tcp_connect", List.of(LATENCY),
            "udp_echo", List.of(LATENCY, JITTER, LOSS),
            "http", List.of(HTTP),
            "dns", List.of(DNS),
            "ssh", List.of(),
            "throughput", List.of(DOWN, UP, LATENCY, JITTER, LOSS));

    private MonitorMetrics() {}

    public static List<Figure> of(String probe) {
        return BY_PROBE.getOrDefault(probe, List.of());
    }

    /** The figure the live board shows for a probe, if it measures one. */
    public static @Nullable Figure primary(String probe) {
        List<Figure> figures = of(probe);
        return figures.isEmpty() ? null : figures.getFirst();
    }

    /**
     * The figure the board shows for a result of {@code probe}: the primary one, except that a
     * throughput test shows the direction it measured (download, else upload).
     */
    public static @Nullable Figure forBoard(String probe, Map<String, Double> figures) {
        if (probe.equals("throughput") && !figures.containsKey(DOWN.name()) && figures.containsKey(UP.name())) {
            return UP;
        }
        return primary(probe);
    }

    /** A trend metric name, {@code <probe>.<figure>}, as its probe and figure. */
    public record Metric(String probe, Figure figure) {
        public String name() {
            return probe + "." + figure.name();
        }
    }

    public static Optional<Metric> parse(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String probe = name.substring(0, dot);
        String figure = name.substring(dot + 1);
        return of(probe).stream()
                .filter(f -> f.name().equals(figure))
                .findFirst()
                .map(f -> new Metric(probe, f));
    }

    /** Every trend metric of the given probes, in order, for error messages and the UI. */
    public static List<String> names(List<String> probes) {
        return probes.stream()
                .flatMap(p -> of(p).stream().map(f -> p + "." + f.name()))
                .toList();
    }
}
