package io.waddleperf.testserver.control;

import io.waddleperf.protocol.ProbeProgress;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import io.waddleperf.protocol.RunEvent;
import io.waddleperf.testserver.control.RunSpecParser.ParsedRun;
import io.waddleperf.testserver.probes.ProbeFailed;
import io.waddleperf.testserver.probes.TargetRefused;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The runs this node executes: admission against capacity, one virtual thread per run, a
 * per-second progress sample, and the final result line.
 *
 * <p>Admission: a run that finds the node at capacity is refused with 503 {@code node-busy},
 * except a throughput run. Those last long and the API schedules them, so one that arrives while
 * the node is full is accepted (202) and queued: its stream shows {@code started}, then samples
 * with {@code {"queued": true}}, and it starts as soon as a slot frees, in arrival order. After
 * {@code throughputQueueWait} without a slot it ends {@code failed} with a {@code node-busy}
 * error. At most {@code capacity} throughput runs wait at once; beyond that they are refused too. Finished runs stay readable for the
 * configured retention, then disappear; the node keeps nothing on disk.
 */
@Component
class Runs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Runs.class);

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    /** Throughput runs accepted while the node was full, in arrival order; guarded by {@code this}. */
    private final java.util.ArrayDeque<Run> queue = new java.util.ArrayDeque<>();
    /** One platform thread ticks every run: appending a line takes microseconds. */
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("run-ticker").factory());

    private final ObjectMapper json;
    private final NodeProperties node;
    private final ControlProperties control;
    /** Lazy: the enrolment client reports this class's load in its heartbeats. */
    private final ObjectProvider<EnrollmentClient> api;

    Runs(ObjectMapper json, NodeProperties node, ControlProperties control, ObjectProvider<EnrollmentClient> api) {
        this.json = json;
        this.node = node;
        this.control = control;
        this.api = api;
    }

    int active() {
        return active.get();
    }

    int capacity() {
        return node.capacity();
    }

    Optional<Run> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    Run start(ParsedRun spec) {
        forgetExpired();
        Run run = new Run(spec.runId(), spec.type(), spec.target(), spec.probe());
        synchronized (this) {
            if (runs.containsKey(spec.runId())) {
                throw NodeProblems.runExists(spec.runId());
            }
            if (active.get() >= node.capacity() || !queue.isEmpty()) {
                if (spec.type() != ProbeType.THROUGHPUT || queue.size() >= node.capacity()) {
                    throw NodeProblems.busy(node.capacity());
                }
                queue.addLast(run);
            } else {
                active.incrementAndGet();
            }
            runs.put(run.id(), run);
        }
        run.append(json.writeValueAsString(new RunEvent.Started(run.id(), run.type(), run.target(), run.startedAt())));
        Thread worker = Thread.ofVirtual().name("probe-" + run.id()).unstarted(() -> execute(run));
        ScheduledFuture<?> tick = ticker.scheduleAtFixedRate(() -> sample(run), 1, 1, TimeUnit.SECONDS);
        run.attach(worker, tick);
        worker.start();
        log.info("run {} started: {} {}", run.id(), run.type().wireName(), run.target());
        return run;
    }

    private void execute(Run run) {
        try {
            if (!awaitSlot(run)) {
                finish(
                        run,
                        Run.State.FAILED,
                        null,
                        NodeProblems.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "node-busy",
                                "Node busy",
                                "No slot became free within "
                                        + control.throughputQueueWait().toSeconds() + " s"));
                return;
            }
        } catch (InterruptedException e) {
            finish(run, Run.State.CANCELLED, null, null);
            return;
        }
        Run.State state;
        ProbeResult result = null;
        ProblemDetail error = null;
        try {
            result = run.probe().run();
            state = run.cancelRequested() ? Run.State.CANCELLED : Run.State.SUCCEEDED;
        } catch (InterruptedException e) {
            state = Run.State.CANCELLED;
        } catch (TargetRefused e) {
            log.info("run {} refused: {}", run.id(), e.getMessage());
            state = Run.State.FAILED;
            error = problem(HttpStatus.UNPROCESSABLE_CONTENT, e);
        } catch (ProbeFailed e) {
            state = run.cancelRequested() ? Run.State.CANCELLED : Run.State.FAILED;
            error = problem(HttpStatus.BAD_GATEWAY, e);
        } catch (RuntimeException e) {
            log.error("run {} failed unexpectedly", run.id(), e);
            state = Run.State.FAILED;
            error = NodeProblems.of(
                    HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error", "The probe failed on this node");
        }
        try {
            if (state == Run.State.SUCCEEDED) {
                handOver(run);
            }
        } finally {
            run.probe().discardArtefacts();
        }
        // Capacity is free before the final line goes out, so a caller reacting to that line
        // can start its next run here at once.
        synchronized (this) {
            active.decrementAndGet();
            notifyAll();
        }
        finish(run, state, state == Run.State.CANCELLED ? null : result, state == Run.State.CANCELLED ? null : error);
    }

    /**
     * Hands the run's artefacts to the API before its result goes out, so the API has them when it
     * sees the run end. A failure costs the artefact, never the run: it is logged and the result
     * is sent as measured.
     */
    private void handOver(Run run) {
        for (Map.Entry<String, Path> artefact : run.probe().artefacts().entrySet()) {
            EnrollmentClient client = api.getIfAvailable();
            try {
                if (client == null) {
                    throw new IOException("no API to hand it to (standalone node)");
                }
                client.handOver(run.id(), artefact.getKey(), artefact.getValue(), contentType(artefact.getKey()));
                log.info("run {}: handed {} to the API", run.id(), artefact.getKey());
            } catch (IOException e) {
                log.warn("run {}: {} not kept: {}", run.id(), artefact.getKey(), e.getMessage());
            } catch (InterruptedException e) {
                log.warn("run {}: {} not kept: interrupted", run.id(), artefact.getKey());
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String contentType(String name) {
        return name.endsWith(".pcap") ? "application/vnd.tcpdump.pcap" : "application/octet-stream";
    }

    /**
     * Takes a slot for a queued run once it is first in line and one is free; true at once for a
     * run admitted directly. False when the wait is over; the run then leaves the queue.
     */
    private synchronized boolean awaitSlot(Run run) throws InterruptedException {
        if (!queue.contains(run)) {
            return true;
        }
        long deadline = System.nanoTime() + control.throughputQueueWait().toNanos();
        try {
            while (queue.peekFirst() != run || active.get() >= node.capacity()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            active.incrementAndGet();
            return true;
        } finally {
            queue.remove(run);
            notifyAll();
        }
    }

    private synchronized boolean queued(Run run) {
        return queue.contains(run);
    }

    private static ProblemDetail problem(HttpStatus status, ProbeFailed failure) {
        return NodeProblems.of(status, failure.kind(), "Probe failed", failure.getMessage());
    }

    private void sample(Run run) {
        try {
            ProbeProgress progress =
                    queued(run) ? new ProbeProgress.Queued(true) : run.probe().progress();
            if (progress == null) {
                // A throughput probe has nothing to say until its first interval ends.
                return;
            }
            run.append(
                    json.writeValueAsString(new RunEvent.Sample(run.id(), Run.seconds(run.elapsedNanos()), progress)));
        } catch (RuntimeException e) {
            // A failed sample must not cancel the ticker's schedule for this run.
            log.warn("progress sample for run {} failed", run.id(), e);
        }
    }

    private void finish(Run run, Run.State state, @Nullable ProbeResult result, @Nullable ProblemDetail error) {
        Map<String, Object> problem = null;
        if (error != null) {
            // Written field by field: a ProblemDetail's own bean shape nests its extension map.
            problem = new LinkedHashMap<>();
            problem.put("type", error.getType().toString());
            problem.put("title", error.getTitle());
            problem.put("status", error.getStatus());
            problem.put("detail", error.getDetail());
        }
        double elapsedMillis = Math.round(run.elapsedNanos() / 1000.0) / 1000.0;
        run.finish(
                state,
                json.writeValueAsString(
                        new RunEvent.Finished(run.id(), state.wireName(), elapsedMillis, result, problem)));
        log.info("run {} {}", run.id(), state.wireName());
    }

    private void forgetExpired() {
        Instant cutoff = Instant.now().minus(control.retention());
        runs.values().removeIf(run -> run.finishedBefore(cutoff));
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        runs.values().forEach(Run::cancel);
    }
}
