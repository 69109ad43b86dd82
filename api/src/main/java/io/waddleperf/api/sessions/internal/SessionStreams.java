package io.waddleperf.api.sessions.internal;

import io.waddleperf.api.sessions.IperfSession;
import io.waddleperf.api.shared.web.EventStreams;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A node's iperf3 sessions as server-sent events: {@code progress} for each interval of a session
 * in progress (the live graph), {@code session} for each session stored (the connection log).
 * Works on every replica, as the monitor board's stream does: the subscriber's thread reads both
 * tables by arrival time every {@link #POLL}. Commits land out of clock order, so each read goes
 * back {@link #OVERLAP} and skips what it already sent.
 */
@Component
public class SessionStreams {

    static final Duration POLL = Duration.ofMillis(500);
    static final Duration OVERLAP = Duration.ofSeconds(5);
    /** A new subscriber first gets the points of sessions still running from this far back. */
    static final Duration BACKLOG = Duration.ofMinutes(10);

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int BATCH = 2000;
    private static final int REMEMBERED = 20_000;

    private final SessionStore store;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    SessionStreams(SessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What a {@code progress} event carries: the session's description and one interval. */
    record Progress(
            String sessionId,
            String clientAddress,
            int clientPort,
            Instant startedAt,
            String direction,
            String protocol,
            int streams,
            int plannedSeconds,
            @org.jspecify.annotations.Nullable String clientVersion,
            io.waddleperf.protocol.SessionInterval interval) {}

    public SseEmitter open(UUID orgId, UUID nodeId) {
        return EventStreams.open(
                executor,
                TIMEOUT,
                orgId,
                "iperf3 session stream of node " + nodeId,
                (emitter, open) -> pump(emitter, open, orgId, nodeId));
    }

    private void pump(SseEmitter emitter, BooleanSupplier open, UUID orgId, UUID nodeId)
            throws IOException, InterruptedException {
        Map<String, Boolean> sent = remembered();
        Instant pointsFrom = clock.instant().minus(BACKLOG);
        Instant sessionsFrom = clock.instant();
        long lastWrite = System.nanoTime();
        emitter.send(SseEmitter.event().comment("connected"));
        while (open.getAsBoolean()) {
            List<SessionStore.Point> points = store.points(orgId, nodeId, pointsFrom, BATCH);
            for (SessionStore.Point point : points) {
                if (point.receivedAt().minus(OVERLAP).isAfter(pointsFrom)) {
                    pointsFrom = point.receivedAt().minus(OVERLAP);
                }
                String key = "p:" + point.sessionId() + ":" + point.interval().second();
                if (sent.putIfAbsent(key, Boolean.TRUE) != null) {
                    continue;
                }
                emitter.send(SseEmitter.event()
                        .name("progress")
                        .data(
                                new Progress(
                                        point.sessionId(),
                                        point.clientAddress(),
                                        point.clientPort(),
                                        point.startedAt(),
                                        point.direction(),
                                        point.protocol(),
                                        point.streams(),
                                        point.plannedSeconds(),
                                        point.clientVersion(),
                                        point.interval()),
                                MediaType.APPLICATION_JSON));
                lastWrite = System.nanoTime();
            }
            List<IperfSession> sessions = store.arrived(orgId, nodeId, sessionsFrom.minus(OVERLAP), BATCH);
            for (IperfSession session : sessions) {
                if (session.receivedAt().isAfter(sessionsFrom)) {
                    sessionsFrom = session.receivedAt();
                }
                if (sent.putIfAbsent("s:" + session.id(), Boolean.TRUE) != null) {
                    continue;
                }
                emitter.send(SseEmitter.event().name("session").data(session, MediaType.APPLICATION_JSON));
                lastWrite = System.nanoTime();
            }
            if (System.nanoTime() - lastWrite > KEEP_ALIVE.toNanos()) {
                emitter.send(SseEmitter.event().comment("keep-alive"));
                lastWrite = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
    }

    /** What was sent, the oldest forgotten first, so a long stream holds bounded memory. */
    private static Map<String, Boolean> remembered() {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
