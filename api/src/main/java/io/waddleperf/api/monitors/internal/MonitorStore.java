package io.waddleperf.api.monitors.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.monitors.Monitor;
import io.waddleperf.api.monitors.Monitor.ActiveWindow;
import io.waddleperf.api.monitors.Monitor.MonitorSchedule;
import io.waddleperf.api.monitors.Monitor.VantagePoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain JDBC over {@code monitors} and {@code monitor_rounds}. Statements for people name their
 * organisation; the scheduler's work across organisations by id.
 */
@Component
public class MonitorStore {

    private static final String COLUMNS = "id, org_id, name, target, probes, vantage, interval_seconds, cron,"
            + " time_zone, active_window, udp_echo_port, iperf_port, tier2_cooldown_seconds, tier3_cooldown_seconds,"
            + " enabled, anchor_at, next_due_at, last_round_at, created_at, updated_at, version";

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    MonitorStore(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A stored monitor with what the scheduler needs besides the view. */
    public record Row(UUID orgId, Monitor monitor, Instant anchorAt, Instant nextDueAt, long version) {}

    /**
     * A monitor's slot waiting for a replica: the monitor as the poller read it, so the round need
     * not read it again (the claim's version check refuses the slot if it changed since). The slot
     * is the monitor, its due time and its version; the rest of the copy is not part of it.
     */
    public record Due(Row row) {

        public UUID id() {
            return row.monitor().id();
        }

        public UUID orgId() {
            return row.orgId();
        }

        public Instant dueAt() {
            return row.nextDueAt();
        }

        public long version() {
            return row.version();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Due that
                    && id().equals(that.id())
                    && dueAt().equals(that.dueAt())
                    && version() == that.version();
        }

        @Override
        public int hashCode() {
            return Objects.hash(id(), dueAt(), version());
        }
    }

    void insert(UUID orgId, Monitor monitor, Instant anchorAt, Instant nextDueAt) {
        jdbc.update(
                "INSERT INTO monitors (" + COLUMNS + ") VALUES (:id, :org, :name, :target, :probes, :vantage,"
                        + " :interval, :cron, :zone, :window, :echo, :iperf, :cool2, :cool3, :enabled, :anchor, :next,"
                        + " NULL, :created, :updated, 0)",
                values(orgId, monitor, anchorAt, nextDueAt));
    }

    /** Replaces a monitor's settings; answers false when it is not the organisation's. */
    boolean update(UUID orgId, Monitor monitor, Instant anchorAt, Instant nextDueAt) {
        return jdbc.update(
                        "UPDATE monitors SET name = :name, target = :target, probes = :probes, vantage = :vantage,"
                                + " interval_seconds = :interval, cron = :cron, time_zone = :zone,"
                                + " active_window = :window, udp_echo_port = :echo, iperf_port = :iperf,"
                                + " tier2_cooldown_seconds = :cool2, tier3_cooldown_seconds = :cool3, enabled = :enabled,"
                                + " anchor_at = :anchor, next_due_at = :next, updated_at = :updated,"
                                + " version = version + 1 WHERE id = :id AND org_id = :org",
                        values(orgId, monitor, anchorAt, nextDueAt))
                == 1;
    }

    private MapSqlParameterSource values(UUID orgId, Monitor monitor, Instant anchorAt, Instant nextDueAt) {
        MonitorSchedule schedule = monitor.schedule();
        return new MapSqlParameterSource()
                .addValue("id", monitor.id().toString())
                .addValue("org", orgId.toString())
                .addValue("name", monitor.name())
                .addValue("target", monitor.target())
                .addValue("probes", json.writeValueAsString(monitor.probes()))
                .addValue("vantage", json.writeValueAsString(monitor.vantage()))
                .addValue("interval", schedule.intervalSeconds())
                .addValue("cron", schedule.cron())
                .addValue("zone", schedule.timeZone())
                .addValue(
                        "window",
                        monitor.activeWindow() == null ? null : json.writeValueAsString(monitor.activeWindow()))
                .addValue("echo", monitor.udpEchoPort())
                .addValue("iperf", monitor.iperfPort())
                .addValue("cool2", monitor.escalation().tier2CooldownSeconds())
                .addValue("cool3", monitor.escalation().tier3CooldownSeconds())
                .addValue("enabled", monitor.enabled())
                .addValue("anchor", utc(anchorAt))
                .addValue("next", utc(nextDueAt))
                .addValue("created", utc(monitor.createdAt()))
                .addValue("updated", utc(monitor.updatedAt()));
    }

    public List<Row> list(UUID orgId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM monitors WHERE org_id = :org ORDER BY name, id",
                Map.of("org", orgId.toString()),
                (rs, i) -> row(rs));
    }

    public Optional<Row> find(UUID orgId, UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM monitors WHERE id = :id AND org_id = :org",
                        Map.of("id", id.toString(), "org", orgId.toString()),
                        (rs, i) -> row(rs))
                .stream()
                .findFirst();
    }

    Optional<Row> find(UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM monitors WHERE id = :id",
                        Map.of("id", id.toString()),
                        (rs, i) -> row(rs))
                .stream()
                .findFirst();
    }

    public boolean delete(UUID orgId, UUID id) {
        return jdbc.update(
                        "DELETE FROM monitors WHERE id = :id AND org_id = :org",
                        Map.of("id", id.toString(), "org", orgId.toString()))
                == 1;
    }

    /** Enabled monitors whose slot has come, the longest waiting first. */
    List<Due> due(Instant now, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM monitors WHERE enabled = TRUE AND next_due_at <= :now"
                        + " ORDER BY next_due_at LIMIT :limit",
                Map.of("now", utc(now), "limit", limit),
                (rs, i) -> new Due(row(rs)));
    }

    /**
     * Claims the slot {@code due} names by moving the monitor to {@code next}: exactly one caller
     * succeeds for a version; answers whether this one did.
     */
    boolean claim(Due due, Instant next, Instant now) {
        return jdbc.update(
                        "UPDATE monitors SET next_due_at = :next, last_round_at = :now, version = version + 1"
                                + " WHERE id = :id AND version = :version AND next_due_at = :due",
                        Map.of(
                                "next",
                                utc(next),
                                "now",
                                utc(now),
                                "id",
                                due.id().toString(),
                                "version",
                                due.version(),
                                "due",
                                utc(due.dueAt())))
                == 1;
    }

    /** A slot that ran. */
    record Round(
            UUID monitorId,
            UUID orgId,
            Instant dueAt,
            Instant dispatchedAt,
            boolean late,
            int missedSlots,
            List<UUID> runIds,
            String replica) {}

    void insertRound(Round round) {
        jdbc.update(
                "INSERT INTO monitor_rounds (monitor_id, due_at, org_id, dispatched_at, lateness_ms, late, missed_slots,"
                        + " node_count, run_ids, replica) VALUES (:monitor, :due, :org, :dispatched, :lateness, :late,"
                        + " :missed, :nodes, :runs, :replica)",
                new MapSqlParameterSource()
                        .addValue("monitor", round.monitorId().toString())
                        .addValue("due", utc(round.dueAt()))
                        .addValue("org", round.orgId().toString())
                        .addValue("dispatched", utc(round.dispatchedAt()))
                        .addValue(
                                "lateness",
                                java.time.Duration.between(round.dueAt(), round.dispatchedAt())
                                        .toMillis())
                        .addValue("late", round.late())
                        .addValue("missed", round.missedSlots())
                        .addValue("nodes", round.runIds().size())
                        .addValue("runs", json.writeValueAsString(round.runIds()))
                        .addValue("replica", round.replica()));
    }

    /**
     * Claims the monitor's escalation to {@code tier} at {@code now} unless one ran within its
     * cooldown; exactly one caller wins per cooldown, whichever replica it runs on.
     */
    public boolean claimEscalation(UUID id, int tier, Instant now) {
        String last = tier == 2 ? "last_tier2_at" : "last_tier3_at";
        String cooldown = tier == 2 ? "tier2_cooldown_seconds" : "tier3_cooldown_seconds";
        return jdbc.update(
                        "UPDATE monitors SET " + last + " = :now WHERE id = :id AND (" + last + " IS NULL OR " + last
                                + " <= :now - INTERVAL " + cooldown + " SECOND)",
                        Map.of("now", utc(now), "id", id.toString()))
                == 1;
    }

    /**
     * The round (slot) whose tier runs include {@code tierRunId}, looking back from {@code before}
     * over the monitor's last few rounds only: a result belongs to a recent round.
     */
    public Optional<RoundRef> roundOf(UUID monitorId, UUID tierRunId, Instant before) {
        String wanted = tierRunId.toString();
        return jdbc
                .query(
                        "SELECT due_at, node_count, run_ids FROM monitor_rounds WHERE monitor_id = :monitor"
                                + " AND due_at <= :before ORDER BY due_at DESC LIMIT 5",
                        Map.of("monitor", monitorId.toString(), "before", utc(before)),
                        (rs, i) -> new RoundRef(
                                instant(rs, 1),
                                rs.getInt(2),
                                json.readValue(rs.getString(3), new TypeReference<List<String>>() {})))
                .stream()
                .filter(round -> round.runIds().contains(wanted))
                .findFirst();
    }

    /** A stored round: its slot, how many vantage nodes it ran on and their tier runs. */
    public record RoundRef(Instant dueAt, int nodeCount, List<String> runIds) {}

    long countAll() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM monitors", Map.of(), Long.class);
        return count == null ? 0 : count;
    }

    private Row row(ResultSet rs) throws SQLException {
        UUID id = UUID.fromString(rs.getString("id"));
        int interval = rs.getInt("interval_seconds");
        Integer intervalSeconds = rs.wasNull() ? null : interval;
        int echo = rs.getInt("udp_echo_port");
        Integer udpEchoPort = rs.wasNull() ? null : echo;
        int iperf = rs.getInt("iperf_port");
        Integer iperfPort = rs.wasNull() ? null : iperf;
        String window = rs.getString("active_window");
        boolean enabled = rs.getBoolean("enabled");
        Instant nextDue = instant(rs, "next_due_at");
        Monitor monitor = new Monitor(
                id,
                rs.getString("name"),
                rs.getString("target"),
                json.readValue(rs.getString("probes"), new TypeReference<List<String>>() {}),
                json.readValue(rs.getString("vantage"), new TypeReference<List<VantagePoint>>() {}),
                new MonitorSchedule(intervalSeconds, rs.getString("cron"), rs.getString("time_zone")),
                window == null ? null : json.readValue(window, ActiveWindow.class),
                udpEchoPort,
                iperfPort,
                new Monitor.Escalation(rs.getInt("tier2_cooldown_seconds"), rs.getInt("tier3_cooldown_seconds")),
                enabled,
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                enabled ? nextDue : null,
                instant(rs, "last_round_at"));
        return new Row(
                UUID.fromString(rs.getString("org_id")),
                monitor,
                instant(rs, "anchor_at"),
                nextDue,
                rs.getLong("version"));
    }
}
