package io.waddleperf.api.runs.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.waddleperf.api.runs.RunFinished;
import io.waddleperf.api.runs.RunPage;
import io.waddleperf.api.runs.RunStatus;
import io.waddleperf.api.runs.RunView;
import io.waddleperf.api.shared.database.RetryOnConflict;
import io.waddleperf.api.shared.errors.Conflict;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.tenant.TenantContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs, their state machine and their events, in short transactions. Every change to a run tree
 * (a single run, or a tier run with its children) first locks the tree's root row: that
 * serialises changes from the dispatcher, the sweeper and cancels, on any replica, and hands out
 * the event sequence numbers in commit order. READ COMMITTED so what is read after the lock is
 * what the previous holder committed.
 */
@Component
public class RunStore {

    private static final Logger log = LoggerFactory.getLogger(RunStore.class);
    static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final RunRepository runs;
    private final RunEventRepository events;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher publisher;
    private final RunSignals signals;
    private final JsonMapper json;
    private final Clock clock;

    RunStore(
            RunRepository runs,
            RunEventRepository events,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher publisher,
            RunSignals signals,
            JsonMapper json,
            Clock clock) {
        this.runs = runs;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.publisher = publisher;
        this.signals = signals;
        this.json = json;
        this.clock = clock;
    }

    /** A probe run to create; {@code tier}, {@code test*} describe where it came from. */
    public record NewProbe(String type, String target, Map<String, Object> params) {}

    /** What the dispatcher needs of a probe run. */
    public record ProbeRun(
            UUID id,
            UUID orgId,
            UUID rootRunId,
            String type,
            String target,
            Map<String, Object> params,
            Map<String, Object> nodeSelector,
            RunStatus status,
            Instant deadlineAt) {}

    /** A probe run that ran, or runs, on a node, so the node can be told to stop it. */
    public record OnNode(UUID orgId, UUID runId, UUID nodeId, String nodeUrl) {}

    /** One stored event, as the SSE stream sends it. */
    public record StoredEvent(UUID runId, long seq, String event, boolean terminal, String data) {}

    /**
     * Creates a run of one test, or a tier run (a parent with one child per probe), each with its
     * {@code pending} state event; returns the probe runs to dispatch.
     */
    @RetryOnConflict
    public Created create(
            UUID orgId,
            @Nullable UUID testId,
            @Nullable String testName,
            @Nullable Integer tier,
            String target,
            Map<String, Object> nodeSelector,
            List<NewProbe> probes,
            boolean asTier,
            Instant deadline) {
        return create(orgId, testId, testName, tier, target, nodeSelector, probes, asTier, deadline, null);
    }

    /**
     * Where a run came from when AutoPerf started it: the monitor, and for an escalation why (JSON,
     * on the tier run itself).
     */
    public record Origin(UUID monitorId, @Nullable String escalation) {}

    /**
     * As above, for AutoPerf when {@code origin} is given. Joins the caller's
     * transaction when there is one (the monitor's slot claim), so the slot and its runs commit
     * together.
     */
    @RetryOnConflict
    public Created create(
            UUID orgId,
            @Nullable UUID testId,
            @Nullable String testName,
            @Nullable Integer tier,
            String target,
            Map<String, Object> nodeSelector,
            List<NewProbe> probes,
            boolean asTier,
            Instant deadline,
            @Nullable Origin origin) {
        Created created = transactions.execute(status -> {
            Instant now = now();
            String selector = json.writeValueAsString(nodeSelector);
            List<UUID> probeIds = new ArrayList<>();
            if (!asTier) {
                NewProbe probe = probes.getFirst();
                UUID id = Ids.newId();
                RunEntity run = runs.save(new RunEntity(
                        id,
                        orgId,
                        null,
                        id,
                        testId,
                        testName,
                        tier,
                        probe.type(),
                        probe.target(),
                        json.writeValueAsString(probe.params()),
                        selector,
                        now,
                        deadline));
                stateEvent(run, run, now);
                created(run, probe.params(), nodeSelector);
                return new Created(id, List.of(id));
            }
            UUID parentId = Ids.newId();
            RunEntity parentEntity = new RunEntity(
                    parentId, orgId, null, parentId, testId, testName, tier, null, target, "{}", selector, now,
                    deadline);
            if (origin != null && origin.escalation() != null) {
                parentEntity.escalatedBecause(origin.escalation());
            }
            RunEntity parent = runs.save(monitored(origin, parentEntity));
            stateEvent(parent, parent, now);
            for (NewProbe probe : probes) {
                RunEntity child = runs.save(monitored(
                        origin,
                        new RunEntity(
                                Ids.newId(),
                                orgId,
                                parentId,
                                parentId,
                                testId,
                                testName,
                                tier,
                                probe.type(),
                                probe.target(),
                                json.writeValueAsString(probe.params()),
                                selector,
                                now,
                                deadline)));
                stateEvent(parent, child, now);
                created(child, probe.params(), nodeSelector);
                probeIds.add(child.id());
            }
            return new Created(parentId, List.copyOf(probeIds));
        });
        signals.signal();
        return created;
    }

    public record Created(UUID runId, List<UUID> probeRunIds) {}

    private static RunEntity monitored(@Nullable Origin origin, RunEntity run) {
        return origin == null ? run : run.startedBy(origin.monitorId());
    }

    /** Top-level runs created since {@code since}, all organisations (the licence keepalive's count). */
    public long countStartedSince(Instant since) {
        return runs.countByParentRunIdIsNullAndCreatedAtGreaterThanEqual(since);
    }

    /**
     * Probe runs this replica just created, as the dispatcher needs them, so that it does not read
     * back each one it was handed a moment ago (a transaction per run in the AutoPerf benchmark).
     * Their status is {@code pending} as created; a cancel in between is caught by the dispatch's
     * first write, which checks the state under the tree's lock. Entries of a creating transaction
     * that rolled back are never asked for and expire.
     */
    private final Cache<UUID, ProbeRun> justCreated = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(50_000)
            .build();

    private void created(RunEntity run, Map<String, Object> params, Map<String, Object> nodeSelector) {
        justCreated.put(
                run.id(),
                new ProbeRun(
                        run.id(),
                        run.orgId(),
                        run.rootRunId(),
                        run.probeType(),
                        run.target(),
                        params,
                        nodeSelector,
                        run.status(),
                        run.deadlineAt()));
    }

    /** The probe run to dispatch: as this replica created it, else as stored. */
    Optional<ProbeRun> probeRunToDispatch(UUID runId) {
        ProbeRun fresh = justCreated.asMap().remove(runId);
        return fresh != null ? Optional.of(fresh) : probeRun(runId);
    }

    public Optional<ProbeRun> probeRun(UUID runId) {
        return transactions.execute(status -> runs.findById(runId)
                .filter(run -> run.probeType() != null)
                .map(run -> new ProbeRun(
                        run.id(),
                        run.orgId(),
                        run.rootRunId(),
                        run.probeType(),
                        run.target(),
                        json.readValue(run.params(), MAP),
                        json.readValue(run.nodeSelector(), MAP),
                        run.status(),
                        run.deadlineAt())));
    }

    /** Assigns the node and moves to {@code dispatched}; false when the run has ended meanwhile. */
    @RetryOnConflict
    public boolean dispatched(UUID runId, Progress.Dispatch dispatch) {
        return advance(runId, new Progress(dispatch, false, null, List.of(), null));
    }

    /**
     * Gives a run that waits for its node (a throughput test while another one holds the node) more
     * time: its deadline, and its tier run's, move {@code by} later.
     */
    @RetryOnConflict
    public void extendDeadline(UUID runId, Duration by) {
        writeTree(status -> {
            Locked locked = lock(runId);
            if (locked != null && !locked.run().status().terminal()) {
                locked.run().extendDeadline(by);
                if (locked.root() != locked.run()) {
                    locked.root().extendDeadline(by);
                }
            }
            return null;
        });
    }

    /** Ends a run; false (and nothing written) when it had already ended. */
    @RetryOnConflict
    public boolean finish(
            UUID runId,
            RunStatus status,
            @Nullable String reason,
            @Nullable Map<String, Object> result,
            @Nullable Map<String, Object> error) {
        return advance(
                runId, new Progress(null, false, null, List.of(), new Progress.End(status, reason, result, error)));
    }

    /**
     * What a node reported about one probe run in one read of its event stream: whether it said
     * {@code started} (and when, by its clock), the per-second samples, and its end; with
     * {@code dispatch}, also that the node had accepted the run (written first, as
     * {@link #dispatched} would).
     */
    public record Progress(
            Progress.@Nullable Dispatch dispatch,
            boolean started,
            @Nullable Instant startedAt,
            List<Progress.Sample> samples,
            Progress.@Nullable End end) {

        public Progress {
            samples = List.copyOf(samples);
        }

        /** A node accepted the run at {@code at}; {@code reason} says why it was this node, if not the first. */
        public record Dispatch(
                UUID nodeId,
                String nodeName,
                String nodeUrl,
                @Nullable String reason,
                Instant at) {}

        public record Sample(int second, Map<String, Object> values) {}

        public record End(
                RunStatus status,
                @Nullable String reason,
                @Nullable Map<String, Object> result,
                @Nullable Map<String, Object> error) {}
    }

    /**
     * Applies a node's events that arrived together in one transaction: the state change, the
     * samples and the end a fast probe reports at once cost one lock of the tree and one
     * aggregation of its tier run instead of one each (the AutoPerf benchmark spent a third of the
     * API's CPU in these writes). Each part is applied as a move to running, a stored sample and
     * {@link #finish} would be alone; answers whether anything was written. With a
     * {@link Progress.Dispatch}, false means the run had ended here (canceled, swept) before the
     * node's acceptance was recorded, and then nothing is written.
     */
    @RetryOnConflict
    public boolean advance(UUID runId, Progress progress) {
        Boolean written = writeTree(status -> {
            Locked locked = lock(runId);
            if (locked == null) {
                log.warn("run {} was not found when applying its node's events", runId);
                return false;
            }
            RunEntity run = locked.run();
            Instant now = now();
            boolean changed = false;
            boolean stateChanged = false;
            Progress.Dispatch dispatch = progress.dispatch();
            if (dispatch != null) {
                if (!run.status().canMoveTo(RunStatus.DISPATCHED)) {
                    return false;
                }
                Instant at = dispatch.at().truncatedTo(ChronoUnit.MICROS);
                run.moveTo(RunStatus.DISPATCHED, dispatch.reason(), at);
                run.assignNode(dispatch.nodeId(), dispatch.nodeName(), dispatch.nodeUrl());
                stateEvent(locked.root(), run, at);
                stateChanged = true;
            }
            if (progress.started() && run.status().canMoveTo(RunStatus.RUNNING)) {
                run.moveTo(RunStatus.RUNNING, null, now);
                run.startedOnNode(progress.startedAt());
                stateEvent(locked.root(), run, now);
                stateChanged = true;
            }
            if (!run.status().terminal()) {
                for (Progress.Sample sample : progress.samples()) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("runId", runId);
                    data.put("second", sample.second());
                    data.put("values", sample.values());
                    append(locked.root(), run, "sample", false, data);
                    changed = true;
                }
            }
            Progress.End end = progress.end();
            if (end != null && run.status().canMoveTo(end.status())) {
                if (end.result() != null) {
                    run.result(json.writeValueAsString(end.result()));
                }
                end(locked.root(), run, end.status(), end.reason(), now, end.result(), end.error());
                stateChanged = true;
            }
            // Samples leave the tier run as it is; only a state change can move it.
            if (stateChanged && run.parentRunId() != null) {
                aggregate(locked.root(), now);
            }
            return stateChanged || changed;
        });
        if (Boolean.TRUE.equals(written)) {
            signals.signal();
        }
        return Boolean.TRUE.equals(written);
    }

    /**
     * Cancels a run; a tier run cancels its unfinished children. Throws 404 for an unknown run
     * and 409 for one that has ended.
     *
     * @return the probe runs a node may still be running
     */
    @RetryOnConflict
    public List<OnNode> cancel(UUID runId, String reason) {
        List<OnNode> onNodes = writeTree(status -> {
            Locked locked = lock(runId);
            if (locked == null) {
                throw new NotFound("Run");
            }
            RunEntity run = locked.run();
            if (run.status().terminal()) {
                throw new Conflict(
                        "run-finished",
                        "The run has already ended (" + run.status().wireName() + ")");
            }
            Instant now = now();
            List<OnNode> stop = new ArrayList<>();
            if (run.probeType() == null) {
                for (RunEntity child : runs.findByParentRunIdOrderByCreatedAtAscIdAsc(run.id())) {
                    if (end(locked.root(), child, RunStatus.CANCELED, reason, now, null, null)) {
                        onNode(child).ifPresent(stop::add);
                    }
                }
                end(locked.root(), run, RunStatus.CANCELED, reason, now, null, null);
            } else {
                end(locked.root(), run, RunStatus.CANCELED, reason, now, null, null);
                onNode(run).ifPresent(stop::add);
                if (run.parentRunId() != null) {
                    aggregate(locked.root(), now);
                }
            }
            return stop;
        });
        signals.signal();
        return onNodes;
    }

    /** Platform scope: unfinished probe runs whose deadline passed before {@code before}. */
    public List<ProbeRun> overdue(Instant before, int max) {
        return TenantContext.asPlatform(() ->
                transactions.execute(status -> runs
                        .overdue(
                                List.of(RunStatus.PENDING, RunStatus.DISPATCHED, RunStatus.RUNNING),
                                before,
                                Limit.of(max))
                        .stream()
                        .map(run -> new ProbeRun(
                                run.id(),
                                run.orgId(),
                                run.rootRunId(),
                                run.probeType(),
                                run.target(),
                                Map.of(),
                                Map.of(),
                                run.status(),
                                run.deadlineAt()))
                        .toList()));
    }

    public Optional<OnNode> nodeOf(UUID runId) {
        return transactions.execute(status -> runs.findById(runId).flatMap(RunStore::onNode));
    }

    /** Whether {@code runId} is a throughput probe run of {@code orgId}. */
    public boolean isThroughputRun(UUID orgId, UUID runId) {
        // The caller (a node's session report) has no tenant context; runs are read under the
        // organisation's, so another organisation's run is simply not found.
        return TenantContext.as(
                orgId,
                () -> Boolean.TRUE.equals(transactions.execute(status -> runs.findById(runId)
                        .filter(run -> run.orgId().equals(orgId) && "throughput".equals(run.probeType()))
                        .isPresent())));
    }

    public Optional<RunView> view(UUID runId) {
        return transactions.execute(status -> runs.findById(runId).map(run -> {
            List<RunView> children = run.probeType() == null
                    ? runs.findByParentRunIdOrderByCreatedAtAscIdAsc(run.id()).stream()
                            .map(child -> toView(child, List.of()))
                            .toList()
                    : List.of();
            return toView(run, children);
        }));
    }

    public RunPage page(@Nullable RunStatus status, @Nullable UUID testId, int limit, @Nullable String cursor) {
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return transactions.execute(tx -> {
            List<RunEntity> found = runs.page(
                    status,
                    testId,
                    after == null ? null : after.createdAt(),
                    after == null ? null : after.id(),
                    Limit.of(limit + 1));
            boolean more = found.size() > limit;
            List<RunEntity> items = more ? found.subList(0, limit) : found;
            List<RunView> views = withChildren(items);
            RunEntity last = items.isEmpty() ? null : items.getLast();
            return new RunPage(views, more ? new Cursor(last.createdAt(), last.id()).encode() : null);
        });
    }

    /** A monitor's escalated tier runs created in [from, to), oldest first, with their probe runs. */
    public List<RunView> escalations(UUID monitorId, Instant from, Instant to, int limit) {
        return transactions.execute(tx -> withChildren(runs.escalations(monitorId, from, to, Limit.of(limit))));
    }

    /** Views of top-level runs, each with its probe runs (one query for all of them). */
    private List<RunView> withChildren(List<RunEntity> items) {
        Map<UUID, List<RunEntity>> children = items.isEmpty()
                ? Map.of()
                : runs.findByParentRunIdIn(items.stream().map(RunEntity::id).toList()).stream()
                        .sorted(java.util.Comparator.comparing(RunEntity::createdAt)
                                .thenComparing(RunEntity::id))
                        .collect(Collectors.groupingBy(RunEntity::parentRunId));
        return items.stream()
                .map(run -> toView(
                        run,
                        children.getOrDefault(run.id(), List.of()).stream()
                                .map(child -> toView(child, List.of()))
                                .toList()))
                .toList();
    }

    /** Events of a run after {@code seq}; for a tier run, its children's too. */
    public List<StoredEvent> eventsAfter(UUID runId, boolean tree, long seq, int max) {
        return transactions.execute(status -> (tree
                        ? events.findByRootRunIdAndSeqGreaterThanOrderBySeqAsc(runId, seq, Limit.of(max))
                        : events.findByRunIdAndSeqGreaterThanOrderBySeqAsc(runId, seq, Limit.of(max)))
                .stream()
                        .map(e -> new StoredEvent(e.runId(), e.seq(), e.event(), e.terminal(), e.data()))
                        .toList());
    }

    // --- the state machine's writes ---

    private record Locked(RunEntity root, RunEntity run) {}

    /**
     * Runs a write to a run tree, once more when the tree's event sequence number was taken. On
     * Galera a locking read on one node can run before another node's commit to the same tree is
     * applied there (reads do not wait for replication, {@code wsrep_sync_wait=0}), so it may see
     * the previous sequence number; the unique key refuses the second insert, and by then the
     * first commit is applied here, so the retry reads it.
     */
    private <T> T writeTree(TransactionCallback<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(work);
            } catch (DataIntegrityViolationException e) {
                String message = String.valueOf(e.getMessage());
                if (attempt >= 5 || !message.contains("uk_run_events_root_seq")) {
                    throw e;
                }
                log.info("event sequence of a run tree taken by a concurrent commit; retrying ({})", attempt);
            }
        }
    }

    private @Nullable Locked lock(UUID runId) {
        Optional<UUID> rootId = runs.findRootRunId(runId);
        if (rootId.isEmpty()) {
            return null;
        }
        RunEntity root = runs.lockById(rootId.get()).orElseThrow();
        RunEntity run = root.id().equals(runId) ? root : runs.lockById(runId).orElseThrow();
        return new Locked(root, run);
    }

    /**
     * Ends one run: its {@code result} event (probe runs), its terminal {@code state} event, and
     * {@link RunFinished} in this transaction, so results are stored atomically with the end.
     */
    private boolean end(
            RunEntity root,
            RunEntity run,
            RunStatus status,
            @Nullable String reason,
            Instant now,
            @Nullable Map<String, Object> result,
            @Nullable Map<String, Object> error) {
        if (!run.moveTo(status, reason, now)) {
            return false;
        }
        if (run.probeType() != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("runId", run.id());
            data.put("status", status.wireName());
            data.put("result", result);
            data.put("error", error);
            append(root, run, "result", false, data);
        }
        stateEvent(root, run, now);
        if (run.probeType() != null) {
            publisher.publishEvent(finished(run));
        }
        return true;
    }

    /** A tier run's status follows its children: running while any runs, ended when all ended. */
    private void aggregate(RunEntity parent, Instant now) {
        List<RunEntity> children = runs.findByParentRunIdOrderByCreatedAtAscIdAsc(parent.id());
        if (parent.status().terminal()) {
            return;
        }
        if (children.stream().allMatch(child -> child.status().terminal())) {
            List<RunEntity> unsuccessful = children.stream()
                    .filter(child -> child.status() != RunStatus.SUCCEEDED)
                    .toList();
            RunStatus status;
            if (unsuccessful.isEmpty()) {
                status = RunStatus.SUCCEEDED;
            } else if (unsuccessful.stream().anyMatch(c -> c.status() == RunStatus.FAILED)) {
                status = RunStatus.FAILED;
            } else if (unsuccessful.stream().anyMatch(c -> c.status() == RunStatus.TIMED_OUT)) {
                status = RunStatus.TIMED_OUT;
            } else if (unsuccessful.stream().anyMatch(c -> c.status() == RunStatus.CANCELED)) {
                status = RunStatus.CANCELED;
            } else {
                status = RunStatus.SKIPPED;
            }
            String reason = unsuccessful.isEmpty()
                    ? null
                    : unsuccessful.size() + " of " + children.size() + " probe runs did not succeed: "
                            + unsuccessful.stream()
                                    .map(c -> c.probeType() + " " + c.status().wireName()
                                            + (c.reason() == null ? "" : " (" + c.reason() + ")"))
                                    .collect(Collectors.joining("; "));
            end(parent, parent, status, reason, now, null, null);
            return;
        }
        boolean anyRunning = children.stream().anyMatch(c -> c.status() == RunStatus.RUNNING);
        boolean anyBegun = children.stream().anyMatch(c -> c.status() != RunStatus.PENDING);
        if (anyBegun && parent.status() == RunStatus.PENDING) {
            parent.moveTo(RunStatus.DISPATCHED, null, now);
            stateEvent(parent, parent, now);
        }
        if (anyRunning && parent.status() == RunStatus.DISPATCHED) {
            parent.moveTo(RunStatus.RUNNING, null, now);
            stateEvent(parent, parent, now);
        }
    }

    private void stateEvent(RunEntity root, RunEntity run, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", run.id());
        data.put("status", run.status().wireName());
        data.put("reason", run.reason());
        data.put("at", at);
        append(root, run, "state", run.status().terminal(), data);
    }

    private void append(RunEntity root, RunEntity run, String event, boolean terminal, Map<String, Object> data) {
        events.save(new RunEventEntity(
                Ids.newId(),
                run.orgId(),
                root.id(),
                run.id(),
                root.nextEventSeq(),
                event,
                terminal,
                json.writeValueAsString(data),
                now()));
    }

    private RunFinished finished(RunEntity run) {
        List<RunFinished.Sample> samples = events.findByRunIdAndEventOrderBySeqAsc(run.id(), "sample").stream()
                .map(e -> {
                    Map<String, Object> data = json.readValue(e.data(), MAP);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> values =
                            data.get("values") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                    return new RunFinished.Sample(((Number) data.get("second")).intValue(), values);
                })
                .toList();
        return new RunFinished(
                run.id(),
                run.orgId(),
                run.testId(),
                run.parentRunId(),
                run.nodeId(),
                run.nodeName(),
                run.probeType(),
                run.target(),
                run.tier(),
                run.status().wireName(),
                run.reason(),
                run.createdAt(),
                run.startedAt(),
                run.finishedAt(),
                run.result() == null ? Map.of() : json.readValue(run.result(), MAP),
                samples,
                run.monitorId());
    }

    private static Optional<OnNode> onNode(RunEntity run) {
        return run.nodeId() == null || run.nodeUrl() == null
                ? Optional.empty()
                : Optional.of(new OnNode(run.orgId(), run.id(), run.nodeId(), run.nodeUrl()));
    }

    private RunView toView(RunEntity run, List<RunView> children) {
        return new RunView(
                run.id(),
                run.parentRunId(),
                run.testId(),
                run.testName(),
                run.tier(),
                run.probeType(),
                run.target(),
                run.nodeId(),
                run.nodeName(),
                run.status(),
                run.reason(),
                run.createdAt(),
                run.dispatchedAt(),
                run.startedAt(),
                run.finishedAt(),
                run.result() == null ? null : json.readValue(run.result(), MAP),
                run.monitorId(),
                run.escalation() == null ? null : json.readValue(run.escalation(), RunView.Escalation.class),
                children);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Keyset position: the last item's creation time and id, opaque to clients. */
    record Cursor(Instant createdAt, UUID id) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw Refused.invalid("invalid-cursor", "The cursor is not one this API handed out");
            }
        }
    }
}
