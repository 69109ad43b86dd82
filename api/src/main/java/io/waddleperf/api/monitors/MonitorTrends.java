package io.waddleperf.api.monitors;

import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.monitors.internal.BoardStore;
import io.waddleperf.api.monitors.internal.BoardStream;
import io.waddleperf.api.monitors.internal.BoardViews;
import io.waddleperf.api.monitors.internal.MonitorMetrics;
import io.waddleperf.api.monitors.internal.MonitorStore;
import io.waddleperf.api.monitors.internal.Quantiles;
import io.waddleperf.api.monitors.internal.TrendStore;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.runs.RunView;
import io.waddleperf.api.runs.Runs;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.license.WaddlePerfFeature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What a monitor has measured: its trends from the rollups kept as results arrive, and the live
 * board of every monitor. Licensed {@code autoperf}; every role reads.
 */
@Service
public class MonitorTrends {

    public static final int DEFAULT_WINDOW = 10;
    public static final int MAX_POINTS = 2000;
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    static final Duration MAX_RANGE = Duration.ofDays(400);
    private static final int MAX_ESCALATIONS = 500;
    private static final int MAX_BOARD_ROWS = 20_000;

    private final MonitorStore monitors;
    private final TrendStore trends;
    private final BoardStore board;
    private final BoardStream stream;
    private final Runs runs;
    private final NodeRegistry nodes;
    private final Licensing licensing;
    private final Clock clock;

    MonitorTrends(
            MonitorStore monitors,
            TrendStore trends,
            BoardStore board,
            BoardStream stream,
            Runs runs,
            NodeRegistry nodes,
            Licensing licensing,
            Clock clock) {
        this.monitors = monitors;
        this.trends = trends;
        this.board = board;
        this.stream = stream;
        this.runs = runs;
        this.nodes = nodes;
        this.licensing = licensing;
        this.clock = clock;
    }

    /**
     * One metric of a monitor (default: its first probe's main figure) per vantage node in [from, to) (default: the last 24 h), a point per
     * {@code step} seconds: a multiple of 300, and of 3600 from an hour up (default: 300 up to two
     * days, else the smallest hour multiple giving at most 500 points).
     */
    public MonitorSeries series(
            OrgPrincipal actor,
            UUID monitorId,
            @Nullable String metric,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable Integer step) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        Monitor monitor = monitors.find(actor.orgId(), monitorId)
                .map(MonitorStore.Row::monitor)
                .orElseThrow(() -> new NotFound("Monitor"));
        List<FieldError> errors = new ArrayList<>();
        List<String> offered = MonitorMetrics.names(monitor.probes());
        // Without a metric: the first probe's main figure, what the monitor's page opens on.
        String asked = metric == null || metric.isBlank() ? (offered.isEmpty() ? "" : offered.getFirst()) : metric;
        MonitorMetrics.Metric parsed = asked.isEmpty()
                ? null
                : MonitorMetrics.parse(asked)
                        .filter(m -> monitor.probes().contains(m.probe()))
                        .orElse(null);
        if (parsed == null) {
            errors.add(
                    new FieldError("metric", "must be one of this monitor's metrics: " + String.join(", ", offered)));
        }
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_RANGE) : from;
        Duration range = Duration.between(start, end);
        if (!range.isPositive()) {
            errors.add(new FieldError("from", "must be before to"));
        } else if (range.compareTo(MAX_RANGE) > 0) {
            errors.add(new FieldError("from", "the range may span at most " + MAX_RANGE.toDays() + " days"));
        }
        int seconds = step == null ? defaultStep(range) : step;
        if (seconds < TrendStore.FINE
                || seconds % TrendStore.FINE != 0
                || (seconds >= TrendStore.COARSE && seconds % TrendStore.COARSE != 0)) {
            errors.add(new FieldError("step", "must be a multiple of 300 seconds, and of 3600 from 3600 up"));
        } else if (range.isPositive() && range.toSeconds() / seconds > MAX_POINTS) {
            errors.add(
                    new FieldError("step", "gives more than " + MAX_POINTS + " points for the range; make it larger"));
        }
        if (!errors.isEmpty()) {
            throw InvalidInput.of(errors);
        }
        MonitorMetrics.Metric m = Objects.requireNonNull(parsed);
        int size = seconds >= TrendStore.COARSE ? TrendStore.COARSE : TrendStore.FINE;
        Instant alignedFrom = align(start, seconds);
        List<TrendStore.Bucket> buckets = trends.read(actor.orgId(), monitorId, m.name(), size, alignedFrom, end);
        return new MonitorSeries(
                monitorId,
                m.name(),
                m.figure().unit(),
                alignedFrom,
                end,
                seconds,
                points(buckets, seconds),
                escalations(monitorId, alignedFrom, end));
    }

    /** The board: every row of the organisation, with figures over the last {@code window} rounds. */
    public Board board(OrgPrincipal actor, @Nullable Integer window) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        int rounds = checkWindow(window);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<UUID, Node> nodeById = nodes.list().stream().collect(Collectors.toMap(Node::id, Function.identity()));
        List<BoardRow> rows = board.rows(actor.orgId(), null, MAX_BOARD_ROWS).stream()
                .map(row -> BoardViews.view(row, nodeById.get(row.nodeId()), rounds))
                .sorted(Comparator.comparing(BoardRow::monitorName)
                        .thenComparing(BoardRow::nodeName)
                        .thenComparing(BoardRow::probe)
                        .thenComparingInt(BoardRow::tier))
                .toList();
        return new Board(rounds, BoardViews.cursor(now), rows);
    }

    /**
     * The board's changes as server-sent events from {@code lastEventId} (a snapshot's cursor or
     * the last event's id; from now when absent).
     */
    public SseEmitter boardEvents(OrgPrincipal actor, @Nullable Integer window, @Nullable String lastEventId) {
        licensing.require(WaddlePerfFeature.AUTOPERF);
        int rounds = checkWindow(window);
        Instant after = BoardViews.fromCursor(lastEventId);
        if (after == null && lastEventId != null && !lastEventId.isBlank()) {
            throw InvalidInput.of(
                    List.of(new FieldError("Last-Event-ID", "must be a cursor or event id this API sent")));
        }
        return stream.open(actor.orgId(), rounds, after);
    }

    private static int checkWindow(@Nullable Integer window) {
        int rounds = window == null ? DEFAULT_WINDOW : window;
        if (rounds < 1 || rounds > BoardStore.RECENT) {
            throw InvalidInput.of(List.of(new FieldError("window", "must be 1-" + BoardStore.RECENT + " rounds")));
        }
        return rounds;
    }

    static int defaultStep(Duration range) {
        if (range.compareTo(Duration.ofDays(2)) <= 0) {
            return TrendStore.FINE;
        }
        long hours = (range.toSeconds() + 500L * TrendStore.COARSE - 1) / (500L * TrendStore.COARSE);
        return (int) Math.max(1, hours) * TrendStore.COARSE;
    }

    private static Instant align(Instant at, int step) {
        long epoch = at.getEpochSecond();
        return Instant.ofEpochSecond(epoch - Math.floorMod(epoch, step));
    }

    private static List<MonitorSeries.NodeSeries> points(List<TrendStore.Bucket> buckets, int step) {
        Map<UUID, List<TrendStore.Bucket>> byNode = buckets.stream()
                .collect(Collectors.groupingBy(TrendStore.Bucket::nodeId, LinkedHashMap::new, Collectors.toList()));
        List<MonitorSeries.NodeSeries> series = new ArrayList<>();
        byNode.forEach((nodeId, own) -> {
            TreeMap<Instant, List<TrendStore.Bucket>> bySteps = own.stream()
                    .collect(Collectors.groupingBy(b -> align(b.start(), step), TreeMap::new, Collectors.toList()));
            List<MonitorSeries.Point> points = bySteps.entrySet().stream()
                    .map(e -> point(e.getKey(), e.getValue()))
                    .toList();
            String name = own.getLast().nodeName();
            series.add(new MonitorSeries.NodeSeries(nodeId, name == null ? nodeId.toString() : name, points));
        });
        series.sort(Comparator.comparing(MonitorSeries.NodeSeries::nodeName));
        return series;
    }

    private static MonitorSeries.Point point(Instant at, List<TrendStore.Bucket> buckets) {
        double[] values = buckets.stream()
                .flatMapToDouble(b -> java.util.Arrays.stream(b.values()))
                .sorted()
                .toArray();
        int rounds = buckets.stream().mapToInt(TrendStore.Bucket::rounds).sum();
        int failed = buckets.stream().mapToInt(TrendStore.Bucket::failed).sum();
        int lossCount = buckets.stream().mapToInt(TrendStore.Bucket::lossCount).sum();
        double lossSum =
                buckets.stream().mapToDouble(TrendStore.Bucket::lossSum).sum();
        return new MonitorSeries.Point(
                at,
                rounds,
                failed,
                Quantiles.nearestRank(values, 0.50),
                Quantiles.nearestRank(values, 0.95),
                values.length == 0 ? null : values[values.length - 1],
                lossCount == 0 ? null : lossSum / lossCount);
    }

    private List<MonitorSeries.EscalationMark> escalations(UUID monitorId, Instant from, Instant to) {
        return runs.escalations(monitorId, from, to, MAX_ESCALATIONS).stream()
                .filter(run -> run.escalation() != null && run.tier() != null)
                .map(run -> {
                    RunView.Escalation cause = Objects.requireNonNull(run.escalation());
                    RunView onNode = run.children().stream()
                            .filter(child -> child.nodeId() != null)
                            .findFirst()
                            .orElse(run);
                    return new MonitorSeries.EscalationMark(
                            run.id(),
                            Objects.requireNonNull(run.tier()),
                            run.createdAt(),
                            onNode.nodeId(),
                            onNode.nodeName(),
                            run.status().wireName(),
                            cause.probe(),
                            cause.metric(),
                            cause.threshold(),
                            cause.value());
                })
                .toList();
    }
}
