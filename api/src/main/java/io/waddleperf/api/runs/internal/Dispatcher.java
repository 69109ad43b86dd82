package io.waddleperf.api.runs.internal;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.waddleperf.api.identity.NodeRunTokens;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.runs.RunStatus;
import io.waddleperf.api.runs.internal.RunStore.OnNode;
import io.waddleperf.api.runs.internal.RunStore.ProbeRun;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.protocol.RunEvent;
import jakarta.annotation.PreDestroy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands probe runs to nodes and follows them to the end, each on its own virtual thread.
 *
 * <p>Per node, a circuit breaker (a node that fails calls is skipped until a half-open probe run
 * succeeds on it) and a bulkhead sized to the node's {@code capacity} (no more runs in flight than
 * it admits). Per run, a retry that tries another eligible node when one is unavailable or is lost
 * before the run started, and a time limit at the run's deadline (the tier profile's
 * {@code timeoutSeconds}). The dispatching replica stores every event the node streams; if this
 * replica dies, the sweeper on any other ends the run at its deadline.
 */
@Component
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** How long ending a run is tried again on a broken database connection (see {@link #finish}). */
    static final Duration END_WRITE_PATIENCE = Duration.ofSeconds(20);

    private final RunStore store;
    private final NodeRegistry nodes;
    private final NodeRunTokens tokens;
    private final NodeClient client;
    private final ThroughputLeases leases;
    private final RunsProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final CircuitBreakerRegistry circuits;
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Fires the writes of acceptances that no event came with (see {@link Acceptance}). */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("run-acceptance").daemon().factory());
    /**
     * Set while this replica shuts down: the runs it follows are then left open, for the sweeper
     * to end, rather than blamed on their nodes when the streams are cut.
     */
    private volatile boolean stopping;

    Dispatcher(
            RunStore store,
            NodeRegistry nodes,
            NodeRunTokens tokens,
            NodeClient client,
            ThroughputLeases leases,
            RunsProperties properties,
            JsonMapper json,
            Clock clock) {
        this.store = store;
        this.nodes = nodes;
        this.tokens = tokens;
        this.client = client;
        this.leases = leases;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        RunsProperties.Circuit circuit = properties.circuit();
        this.circuits = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuit.slidingWindowSize())
                .minimumNumberOfCalls(circuit.minimumNumberOfCalls())
                .failureRateThreshold(circuit.failureRateThreshold())
                .waitDurationInOpenState(circuit.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(circuit.permittedCallsInHalfOpenState())
                // Calls are timed by the start request only, and long runs are normal: never "slow".
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .build());
        circuits.getEventPublisher()
                .onEntryAdded(added -> added.getAddedEntry()
                        .getEventPublisher()
                        .onStateTransition(event ->
                                log.info("circuit {}: {}", event.getCircuitBreakerName(), event.getStateTransition())));
    }

    /** Starts dispatching each probe run on its own virtual thread. */
    public void dispatchAll(UUID orgId, List<UUID> probeRunIds) {
        for (UUID runId : probeRunIds) {
            executor.execute(() -> TenantContext.as(orgId, () -> {
                try {
                    dispatch(runId);
                } catch (RuntimeException e) {
                    // Recording the end failed too (the database is unreachable, or conflicts
                    // outlasted the retries): the run stays open until the sweeper ends it.
                    log.error("dispatch of run {} could not record its end; the sweeper will", runId, e);
                }
                return null;
            }));
        }
    }

    /** Tells the node to stop a run that has ended here; best effort, asynchronous. */
    public void stopOnNode(OnNode run) {
        executor.execute(() -> {
            boolean stopped = client.cancel(
                    run.nodeUrl(), tokens.issue(run.runId(), run.nodeId(), Duration.ofMinutes(1)), run.runId());
            log.debug("cancel of run {} on node {}: {}", run.runId(), run.nodeId(), stopped ? "accepted" : "not");
        });
    }

    /** The circuit state of a node, as this replica sees it. */
    public CircuitBreaker.State circuitState(UUID nodeId) {
        return circuit(nodeId).getState();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        timers.shutdownNow();
        executor.shutdownNow();
    }

    /** Retried on another node: this one is down, busy, or lost the run before it started. */
    static final class NodeUnavailable extends Exception {
        NodeUnavailable(String message) {
            super(message);
        }
    }

    /** Not retried: nothing (else) can run it. */
    static final class NoEligibleNode extends Exception {
        NoEligibleNode(String message) {
            super(message);
        }
    }

    /**
     * Waited for: every eligible node is held by another throughput run (they are exclusive per
     * node), so this one waits within the slip window.
     */
    static final class NodesHeld extends Exception {
        NodesHeld(String message) {
            super(message);
        }
    }

    /**
     * Not retried: the run's deadline passed while nodes were tried (each start waits up to
     * {@code request-timeout} for an answer), so it ends now rather than when the sweeper looks.
     */
    static final class DeadlinePassed extends Exception {
        DeadlinePassed(String message) {
            super(message);
        }
    }

    private Duration untilDeadline(ProbeRun run) {
        Duration left = Duration.between(clock.instant(), run.deadlineAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Candidate(Node node, CircuitBreaker circuit, Bulkhead bulkhead, boolean leased) {}

    private static boolean exclusive(ProbeRun run) {
        return run.type().equals("throughput");
    }

    private void dispatch(UUID runId) {
        ProbeRun run = store.probeRunToDispatch(runId).orElse(null);
        if (run == null) {
            log.warn("run {} to dispatch was not found", runId);
            return;
        }
        if (run.status().terminal()) {
            return;
        }
        Set<UUID> tried = new HashSet<>();
        // The run as attempts see it: its deadline moves when it waits for a held node.
        AtomicReference<ProbeRun> current = new AtomicReference<>(run);
        Retry retry = Retry.of(
                "run-" + runId,
                RetryConfig.custom()
                        .maxAttempts(properties.maxAttempts())
                        .waitDuration(Duration.ofMillis(100))
                        .retryExceptions(NodeUnavailable.class)
                        .build());
        // Why the previous node could not take the run: without it, "no other node" hides the cause.
        AtomicReference<String> lastFailure = new AtomicReference<>();
        long slipEnds = System.nanoTime() + properties.throughputSlip().toNanos();
        boolean waited = false;
        try {
            while (true) {
                try {
                    retry.executeCallable(() -> {
                        try {
                            attempt(current.get(), tried);
                        } catch (NodeUnavailable e) {
                            lastFailure.set(e.getMessage());
                            throw e;
                        }
                        return null;
                    });
                    return;
                } catch (NodesHeld e) {
                    if (System.nanoTime() >= slipEnds) {
                        finish(
                                runId,
                                RunStatus.SKIPPED,
                                "skipped: " + e.getMessage() + " for the whole slip window of "
                                        + properties.throughputSlip().toSeconds() + " s");
                        return;
                    }
                    if (!waited) {
                        // The wait must not count against the run's own time limit.
                        store.extendDeadline(runId, properties.throughputSlip());
                        current.set(withDeadline(run, run.deadlineAt().plus(properties.throughputSlip())));
                        waited = true;
                        log.info("run {} waits for its node: {}", runId, e.getMessage());
                    }
                    if (store.probeRun(runId).map(r -> r.status().terminal()).orElse(true)) {
                        return;
                    }
                    TimeUnit.MILLISECONDS.sleep(properties.throughputWaitPoll().toMillis());
                }
            }
        } catch (NodeUnavailable e) {
            finish(runId, RunStatus.FAILED, "no node could run it (" + tried.size() + " tried): " + e.getMessage());
        } catch (NoEligibleNode e) {
            String reason = lastFailure.get() == null
                    ? e.getMessage()
                    : e.getMessage() + "; last failure: " + lastFailure.get();
            finish(runId, RunStatus.FAILED, reason);
        } catch (DeadlinePassed e) {
            String reason = lastFailure.get() == null
                    ? e.getMessage()
                    : e.getMessage() + "; last failure: " + lastFailure.get();
            finish(runId, RunStatus.TIMED_OUT, reason);
        } catch (Exception e) {
            if (stopping) {
                return;
            }
            log.error("dispatch of run {} failed", runId, e);
            finish(runId, RunStatus.FAILED, "dispatch failed: " + NodeClient.describe(e));
        }
    }

    private static ProbeRun withDeadline(ProbeRun run, Instant deadline) {
        return new ProbeRun(
                run.id(),
                run.orgId(),
                run.rootRunId(),
                run.type(),
                run.target(),
                run.params(),
                run.nodeSelector(),
                run.status(),
                deadline);
    }

    /**
     * Ends a run the dispatch gave up on. A write that fails because the database connection
     * broke (the Galera node it reached died, and the pool's next connection reaches another) is
     * tried again for {@link #END_WRITE_PATIENCE}: given up, the run would stay open until the
     * sweeper ends it, its deadline plus {@code sweep-grace} later (issue 20). Conflicts are
     * already retried by the store's {@code @RetryOnConflict}.
     */
    private boolean finish(UUID runId, RunStatus status, String reason) {
        long giveUpAt = System.nanoTime() + END_WRITE_PATIENCE.toNanos();
        long pause = 100;
        while (true) {
            try {
                return store.finish(runId, status, reason, null, null);
            } catch (TransientDataAccessException
                    | DataAccessResourceFailureException
                    | CannotCreateTransactionException e) {
                if (stopping || System.nanoTime() + pause * 1_000_000 > giveUpAt) {
                    throw e;
                }
                log.info("ending run {} failed on the database ({}); trying again", runId, NodeClient.describe(e));
                try {
                    TimeUnit.MILLISECONDS.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, 2_000);
            }
        }
    }

    private void attempt(ProbeRun run, Set<UUID> tried)
            throws NodeUnavailable, NoEligibleNode, NodesHeld, DeadlinePassed {
        if (untilDeadline(run).isZero()) {
            throw new DeadlinePassed(
                    "no node accepted it by its deadline " + run.deadlineAt() + " (" + tried.size() + " tried)");
        }
        Candidate candidate = pick(run, tried);
        Node node = candidate.node();
        tried.add(node.id());
        CircuitBreaker circuit = candidate.circuit();
        String url = Objects.requireNonNull(node.advertisedUrl());
        try {
            String token = tokens.issue(run.id(), node.id(), properties.tokenLifetime());
            long begin = System.nanoTime();
            // The wait for the node's answer ends at the run's deadline at the latest: a node that
            // accepts connections and never answers must not hold the run past it (issue 20).
            Duration wait = min(properties.requestTimeout(), untilDeadline(run));
            NodeClient.Start answer = client.start(url, token, run.id(), run.type(), run.target(), run.params(), wait);
            long took = System.nanoTime() - begin;
            switch (answer) {
                case NodeClient.Busy busy -> {
                    circuit.releasePermission();
                    throw new NodeUnavailable(node.name() + " is busy");
                }
                case NodeClient.Unavailable unavailable -> {
                    circuit.onError(took, TimeUnit.NANOSECONDS, new IOException(unavailable.detail()));
                    throw new NodeUnavailable(node.name() + ": " + unavailable.detail());
                }
                case NodeClient.Refused refused -> {
                    circuit.onSuccess(took, TimeUnit.NANOSECONDS);
                    finish(run.id(), RunStatus.FAILED, "node " + node.name() + " refused the run: " + refused.detail());
                }
                case NodeClient.Accepted accepted -> follow(run, node, url, token, circuit, took, tried, null);
                case NodeClient.Following following ->
                    follow(run, node, url, token, circuit, took, tried, following.events());
            }
        } finally {
            candidate.bulkhead().onComplete();
            if (candidate.leased()) {
                leases.release(node.id(), run.id());
            }
        }
    }

    /**
     * Records that the node accepted a run, once: with the first events the node sends (the same
     * transaction, so a fast probe's acceptance, start and result are one write), or by itself
     * when no event came within {@link RunsProperties#acceptanceAloneAfter} (probes report
     * {@code started} within milliseconds), so that a slow starter shows its
     * node (and can be canceled on it) meanwhile. Whichever comes first claims it; the other waits
     * for that write.
     */
    static final class Acceptance {
        final RunStore.Progress.Dispatch dispatch;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<Boolean> written = new CompletableFuture<>();

        Acceptance(RunStore.Progress.Dispatch dispatch) {
            this.dispatch = dispatch;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        void written(boolean dispatched) {
            written.complete(dispatched);
        }

        /** Whether the run was recorded as dispatched (false: it had ended here first). */
        boolean awaitWritten() {
            return written.join();
        }
    }

    private void follow(
            ProbeRun run,
            Node node,
            String url,
            String token,
            CircuitBreaker circuit,
            long took,
            Set<UUID> tried,
            @Nullable InputStream events)
            throws NodeUnavailable {
        String reason = tried.size() > 1 ? "failed over to node " + node.name() : null;
        Acceptance acceptance =
                new Acceptance(new RunStore.Progress.Dispatch(node.id(), node.name(), url, reason, clock.instant()));
        AtomicReference<InputStream> stream = new AtomicReference<>(events);
        ScheduledFuture<?> alone = timers.schedule(
                () -> executor.execute(() -> TenantContext.as(run.orgId(), () -> {
                    if (acceptance.claim()) {
                        boolean dispatched = false;
                        try {
                            dispatched = store.dispatched(run.id(), acceptance.dispatch);
                        } finally {
                            acceptance.written(dispatched);
                        }
                        if (!dispatched) {
                            // Canceled or swept while the start was on its way.
                            client.cancel(url, token, run.id());
                            closeQuietly(stream.get());
                        }
                    }
                    return null;
                })),
                properties.acceptanceAloneAfter().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            followAccepted(run, node, url, token, circuit, took, acceptance, stream);
        } finally {
            alone.cancel(false);
            closeQuietly(stream.get());
        }
    }

    private void followAccepted(
            ProbeRun run,
            Node node,
            String url,
            String token,
            CircuitBreaker circuit,
            long took,
            Acceptance acceptance,
            AtomicReference<InputStream> stream)
            throws NodeUnavailable {
        Duration limit = Duration.between(clock.instant(), run.deadlineAt());
        if (limit.compareTo(Duration.ofSeconds(1)) < 0) {
            limit = Duration.ofSeconds(1);
        }
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom()
                .timeoutDuration(limit)
                .cancelRunningFuture(true)
                .build());
        Followed followed;
        try {
            followed = limiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(
                    () -> TenantContext.as(run.orgId(), () -> read(run, url, token, stream, acceptance)), executor));
        } catch (TimeoutException e) {
            closeQuietly(stream.get());
            circuit.releasePermission();
            if (finish(run.id(), RunStatus.TIMED_OUT, "no result within " + limit.toSeconds() + " s")) {
                client.cancel(url, token, run.id());
            }
            return;
        } catch (Exception e) {
            followed = new Followed(false, false, NodeClient.describe(e));
        }
        if (stopping) {
            return;
        }
        if (followed.finished()) {
            circuit.onSuccess(took, TimeUnit.NANOSECONDS);
            return;
        }
        if (acceptance.claim()) {
            // Lost before anything was recorded: nothing says this node had it.
            acceptance.written(false);
        } else if (!acceptance.awaitWritten()) {
            // The run ended here (canceled, swept) before the node's acceptance was recorded, and
            // the node was told to stop it: not the node's failure.
            circuit.onSuccess(took, TimeUnit.NANOSECONDS);
            return;
        }
        circuit.onError(took, TimeUnit.NANOSECONDS, new IOException(followed.problem()));
        if (!followed.started()) {
            throw new NodeUnavailable(node.name() + " was lost before the run started: " + followed.problem());
        }
        finish(run.id(), RunStatus.FAILED, "node " + node.name() + " stopped answering mid-run: " + followed.problem());
    }

    /** How following a node's stream ended. */
    private record Followed(
            boolean started, boolean finished, @Nullable String problem) {}

    private Followed read(
            ProbeRun run, String url, String token, AtomicReference<InputStream> stream, Acceptance acceptance) {
        boolean started = false;
        InputStream following = stream.get();
        try (InputStream in = following != null ? following : client.events(url, token, run.id())) {
            stream.set(in);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                // What the node has already sent is applied in one transaction: when a fast
                // probe's started, samples and result arrive together, that is one lock of the run
                // tree and one aggregation of its tier run instead of one per event.
                boolean saidStarted = false;
                Instant startedAt = null;
                List<RunStore.Progress.Sample> samples = new ArrayList<>();
                RunStore.Progress.End end = null;
                while (true) {
                    RunEvent event = line.isBlank() ? null : readEvent(line);
                    switch (event) {
                        case RunEvent.Started e -> {
                            saidStarted = true;
                            startedAt = e.startedAt();
                        }
                        case RunEvent.Sample e ->
                            samples.add(new RunStore.Progress.Sample((int) e.second(), map(e.progress())));
                        case RunEvent.Finished e -> end = end(e);
                        case null -> {
                            if (!line.isBlank()) {
                                log.debug("run {}: ignoring an event of a kind this API does not know", run.id());
                            }
                        }
                    }
                    if (end != null || !reader.ready() || (line = reader.readLine()) == null) {
                        break;
                    }
                }
                started |= saidStarted;
                if (saidStarted || !samples.isEmpty() || end != null) {
                    RunStore.Progress.Dispatch dispatch = null;
                    if (acceptance.claim()) {
                        dispatch = acceptance.dispatch;
                    } else if (!acceptance.awaitWritten()) {
                        // The run ended here before the node's acceptance was recorded.
                        return new Followed(started, true, null);
                    }
                    boolean applied = false;
                    try {
                        applied = store.advance(
                                run.id(), new RunStore.Progress(dispatch, saidStarted, startedAt, samples, end));
                    } finally {
                        if (dispatch != null) {
                            acceptance.written(applied);
                        }
                    }
                    if (dispatch != null && !applied) {
                        client.cancel(url, token, run.id());
                        return new Followed(started, true, null);
                    }
                }
                if (end != null) {
                    return new Followed(started, true, null);
                }
                if (line == null) {
                    break;
                }
            }
            return new Followed(started, false, "the event stream ended without a result");
        } catch (IOException | RuntimeException e) {
            return new Followed(started, false, NodeClient.describe(e));
        }
    }

    private static RunStore.Progress.End end(RunEvent.Finished event) {
        Map<String, Object> result = event.result() instanceof Map<?, ?> ? map(event.result()) : null;
        Map<String, Object> error = event.error();
        return switch (event.status()) {
            case "succeeded" -> new RunStore.Progress.End(RunStatus.SUCCEEDED, null, result, null);
            case "cancelled", "canceled" ->
                new RunStore.Progress.End(RunStatus.CANCELED, "canceled on the node", result, error);
            default -> new RunStore.Progress.End(RunStatus.FAILED, describeError(error), result, error);
        };
    }

    /**
     * One line of the node's event stream; null for an event kind a newer node added, which this
     * API skips rather than failing the run.
     */
    private @Nullable RunEvent readEvent(String line) {
        JsonNode tree = json.readTree(line);
        String kind = tree.path("event").asString("");
        if (!kind.equals("started") && !kind.equals("sample") && !kind.equals("result")) {
            return null;
        }
        return json.treeToValue(tree, RunEvent.class);
    }

    private static String describeError(@Nullable Map<String, Object> error) {
        if (error == null) {
            return "the node reported a failure";
        }
        Object title = error.get("title");
        Object detail = error.get("detail");
        return (title == null ? "failed" : title.toString()) + (detail == null ? "" : ": " + detail);
    }

    private Candidate pick(ProbeRun run, Set<UUID> tried) throws NoEligibleNode, NodesHeld {
        List<Node> eligible = nodes.list().stream()
                .filter(node -> node.status() == Node.Status.ONLINE)
                .filter(node -> node.capabilities().contains(run.type()))
                .filter(node -> node.advertisedUrl() != null)
                .filter(node -> matches(node, run.nodeSelector()))
                .sorted(Comparator.comparingDouble(node -> (double) node.load() / Math.max(1, node.capacity())))
                .toList();
        if (eligible.isEmpty()) {
            throw new NoEligibleNode("no online node " + describe(run.nodeSelector()) + "offers " + run.type()
                    + " and has an advertised URL");
        }
        String heldBy = null;
        for (Node node : eligible) {
            if (tried.contains(node.id())) {
                continue;
            }
            Bulkhead bulkhead = bulkhead(node);
            if (!bulkhead.tryAcquirePermission()) {
                continue;
            }
            CircuitBreaker circuit = circuit(node.id());
            if (!circuit.tryAcquirePermission()) {
                bulkhead.onComplete();
                continue;
            }
            if (exclusive(run) && !leases.claim(node.id(), run.orgId(), run.id(), run.deadlineAt())) {
                circuit.releasePermission();
                bulkhead.onComplete();
                heldBy = node.name();
                continue;
            }
            return new Candidate(node, circuit, bulkhead, exclusive(run));
        }
        if (heldBy != null) {
            throw new NodesHeld("node " + heldBy + " was running another throughput test");
        }
        throw new NoEligibleNode(
                tried.isEmpty()
                        ? "every eligible node (" + eligible.size() + ") is at capacity or its circuit is open"
                        : "no other eligible node to fail over to (" + tried.size() + " tried)");
    }

    private static boolean matches(Node node, Map<String, Object> selector) {
        Object nodeId = selector.get("nodeId");
        Object region = selector.get("region");
        Object label = selector.get("label");
        return (nodeId == null || node.id().toString().equals(nodeId.toString()))
                && (region == null || node.region().equals(region))
                && (label == null || node.labels().contains(label.toString()));
    }

    private static String describe(Map<String, Object> selector) {
        StringBuilder text = new StringBuilder();
        selector.forEach((key, value) -> {
            if (value != null) {
                text.append("with ").append(key).append(' ').append(value).append(' ');
            }
        });
        return text.toString();
    }

    private CircuitBreaker circuit(UUID nodeId) {
        return circuits.circuitBreaker("node-" + nodeId);
    }

    private Bulkhead bulkhead(Node node) {
        Bulkhead bulkhead = bulkheads.bulkhead(
                "node-" + node.id(),
                () -> BulkheadConfig.custom()
                        .maxConcurrentCalls(node.capacity())
                        .maxWaitDuration(Duration.ZERO)
                        .build());
        if (bulkhead.getBulkheadConfig().getMaxConcurrentCalls() != node.capacity()) {
            bulkhead.changeConfig(BulkheadConfig.custom()
                    .maxConcurrentCalls(node.capacity())
                    .maxWaitDuration(Duration.ZERO)
                    .build());
        }
        return bulkhead;
    }

    private static void closeQuietly(@Nullable InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Closing is only to unblock the reader.
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
