package io.waddleperf.api.sessions.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.geo.Location;
import io.waddleperf.api.sessions.IperfSession;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.protocol.SessionInterval;
import io.waddleperf.protocol.SessionProgress;
import io.waddleperf.protocol.SessionReport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code iperf_sessions} and {@code iperf_session_points}. Every query names the organisation
 * and node, so one organisation's sessions are never read for another (these are plain JDBC
 * tables, outside Hibernate's tenant filter).
 */
@Component
public class SessionStore {

    private static final String COLUMNS = "id, node_id, session_id, client_address, client_port, country_code,"
            + " region, city, latitude, longitude, started_at, ended_at, direction, protocol, streams,"
            + " received_bytes, sent_bytes, upload_mbps, download_mbps, retransmits, jitter_millis, lost_packets,"
            + " total_packets, duration_seconds, outcome, reason, client_version, received_at,"
            + " (SELECT r.run_id FROM iperf_session_runs r WHERE r.node_id = iperf_sessions.node_id"
            + " AND r.session_id = iperf_sessions.session_id) AS run_id";

    /** Whether a session of {@code iperf_sessions} belongs to a dispatched run. */
    private static final String HAS_RUN = "EXISTS (SELECT 1 FROM iperf_session_runs r"
            + " WHERE r.node_id = iperf_sessions.node_id AND r.session_id = iperf_sessions.session_id)";

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    SessionStore(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A report with where its client is, ready to store.
     *
     * @param runId the API's run the session belongs to, once checked; null for outside clients
     */
    record Located(
            SessionReport report,
            Location location,
            @Nullable UUID runId) {}

    /** Stores what is new; a session id the node sent before is skipped. Answers how many were new. */
    int insert(UUID orgId, UUID nodeId, List<Located> sessions, Instant now) {
        if (sessions.isEmpty()) {
            return 0;
        }
        SqlParameterSource[] batch =
                sessions.stream().map(s -> sessionParams(orgId, nodeId, s, now)).toArray(SqlParameterSource[]::new);
        int[] counts = jdbc.batchUpdate(
                "INSERT IGNORE INTO iperf_sessions (id, org_id, node_id, session_id, client_address, client_ip,"
                        + " client_port, country_code, region, city, latitude, longitude, started_at, ended_at,"
                        + " direction, protocol, streams, received_bytes, sent_bytes, upload_mbps, download_mbps,"
                        + " retransmits, jitter_millis, lost_packets, total_packets, duration_seconds, outcome, reason,"
                        + " client_version, intervals, received_at) VALUES (:id, :org, :node, :session, :address, :ip,"
                        + " :port, :country, :region, :city, :lat, :lon, :started, :ended, :direction, :protocol,"
                        + " :streams, :received, :sent, :up, :down, :retransmits, :jitter, :lost, :total, :duration,"
                        + " :outcome, :reason, :version, :intervals, :now)",
                batch);
        int stored = 0;
        for (int count : counts) {
            // The driver may answer SUCCESS_NO_INFO (-2) for a rewritten batch: count it as stored.
            stored += count == 0 ? 0 : 1;
        }
        SqlParameterSource[] links = sessions.stream()
                .filter(s -> s.runId() != null)
                .map(s -> new MapSqlParameterSource()
                        .addValue("node", nodeId.toString())
                        .addValue("session", s.report().sessionId())
                        .addValue("org", orgId.toString())
                        .addValue("run", s.runId().toString())
                        .addValue("started", utc(s.report().startedAt())))
                .toArray(SqlParameterSource[]::new);
        if (links.length > 0) {
            // Same key as the session's: a retried batch links nothing twice.
            jdbc.batchUpdate(
                    "INSERT IGNORE INTO iperf_session_runs (node_id, session_id, org_id, run_id, started_at)"
                            + " VALUES (:node, :session, :org, :run, :started)",
                    links);
        }
        jdbc.batchUpdate(
                "DELETE FROM iperf_session_points WHERE node_id = :node AND session_id = :session",
                sessions.stream()
                        .map(s -> new MapSqlParameterSource()
                                .addValue("node", nodeId.toString())
                                .addValue("session", s.report().sessionId()))
                        .toArray(SqlParameterSource[]::new));
        return stored;
    }

    private MapSqlParameterSource sessionParams(UUID orgId, UUID nodeId, Located located, Instant now) {
        SessionReport r = located.report();
        Location l = located.location();
        return new MapSqlParameterSource()
                .addValue("id", Ids.newId().toString())
                .addValue("org", orgId.toString())
                .addValue("node", nodeId.toString())
                .addValue("session", r.sessionId())
                .addValue("address", r.clientAddress())
                .addValue("ip", ipBytes(r.clientAddress()))
                .addValue("port", r.clientPort())
                .addValue("country", l.countryCode())
                .addValue("region", clip(l.region(), 200))
                .addValue("city", clip(l.city(), 200))
                .addValue("lat", l.latitude())
                .addValue("lon", l.longitude())
                .addValue("started", utc(r.startedAt()))
                .addValue("ended", utc(r.endedAt()))
                .addValue(
                        "direction",
                        r.direction() == null ? null : r.direction().wire())
                .addValue("protocol", r.protocol() == null ? null : r.protocol().wire())
                .addValue("streams", r.streams())
                .addValue("received", r.receivedBytes())
                .addValue("sent", r.sentBytes())
                .addValue("up", r.uploadMbps())
                .addValue("down", r.downloadMbps())
                .addValue("retransmits", r.retransmits())
                .addValue("jitter", r.jitterMillis())
                .addValue("lost", r.lostPackets())
                .addValue("total", r.totalPackets())
                .addValue("duration", r.durationSeconds())
                .addValue("outcome", r.outcome().wire())
                .addValue("reason", clip(r.reason(), 500))
                .addValue("version", clip(r.clientVersion(), 64))
                .addValue("intervals", json.writeValueAsString(r.intervals()))
                .addValue("now", utc(now));
    }

    /** Adds live points of running sessions; a point already stored is skipped. */
    void addPoints(UUID orgId, UUID nodeId, List<SessionProgress> progress, Instant now) {
        if (progress.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT IGNORE INTO iperf_session_points (node_id, session_id, millis, org_id, client_address,"
                        + " client_port, started_at, direction, protocol, streams, planned_seconds, client_version,"
                        + " point, received_at) VALUES (:node, :session, :millis, :org, :address, :port, :started,"
                        + " :direction, :protocol, :streams, :planned, :version, :point, :now)",
                progress.stream()
                        .map(p -> new MapSqlParameterSource()
                                .addValue("node", nodeId.toString())
                                .addValue("session", p.sessionId())
                                .addValue("millis", Math.round(p.interval().second() * 1000))
                                .addValue("org", orgId.toString())
                                .addValue("address", p.clientAddress())
                                .addValue("port", p.clientPort())
                                .addValue("started", utc(p.startedAt()))
                                .addValue("direction", p.direction().wire())
                                .addValue("protocol", p.protocol().wire())
                                .addValue("streams", p.streams())
                                .addValue("planned", p.plannedSeconds())
                                .addValue("version", clip(p.clientVersion(), 64))
                                .addValue("point", json.writeValueAsString(p.interval()))
                                .addValue("now", utc(now)))
                        .toArray(SqlParameterSource[]::new));
    }

    /** A live point as read back, with its session's description. */
    public record Point(
            String sessionId,
            String clientAddress,
            int clientPort,
            Instant startedAt,
            String direction,
            String protocol,
            int streams,
            int plannedSeconds,
            @Nullable String clientVersion,
            SessionInterval interval,
            Instant receivedAt) {}

    /** Live points of the node that arrived at or after {@code since}, oldest first. */
    List<Point> points(UUID orgId, UUID nodeId, Instant since, int limit) {
        return jdbc.query(
                "SELECT session_id, client_address, client_port, started_at, direction, protocol, streams,"
                        + " planned_seconds, client_version, point, received_at FROM iperf_session_points"
                        + " WHERE org_id = :org AND node_id = :node AND received_at >= :since"
                        + " ORDER BY received_at, session_id, millis LIMIT :limit",
                new MapSqlParameterSource()
                        .addValue("org", orgId.toString())
                        .addValue("node", nodeId.toString())
                        .addValue("since", utc(since))
                        .addValue("limit", limit),
                (rs, n) -> new Point(
                        rs.getString("session_id"),
                        rs.getString("client_address"),
                        rs.getInt("client_port"),
                        Objects.requireNonNull(instant(rs, "started_at")),
                        rs.getString("direction"),
                        rs.getString("protocol"),
                        rs.getInt("streams"),
                        rs.getInt("planned_seconds"),
                        rs.getString("client_version"),
                        json.readValue(rs.getString("point"), SessionInterval.class),
                        Objects.requireNonNull(instant(rs, "received_at"))));
    }

    /** Sessions of the node stored at or after {@code since}, oldest first: the live connection log. */
    List<IperfSession> arrived(UUID orgId, UUID nodeId, Instant since, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM iperf_sessions WHERE org_id = :org AND node_id = :node"
                        + " AND received_at >= :since ORDER BY received_at, id LIMIT :limit",
                new MapSqlParameterSource()
                        .addValue("org", orgId.toString())
                        .addValue("node", nodeId.toString())
                        .addValue("since", utc(since))
                        .addValue("limit", limit),
                ROW);
    }

    /** One page, newest first; {@code limit} rows at most. */
    List<IperfSession> page(
            UUID orgId, UUID nodeId, SessionFilter filter, int limit, SessionFilter.@Nullable Cursor cursor) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM iperf_sessions WHERE ");
        sql.append(where(orgId, nodeId, filter, params));
        if (cursor != null) {
            sql.append(" AND (started_at < :cursorAt OR (started_at = :cursorAt AND id < :cursorId))");
            params.addValue("cursorAt", utc(cursor.startedAt()))
                    .addValue("cursorId", cursor.id().toString());
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT :limit");
        params.addValue("limit", limit);
        return jdbc.query(sql.toString(), params, ROW);
    }

    /** Every matching session, newest first, handed to {@code each} as it is read (exports). */
    void each(UUID orgId, UUID nodeId, SessionFilter filter, int max, Consumer<IperfSession> each) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "SELECT " + COLUMNS + " FROM iperf_sessions WHERE " + where(orgId, nodeId, filter, params)
                + " ORDER BY started_at DESC, id DESC LIMIT :limit";
        params.addValue("limit", max);
        jdbc.query(sql, params, (RowCallbackHandler) rs -> each.accept(ROW.mapRow(rs, 0)));
    }

    /** One session with its intervals. */
    @Nullable
    Detail find(UUID orgId, UUID nodeId, UUID id) {
        List<Detail> found = jdbc.query(
                "SELECT " + COLUMNS + ", intervals FROM iperf_sessions WHERE org_id = :org AND node_id = :node"
                        + " AND id = :id",
                new MapSqlParameterSource()
                        .addValue("org", orgId.toString())
                        .addValue("node", nodeId.toString())
                        .addValue("id", id.toString()),
                (rs, n) -> new Detail(
                        ROW.mapRow(rs, n),
                        json.readValue(rs.getString("intervals"), new TypeReference<List<SessionInterval>>() {})));
        return found.isEmpty() ? null : found.getFirst();
    }

    record Detail(IperfSession session, List<SessionInterval> intervals) {}

    private static String where(UUID orgId, UUID nodeId, SessionFilter filter, MapSqlParameterSource params) {
        List<String> clauses = new ArrayList<>(List.of("org_id = :org", "node_id = :node"));
        params.addValue("org", orgId.toString()).addValue("node", nodeId.toString());
        if (filter.from() != null) {
            clauses.add("started_at >= :from");
            params.addValue("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            clauses.add("started_at < :to");
            params.addValue("to", utc(filter.to()));
        }
        if (filter.client() != null) {
            // Same length first: a 16-byte address must not sort between two 4-byte bounds.
            clauses.add("LENGTH(client_ip) = :ipLength AND client_ip BETWEEN :ipLow AND :ipHigh");
            params.addValue("ipLength", filter.client().low().length)
                    .addValue("ipLow", filter.client().low())
                    .addValue("ipHigh", filter.client().high());
        }
        if (filter.outcome() != null) {
            clauses.add("outcome = :outcome");
            params.addValue("outcome", filter.outcome());
        }
        if (filter.direction() != null) {
            clauses.add("direction = :direction");
            params.addValue("direction", filter.direction());
        }
        if (filter.origin() != null) {
            clauses.add(filter.origin().equals(SessionFilter.ORIGIN_RUN) ? HAS_RUN : "NOT " + HAS_RUN);
        }
        if (filter.protocol() != null) {
            clauses.add("protocol = :protocol");
            params.addValue("protocol", filter.protocol());
        }
        return String.join(" AND ", clauses);
    }

    /** Organisations that have sessions; retention walks them. */
    List<UUID> organisations() {
        return jdbc.query(
                "SELECT DISTINCT org_id FROM iperf_sessions",
                new MapSqlParameterSource(),
                (rs, n) -> UUID.fromString(rs.getString(1)));
    }

    /** Deletes up to {@code batch} of the organisation's sessions that started before {@code cutoff}. */
    int deleteExpired(UUID orgId, Instant cutoff, int batch) {
        return jdbc.update(
                "DELETE FROM iperf_sessions WHERE org_id = :org AND started_at < :cutoff LIMIT :batch",
                new MapSqlParameterSource()
                        .addValue("org", orgId.toString())
                        .addValue("cutoff", utc(cutoff))
                        .addValue("batch", batch));
    }

    /** Deletes up to {@code batch} of the organisation's session-to-run links older than {@code cutoff}. */
    int deleteExpiredRunLinks(UUID orgId, Instant cutoff, int batch) {
        return jdbc.update(
                "DELETE FROM iperf_session_runs WHERE org_id = :org AND started_at < :cutoff LIMIT :batch",
                new MapSqlParameterSource()
                        .addValue("org", orgId.toString())
                        .addValue("cutoff", utc(cutoff))
                        .addValue("batch", batch));
    }

    /** Deletes up to {@code batch} live points that arrived before {@code cutoff}. */
    int deleteStalePoints(Instant cutoff, int batch) {
        return jdbc.update(
                "DELETE FROM iperf_session_points WHERE received_at < :cutoff LIMIT :batch",
                new MapSqlParameterSource().addValue("cutoff", utc(cutoff)).addValue("batch", batch));
    }

    private static final RowMapper<IperfSession> ROW = SessionStore::row;

    private static IperfSession row(ResultSet rs, int n) throws SQLException {
        return new IperfSession(
                UUID.fromString(rs.getString("id")),
                UUID.fromString(rs.getString("node_id")),
                rs.getString("session_id"),
                rs.getString("client_address"),
                rs.getInt("client_port"),
                rs.getString("country_code"),
                rs.getString("region"),
                rs.getString("city"),
                rs.getObject("latitude", Double.class),
                rs.getObject("longitude", Double.class),
                Objects.requireNonNull(instant(rs, "started_at")),
                Objects.requireNonNull(instant(rs, "ended_at")),
                rs.getString("direction"),
                rs.getString("protocol"),
                rs.getInt("streams"),
                rs.getLong("received_bytes"),
                rs.getLong("sent_bytes"),
                rs.getObject("upload_mbps", Double.class),
                rs.getObject("download_mbps", Double.class),
                rs.getObject("retransmits", Long.class),
                rs.getObject("jitter_millis", Double.class),
                rs.getObject("lost_packets", Long.class),
                rs.getObject("total_packets", Long.class),
                rs.getDouble("duration_seconds"),
                rs.getString("outcome"),
                rs.getString("reason"),
                rs.getString("client_version"),
                Objects.requireNonNull(instant(rs, "received_at")),
                rs.getString("run_id") == null ? null : UUID.fromString(rs.getString("run_id")));
    }

    static byte[] ipBytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    private static @Nullable String clip(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
