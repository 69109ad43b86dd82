package io.waddleperf.api.runs;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.runs.internal.Dispatcher;
import io.waddleperf.api.runs.internal.RunStore;
import io.waddleperf.api.runs.internal.RunStore.NewProbe;
import io.waddleperf.api.runs.internal.RunsProperties;
import io.waddleperf.api.runs.internal.TierPlan;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.tests.NodeSelector;
import io.waddleperf.api.tests.TestCatalog;
import io.waddleperf.api.tests.TestDefinition;
import io.waddleperf.api.tests.TierProfiles;
import io.waddleperf.license.WaddlePerfFeature;
import io.waddleperf.protocol.ProbeContracts;
import io.waddleperf.protocol.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Starts, lists, shows and cancels the current organisation's runs; the runs module's API. */
@Service
public class Runs {

    /** Longest a probe may run (SPEC section 5) plus the time to start and report it. */
    private static final Duration LONGEST = Duration.ofSeconds(330);

    private final RunStore store;
    private final Dispatcher dispatcher;
    private final TestCatalog tests;
    private final TierProfiles tiers;
    private final Licensing licensing;
    private final AuditLog audit;
    private final Clock clock;
    private final RunsProperties properties;
    private final JsonMapper json;

    Runs(
            RunStore store,
            Dispatcher dispatcher,
            TestCatalog tests,
            TierProfiles tiers,
            Licensing licensing,
            AuditLog audit,
            Clock clock,
            RunsProperties properties,
            JsonMapper json) {
        this.store = store;
        this.properties = properties;
        this.json = json;
        this.dispatcher = dispatcher;
        this.tests = tests;
        this.tiers = tiers;
        this.licensing = licensing;
        this.audit = audit;
        this.clock = clock;
    }

    /** Stores the run as {@code pending} and starts dispatching it once that is committed. */
    public RunView start(OrgPrincipal actor, RunRequest request) {
        List<FieldError> errors = new ArrayList<>();
        TierPlan.Target target = check(request, errors);
        if (!errors.isEmpty()) {
            String detail = Violation.describe(errors.stream()
                    .map(e -> new Violation(e.field(), e.message()))
                    .toList());
            throw new InvalidInput(detail, errors);
        }
        RunStore.Created created;
        String what;
        if (request.testId() != null) {
            TestDefinition test = tests.get(request.testId());
            refuseUnrunnable(test);
            if (test.tier() != null && test.tier() == 3) {
                licensing.require(WaddlePerfFeature.TIER3);
            }
            Duration timeout = test.tier() != null
                    ? Duration.ofSeconds(tiers.get(test.tier()).timeoutSeconds())
                    : estimate(test);
            created = store.create(
                    actor.orgId(),
                    test.id(),
                    test.name(),
                    test.tier(),
                    test.target(),
                    selector(test.nodeSelector()),
                    List.of(new NewProbe(test.type().wireName(), test.target(), test.params())),
                    false,
                    clock.instant().plus(timeout));
            what = "test " + test.name();
        } else {
            int tier = request.tier();
            if (tier == 3) {
                licensing.require(WaddlePerfFeature.TIER3);
            }
            TierPlan.Settings settings =
                    tierSettings(request.dnsResolver(), request.udpEchoPort(), request.iperfPort());
            created = store.create(
                    actor.orgId(),
                    null,
                    null,
                    tier,
                    request.target().strip(),
                    selector(request.nodeSelector()),
                    TierPlan.probes(tier, target, settings),
                    true,
                    clock.instant().plus(Duration.ofSeconds(tiers.get(tier).timeoutSeconds())));
            what = "tier " + tier + " against " + request.target().strip();
        }
        audit.record(AuditEntry.success(
                actor.orgId(), actor.userId(), actor.name(), "run.started", what + " (" + created.runId() + ")"));
        dispatcher.dispatchAll(actor.orgId(), created.probeRunIds());
        return get(created.runId());
    }

    /** The probes of tier 1 (SPEC section 6), which a monitor's rounds run all or some of. */
    public static final List<String> TIER1_PROBES = List.of("tcp_connect", "dns", "http", "udp_echo");

    /** The runs a monitor's round started on one node: the tier run and its probe runs. */
    public record MonitorRun(UUID runId, List<UUID> probeRunIds) {}

    /**
     * Adds the field errors that keep {@code target} from being a tier run's target (a host,
     * host:port or http(s) URL), as {@code POST /runs} would answer them.
     */
    public static void checkTarget(String target, List<FieldError> errors) {
        TierPlan.parse(target, errors);
    }

    /**
     * Stores a monitor's tier run of {@code probeTypes} (tier 1: a subset; tiers 2 and 3: null for
     * all of the tier) against {@code target} on one node, in the caller's transaction (the claim of
     * the monitor's slot, or of its escalation cooldown), so the claim and its runs commit together;
     * {@link #dispatch} sends it once that has committed. Nobody started it, so nothing is audited:
     * the monitor's own changes are. {@code escalation} says why, for an escalated run.
     */
    public MonitorRun createMonitorRun(
            UUID orgId,
            UUID monitorId,
            int tier,
            String target,
            @Nullable List<String> probeTypes,
            UUID nodeId,
            @Nullable Integer udpEchoPort,
            @Nullable Integer iperfPort,
            RunView.@Nullable Escalation escalation) {
        List<FieldError> errors = new ArrayList<>();
        TierPlan.Target parsed = TierPlan.parse(target, errors);
        if (parsed == null) {
            throw new IllegalArgumentException("monitor " + monitorId + " has an invalid target: " + errors);
        }
        TierPlan.Settings settings = tierSettings(null, udpEchoPort, iperfPort);
        List<NewProbe> probes = TierPlan.probes(tier, parsed, settings).stream()
                .filter(probe -> probeTypes == null || probeTypes.contains(probe.type()))
                .toList();
        RunStore.Created created = store.create(
                orgId,
                null,
                null,
                tier,
                target.strip(),
                selector(new NodeSelector(nodeId, null, null)),
                probes,
                true,
                clock.instant().plus(Duration.ofSeconds(tiers.get(tier).timeoutSeconds())),
                new RunStore.Origin(monitorId, escalation == null ? null : json.writeValueAsString(escalation)));
        return new MonitorRun(created.runId(), created.probeRunIds());
    }

    /**
     * The tier runs AutoPerf escalated for {@code monitorId} in [from, to), oldest first, at most
     * {@code limit}; each with its probe runs (their nodes and states) and its cause.
     */
    public List<RunView> escalations(UUID monitorId, Instant from, Instant to, int limit) {
        return store.escalations(monitorId, from, to, limit);
    }

    /** Sends stored probe runs to their nodes; call after the transaction that stored them committed. */
    public void dispatch(UUID orgId, List<UUID> probeRunIds) {
        dispatcher.dispatchAll(orgId, probeRunIds);
    }

    /**
     * Whether {@code runId} is one of {@code orgId}'s throughput probe runs. A node reports which
     * run a session on its iperf3 port belongs to as the client named it, and any client can name
     * one: the claim holds only for such a run.
     */
    public boolean isThroughputRun(UUID orgId, UUID runId) {
        return store.isThroughputRun(orgId, runId);
    }

    public RunView get(UUID runId) {
        return store.view(runId).orElseThrow(() -> new NotFound("Run"));
    }

    /** Top-level runs (tests and tiers), most recent first. */
    public RunPage list(@Nullable RunStatus status, @Nullable UUID testId, int limit, @Nullable String cursor) {
        return store.page(status, testId, limit, cursor);
    }

    /** Cancels an unfinished run (a tier run with its children); 409 once it has ended. */
    public RunView cancel(OrgPrincipal actor, UUID runId) {
        List<RunStore.OnNode> onNodes = store.cancel(runId, "canceled by " + actor.name());
        onNodes.forEach(dispatcher::stopOnNode);
        audit.record(AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "run.canceled", runId.toString()));
        return get(runId);
    }

    /**
     * A test stored before its rules were tightened may break them now; a node would refuse it, so
     * say which field to change instead of dispatching a run that cannot start.
     */
    private static void refuseUnrunnable(TestDefinition test) {
        List<Violation> violations = ProbeContracts.of(test.type()).check(test.target(), test.params());
        if (!violations.isEmpty()) {
            throw new InvalidInput(
                    "Test " + test.name() + " cannot run as stored; edit it: " + Violation.describe(violations),
                    violations.stream()
                            .map(v -> new FieldError(v.field(), v.message()))
                            .toList());
        }
    }

    private static TierPlan.@Nullable Target check(RunRequest request, List<FieldError> errors) {
        if (request.testId() != null && request.tier() != null) {
            errors.add(new FieldError("testId", "give either testId or tier with target, not both"));
        }
        if (request.testId() == null && request.tier() == null) {
            errors.add(new FieldError("testId", "give testId, or tier with target"));
        }
        TierPlan.Target target = null;
        if (request.tier() != null) {
            if (request.tier() < 1 || request.tier() > 3) {
                errors.add(new FieldError("tier", "must be 1, 2 or 3"));
            }
            if (request.target() == null || request.target().isBlank()) {
                errors.add(new FieldError("target", "is required for a tier run"));
            } else {
                target = TierPlan.parse(request.target(), errors);
            }
        }
        if (request.dnsResolver() != null && !TierPlan.validResolver(request.dnsResolver())) {
            errors.add(new FieldError("dnsResolver", "must be host or host:port"));
        }
        if (request.udpEchoPort() != null && (request.udpEchoPort() < 1 || request.udpEchoPort() > 65535)) {
            errors.add(new FieldError("udpEchoPort", "must be 1-65535"));
        }
        if (request.iperfPort() != null && (request.iperfPort() < 1 || request.iperfPort() > 65535)) {
            errors.add(new FieldError("iperfPort", "must be 1-65535"));
        }
        NodeSelector selector = request.nodeSelector();
        if (selector != null) {
            long given = java.util.stream.Stream.of(selector.nodeId(), selector.region(), selector.label())
                    .filter(v -> v != null)
                    .count();
            if (given > 1) {
                errors.add(new FieldError("nodeSelector", "give at most one of nodeId, region and label"));
            }
        }
        return target;
    }

    /** A tier run's settings: the given ports or the defaults, and the operator's throughput lengths. */
    private TierPlan.Settings tierSettings(
            @Nullable String dnsResolver, @Nullable Integer udpEchoPort, @Nullable Integer iperfPort) {
        return new TierPlan.Settings(
                dnsResolver,
                udpEchoPort == null ? TierPlan.DEFAULT_UDP_ECHO_PORT : udpEchoPort,
                iperfPort == null ? TierPlan.DEFAULT_IPERF_PORT : iperfPort,
                properties.tierPlan().tier2ThroughputSeconds(),
                properties.tierPlan().tier3ThroughputSeconds());
    }

    private static Map<String, Object> selector(@Nullable NodeSelector selector) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (selector != null) {
            if (selector.nodeId() != null) {
                map.put("nodeId", selector.nodeId().toString());
            }
            if (selector.region() != null) {
                map.put("region", selector.region());
            }
            if (selector.label() != null) {
                map.put("label", selector.label());
            }
        }
        return map;
    }

    /**
     * A test outside a tier gets the time its parameters need (count × interval plus one probe
     * timeout, with the node protocol's defaults) plus 15 s, at least tier 1's limit and at most
     * the longest probe.
     */
    private Duration estimate(TestDefinition test) {
        long millis = ProbeContracts.of(test.type()).params(test.params()).expectedMillis();
        Duration wanted = Duration.ofMillis(millis).plusSeconds(15);
        Duration floor = Duration.ofSeconds(tiers.get(1).timeoutSeconds());
        if (wanted.compareTo(floor) < 0) {
            return floor;
        }
        return wanted.compareTo(LONGEST) > 0 ? LONGEST : wanted;
    }
}
