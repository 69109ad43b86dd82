package io.waddleperf.api.sessions.internal;

import io.waddleperf.api.geo.GeoLocator;
import io.waddleperf.api.geo.Location;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.runs.Runs;
import io.waddleperf.api.sessions.IperfSession;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.protocol.SessionBatch;
import io.waddleperf.protocol.SessionInterval;
import io.waddleperf.protocol.SessionReport;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Takes nodes' session reports in and answers the node page's questions about them. */
@Service
public class IperfSessions {

    private static final Logger log = LoggerFactory.getLogger(IperfSessions.class);
    /** Most rows one export writes; narrow the filters for more. */
    public static final int MAX_EXPORT = 100_000;

    private final NodeRegistry nodes;
    private final GeoLocator geo;
    private final SessionStore store;
    private final SessionWrites writes;
    private final Clock clock;
    private final Runs runs;

    IperfSessions(
            NodeRegistry nodes, GeoLocator geo, SessionStore store, SessionWrites writes, Clock clock, Runs runs) {
        this.runs = runs;
        this.nodes = nodes;
        this.geo = geo;
        this.store = store;
        this.writes = writes;
        this.clock = clock;
    }

    /** What a node's call stored. */
    public record Ingested(int received, int stored) {}

    /** Stores a node's finished sessions, each once; answers how many were new. */
    public Ingested ingest(String credential, SessionBatch batch) {
        Node node = nodes.authenticate(credential);
        List<FieldError> errors = SessionReports.check(batch);
        if (!errors.isEmpty()) {
            throw InvalidInput.of(errors);
        }
        if (batch.dropped() > 0) {
            // The node's queue overflowed while the API was away: history has a gap; say so once per batch.
            log.warn(
                    "Node {} reports {} iperf3 session(s) dropped from its queue since it started",
                    node.id(),
                    batch.dropped());
        }
        List<SessionStore.Located> located = batch.sessions().stream()
                .map(report -> new SessionStore.Located(report, locate(report), run(node.orgId(), report)))
                .toList();
        int stored = writes.store(node.orgId(), node.id(), located, now());
        return new Ingested(batch.sessions().size(), stored);
    }

    /**
     * The run a report names, when it is one of the organisation's throughput runs; else null, and
     * the session counts as an outside client's (the name comes from the client, which may be
     * anyone).
     */
    private @Nullable UUID run(UUID orgId, SessionReport report) {
        if (report.runId() == null) {
            return null;
        }
        UUID id;
        try {
            id = UUID.fromString(report.runId());
        } catch (IllegalArgumentException e) {
            return null;
        }
        return runs.isThroughputRun(orgId, id) ? id : null;
    }

    /** Stores live points of a node's running sessions. */
    public int progress(String credential, SessionBatch batch) {
        Node node = nodes.authenticate(credential);
        List<FieldError> errors = SessionReports.check(batch);
        if (!errors.isEmpty()) {
            throw InvalidInput.of(errors);
        }
        writes.progress(node.orgId(), node.id(), batch.progress(), now());
        return batch.progress().size();
    }

    private Location locate(SessionReport report) {
        try {
            return geo.locate(report.clientAddress());
        } catch (RuntimeException e) {
            // A broken GeoIP database costs the location, never the session.
            log.warn("GeoIP lookup failed for an iperf3 session: {}", e.toString());
            return Location.UNKNOWN;
        }
    }

    /** A page, newest first: the node must be the current organisation's (else 404). */
    public List<IperfSession> page(UUID orgId, UUID nodeId, SessionFilter.Page page, int limit) {
        requireNode(nodeId);
        return store.page(orgId, nodeId, page.filter(), limit, page.cursor());
    }

    public void export(UUID orgId, UUID nodeId, SessionFilter filter, Consumer<IperfSession> each) {
        requireNode(nodeId);
        store.each(orgId, nodeId, filter, MAX_EXPORT, each);
    }

    public record Detail(IperfSession session, List<SessionInterval> intervals) {}

    public Detail get(UUID orgId, UUID nodeId, UUID id) {
        requireNode(nodeId);
        SessionStore.Detail found = store.find(orgId, nodeId, id);
        if (found == null) {
            throw new NotFound("Session");
        }
        return new Detail(found.session(), found.intervals());
    }

    /** 404 unless the node is the current organisation's; read through the tenant-scoped registry. */
    public Node requireNode(UUID nodeId) {
        return nodes.get(nodeId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
