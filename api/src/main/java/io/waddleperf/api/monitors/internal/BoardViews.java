package io.waddleperf.api.monitors.internal;

import io.waddleperf.api.monitors.BoardRow;
import io.waddleperf.api.monitors.internal.MonitorMetrics.Figure;
import io.waddleperf.api.nodes.Node;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A stored board row as the API shows it: node details added, window figures computed. */
public final class BoardViews {

    private BoardViews() {}

    public static BoardRow view(BoardStore.Row row, @Nullable Node node, int window) {
        List<BoardStore.Entry> recent = row.recent();
        List<BoardStore.Entry> last = recent.subList(Math.max(0, recent.size() - window), recent.size());
        double[] values = last.stream()
                .map(BoardStore.Entry::v)
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        int failed = (int) last.stream().filter(e -> e.f() != 0).count();
        Figure figure = MonitorMetrics.of(row.probe()).stream()
                .filter(f -> f.name().equals(row.metric()))
                .findFirst()
                .orElse(null);
        return new BoardRow(
                key(row),
                row.monitorId(),
                row.monitorName(),
                row.target(),
                row.nodeId(),
                node != null
                        ? node.name()
                        : row.nodeName() != null ? row.nodeName() : row.nodeId().toString(),
                node == null ? null : node.region(),
                node == null ? List.of() : node.labels(),
                row.probe(),
                row.tier(),
                row.metric(),
                figure == null ? null : figure.unit(),
                new BoardRow.Latest(
                        row.lastAt(), row.lastRunId(), row.lastValue(), row.lastStatus(), row.lastVerdict()),
                new BoardRow.Stats(
                        last.size(),
                        failed,
                        values.length == 0 ? null : values[0],
                        values.length == 0 ? null : values[values.length - 1],
                        values.length == 0
                                ? null
                                : Arrays.stream(values).average().orElseThrow(),
                        Quantiles.nearestRank(values, 0.90)),
                row.version(),
                row.updatedAt());
    }

    public static String key(BoardStore.Row row) {
        return row.monitorId() + ":" + row.nodeId() + ":" + row.probe() + ":" + row.tier();
    }

    /** An event-stream position: the update time in microseconds since the epoch. */
    public static String cursor(Instant at) {
        return Long.toString(at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000);
    }

    /** The position a cursor names, or null for one this API did not issue. */
    public static @Nullable Instant fromCursor(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank() || cursor.length() > 20) {
            return null;
        }
        try {
            long micros = Long.parseLong(cursor.strip());
            return micros < 0 ? null : Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
