package io.waddleperf.testserver.sessions;

import io.waddleperf.protocol.SessionBatch;
import io.waddleperf.protocol.SessionProgress;
import io.waddleperf.protocol.SessionReport;
import io.waddleperf.testserver.iperf.IperfInterval;
import io.waddleperf.testserver.iperf.IperfTransport;
import io.waddleperf.testserver.iperf.server.IperfConnectionRefused;
import io.waddleperf.testserver.iperf.server.IperfListener;
import io.waddleperf.testserver.iperf.server.IperfTestResult;
import io.waddleperf.testserver.iperf.server.IperfTestStarted;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.ObjectMapper;

/**
 * Reports every session of the node's iperf3 server to the API, whoever the client is: accepted
 * tests when they end, refusals when they happen, and once a second the latest interval of each
 * running test for the node page's live graph (docs/node-protocol.md).
 *
 * <p>The listener methods run on the iperf3 server's threads, so they only build a record and
 * hand it over: finished sessions to a bounded queue that drops its oldest entry (counted) when
 * full, progress to a map holding the newest interval per session. One thread of its own sends
 * both; while the API is away it backs off and the queue absorbs the gap. Progress is not
 * retried: by the next second it is stale, and the finished session carries every interval.
 */
public final class SessionReporter implements IperfListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionReporter.class);
    static final String SESSIONS_PATH = "/api/v1/node/sessions";
    static final String PROGRESS_PATH = "/api/v1/node/sessions/progress";
    /** Well below the API's default request body limit (1 MB), JSON overhead included. */
    static final int MAX_BODY_BYTES = 768 * 1024;

    private final SessionProperties properties;
    private final SessionUplink uplink;
    private final ObjectMapper json;
    private final Clock clock;
    private final SessionQueue<SessionReport> queue;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, SessionProgress> progress = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();

    private @Nullable ScheduledExecutorService sender;
    private volatile boolean started;
    private int failures;
    private long nextAttemptNanos = System.nanoTime();

    /** A test between its start and its end: what its report needs that the result lacks. */
    private record Running(String sessionId, Instant startedAt, IperfTestStarted event) {}

    public SessionReporter(SessionProperties properties, SessionUplink uplink, ObjectMapper json, Clock clock) {
        this.properties = properties;
        this.uplink = uplink;
        this.json = json;
        this.clock = clock;
        this.queue = new SessionQueue<>(properties.queueCapacity());
    }

    private boolean reporting() {
        return properties.enabled() && uplink.enabled();
    }

    @Override
    public void testStarted(IperfTestStarted event) {
        if (reporting()) {
            running.put(event.testId(), new Running(UUID.randomUUID().toString(), clock.instant(), event));
        }
    }

    @Override
    public void intervalMeasured(IperfInterval interval) {
        Running test = running.get(interval.testId());
        if (test == null) {
            return;
        }
        IperfTestStarted event = test.event();
        progress.put(
                test.sessionId(),
                new SessionProgress(
                        test.sessionId(),
                        SessionReports.address(event.client()),
                        event.client().getPort(),
                        test.startedAt(),
                        SessionReports.direction(event.role()),
                        SessionReports.protocol(event.transport()),
                        event.parallel(),
                        event.durationSeconds(),
                        event.clientVersion(),
                        SessionReports.interval(interval, event.transport() == IperfTransport.UDP)));
    }

    @Override
    public void testFinished(IperfTestResult result) {
        if (!reporting()) {
            return;
        }
        Running test = running.remove(result.testId());
        Instant now = clock.instant();
        String sessionId = test == null ? UUID.randomUUID().toString() : test.sessionId();
        if (test != null) {
            progress.remove(sessionId);
        }
        queue.offer(SessionReports.finished(
                sessionId,
                result,
                test == null ? now : test.startedAt(),
                now,
                test == null ? null : test.event().clientVersion(),
                test == null ? null : test.event().extraData()));
    }

    @Override
    public void connectionRefused(IperfConnectionRefused event) {
        if (reporting()) {
            queue.offer(SessionReports.refused(UUID.randomUUID().toString(), event, clock.instant()));
        }
    }

    /** Finished sessions waiting to be sent. */
    int queued() {
        return queue.size();
    }

    long dropped() {
        return queue.dropped();
    }

    long delivered() {
        return delivered.get();
    }

    @Override
    public void start() {
        started = true;
        if (!reporting()) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("node-sessions").factory());
        long period = properties.flushInterval().toMillis();
        executor.scheduleWithFixedDelay(this::flush, period, period, TimeUnit.MILLISECONDS);
        sender = executor;
    }

    @Override
    public void stop() {
        started = false;
        ScheduledExecutorService executor = sender;
        if (executor != null) {
            executor.shutdownNow();
            sender = null;
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** One round on the sender thread: live progress, then queued sessions while the API takes them. */
    void flush() {
        try {
            sendProgress();
            if (System.nanoTime() - nextAttemptNanos < 0) {
                return;
            }
            while (true) {
                List<SessionReport> batch = queue.take(SessionBatch.MAX_SIZE);
                if (batch.isEmpty()) {
                    return;
                }
                if (!send(batch)) {
                    return;
                }
                if (batch.size() < SessionBatch.MAX_SIZE) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; one bad round must not end reporting.
            log.warn("Session reporting round failed", e);
        }
    }

    private void sendProgress() throws InterruptedException {
        if (progress.isEmpty()) {
            return;
        }
        List<SessionProgress> latest = new ArrayList<>();
        for (String id : List.copyOf(progress.keySet())) {
            SessionProgress update = progress.remove(id);
            if (update != null) {
                latest.add(update);
            }
        }
        try {
            int status = uplink.post(
                    PROGRESS_PATH,
                    json.writeValueAsBytes(SessionBatch.live(latest)),
                    UUID.randomUUID().toString());
            if (status / 100 != 2) {
                log.debug("API answered session progress with HTTP {}", status);
            }
        } catch (IOException e) {
            log.debug("Session progress not sent: {}", e.getMessage());
        }
    }

    /** Sends one batch; false (after putting it back or giving it up) when the round should end. */
    private boolean send(List<SessionReport> batch) throws InterruptedException {
        // One key per attempt is enough: the API stores each session id once, so a retry of a
        // batch whose answer was lost stores nothing twice.
        byte[] body = json.writeValueAsBytes(SessionBatch.finished(batch, queue.dropped()));
        while (body.length > MAX_BODY_BYTES && batch.size() > 1) {
            // The API reads bodies up to 1 MB; long sessions carry up to 600 intervals each.
            int half = batch.size() / 2;
            queue.putBack(List.copyOf(batch.subList(half, batch.size())));
            batch = List.copyOf(batch.subList(0, half));
            body = json.writeValueAsBytes(SessionBatch.finished(batch, queue.dropped()));
        }
        int status;
        try {
            status = uplink.post(SESSIONS_PATH, body, UUID.randomUUID().toString());
        } catch (IOException e) {
            queue.putBack(batch);
            // The message says why: not enrolled yet, or where the API is and why it failed.
            backOff(e.getMessage());
            return false;
        }
        if (status / 100 == 2) {
            delivered.addAndGet(batch.size());
            failures = 0;
            return true;
        }
        if (status == 400 || status == 413 || status == 422) {
            // Resending a batch the API finds malformed fails the same way forever.
            queue.discarded(batch.size());
            log.warn("API refused {} session report(s) with HTTP {}; dropped them", batch.size(), status);
            return true;
        }
        queue.putBack(batch);
        backOff("API answered HTTP " + status);
        return false;
    }

    private void backOff(String why) {
        failures++;
        long initial = properties.flushInterval().toMillis();
        long delay = Math.min(properties.maxBackoff().toMillis(), initial << Math.min(failures, 16));
        nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        log.debug("Session reports held ({} queued): {}; next try in {}", queue.size(), why, Duration.ofMillis(delay));
    }
}
