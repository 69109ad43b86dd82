package io.waddleperf.api.monitors.internal;

import io.waddleperf.api.monitors.BoardRow;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.shared.web.EventStreams;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live board as server-sent events, one stream per organisation and subscriber: every board
 * row that changes, as a {@code row} event whose id is the position to resume from. Works on every
 * replica: the subscriber's thread reads {@code monitor_board} by update time each poll interval.
 *
 * <p>Transactions commit in another order than their clocks read, so each read goes back
 * {@link MonitorsProperties#boardOverlap()} before the newest update already sent, and rows whose
 * version was sent are skipped. A client that resumes (Last-Event-ID) may see a row again; it
 * keeps the higher version.
 */
@Component
public class BoardStream {

    private static final int BATCH = 5000;
    private static final Duration NODES_FRESH = Duration.ofSeconds(30);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final BoardStore store;
    private final NodeRegistry nodes;
    private final MonitorsProperties properties;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    BoardStream(BoardStore store, NodeRegistry nodes, MonitorsProperties properties, Clock clock) {
        this.store = store;
        this.nodes = nodes;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param after where the subscriber left off (a cursor from a snapshot or an event id), null to
     *     start from now
     */
    public SseEmitter open(UUID orgId, int window, @Nullable Instant after) {
        Instant from = after == null ? clock.instant() : after;
        return EventStreams.open(
                executor,
                properties.boardStreamTimeout(),
                orgId,
                "board stream of organisation " + orgId,
                (emitter, open) -> pump(emitter, open, orgId, window, from));
    }

    private void pump(SseEmitter emitter, BooleanSupplier open, UUID orgId, int window, Instant from)
            throws IOException, InterruptedException {
        Map<String, Long> sent = new HashMap<>();
        Map<UUID, Node> nodeById = Map.of();
        long nodesReadAt = 0;
        long lastWrite = System.nanoTime();
        Instant newest = from;
        // The response (status and headers) goes out with the first write: make it now, so the
        // subscriber knows it is connected before the first change.
        emitter.send(SseEmitter.event().comment("connected"));
        while (open.getAsBoolean()) {
            if (System.nanoTime() - nodesReadAt > NODES_FRESH.toNanos()) {
                nodeById = nodes.list().stream().collect(Collectors.toMap(Node::id, Function.identity()));
                nodesReadAt = System.nanoTime();
            }
            List<BoardStore.Row> rows = store.rows(orgId, newest.minus(properties.boardOverlap()), BATCH);
            for (BoardStore.Row row : rows) {
                String key = BoardViews.key(row);
                Long version = sent.get(key);
                if (row.updatedAt().isAfter(newest)) {
                    newest = row.updatedAt();
                }
                if (version != null && version >= row.version()) {
                    continue;
                }
                BoardRow view = BoardViews.view(row, nodeById.get(row.nodeId()), window);
                emitter.send(SseEmitter.event()
                        .id(BoardViews.cursor(row.updatedAt()))
                        .name("row")
                        .data(view, MediaType.APPLICATION_JSON));
                sent.put(key, row.version());
                lastWrite = System.nanoTime();
            }
            if (System.nanoTime() - lastWrite > KEEP_ALIVE.toNanos()) {
                // Lets proxies keep the connection and shows a vanished subscriber as a write error.
                emitter.send(SseEmitter.event().comment("keep-alive"));
                lastWrite = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(properties.boardPollInterval().toMillis());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
