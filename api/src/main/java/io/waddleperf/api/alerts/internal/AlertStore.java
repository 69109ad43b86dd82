package io.waddleperf.api.alerts.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.alerts.Alert;
import io.waddleperf.api.alerts.AlertDetail.Transition;
import io.waddleperf.api.alerts.MonitorAlerts;
import io.waddleperf.api.notifications.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Plain JDBC over {@code alerts}. Statements for people name their organisation. */
@Component
public class AlertStore {

    private static final String COLUMNS = "id, org_id, rule_id, rule_name, monitor_id, monitor_name, severity,"
            + " state, suppressed, group_id, cause, raised_at, acknowledged_at, acknowledged_by, resolved_at,"
            + " resolved_by, timeline";

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    AlertStore(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An alert with its organisation and timeline, as stored. */
    public record Row(UUID orgId, Alert alert, List<Transition> timeline) {}

    /** What to filter {@code GET /alerts} by; null fields do not filter. */
    public record Filter(
            Alert.@Nullable State state,
            @Nullable Severity severity,
            @Nullable UUID monitorId,
            @Nullable UUID ruleId,
            @Nullable Instant from,
            @Nullable Instant to,
            int limit) {}

    static String openKey(UUID ruleId, UUID monitorId) {
        return ruleId + ":" + monitorId;
    }

    void insert(UUID orgId, Alert alert, Transition raised) {
        jdbc.update(
                "INSERT INTO alerts (" + COLUMNS + ", open_key) VALUES (:id, :org, :rule, :ruleName, :monitor,"
                        + " :monitorName, :severity, :state, :suppressed, NULL, :cause, :raised, NULL, NULL, NULL, NULL,"
                        + " :timeline, :openKey)",
                new MapSqlParameterSource()
                        .addValue("id", alert.id().toString())
                        .addValue("org", orgId.toString())
                        .addValue("rule", alert.ruleId().toString())
                        .addValue("ruleName", alert.ruleName())
                        .addValue("monitor", alert.monitorId().toString())
                        .addValue("monitorName", alert.monitorName())
                        .addValue("severity", alert.severity().name())
                        .addValue("state", alert.state().name())
                        .addValue("suppressed", alert.suppressed())
                        .addValue("cause", truncate(alert.cause(), 1000))
                        .addValue("raised", utc(alert.raisedAt()))
                        .addValue("timeline", json.writeValueAsString(List.of(raised)))
                        .addValue("openKey", openKey(alert.ruleId(), alert.monitorId())));
    }

    Optional<Row> lock(UUID orgId, UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM alerts WHERE id = :id AND org_id = :org FOR UPDATE",
                        Map.of("id", id.toString(), "org", orgId.toString()),
                        (rs, i) -> row(rs))
                .stream()
                .findFirst();
    }

    public Optional<Row> find(UUID orgId, UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM alerts WHERE id = :id AND org_id = :org",
                        Map.of("id", id.toString(), "org", orgId.toString()),
                        (rs, i) -> row(rs))
                .stream()
                .findFirst();
    }

    List<Row> byIds(UUID orgId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM alerts WHERE org_id = :org AND id IN (:ids)",
                new MapSqlParameterSource()
                        .addValue("org", orgId.toString())
                        .addValue("ids", ids.stream().map(UUID::toString).toList()),
                (rs, i) -> row(rs));
    }

    void acknowledge(UUID id, Instant at, String by, List<Transition> timeline) {
        jdbc.update(
                "UPDATE alerts SET state = 'ACKNOWLEDGED', acknowledged_at = :at, acknowledged_by = :by,"
                        + " timeline = :timeline WHERE id = :id",
                new MapSqlParameterSource()
                        .addValue("id", id.toString())
                        .addValue("at", utc(at))
                        .addValue("by", truncate(by, 320))
                        .addValue("timeline", json.writeValueAsString(timeline)));
    }

    /** Resolves the alert and frees its rule x monitor for the next one. */
    void resolve(UUID id, Instant at, @Nullable String by, List<Transition> timeline) {
        jdbc.update(
                "UPDATE alerts SET state = 'RESOLVED', open_key = NULL, resolved_at = :at, resolved_by = :by,"
                        + " timeline = :timeline WHERE id = :id",
                new MapSqlParameterSource()
                        .addValue("id", id.toString())
                        .addValue("at", utc(at))
                        .addValue("by", by == null ? null : truncate(by, 320))
                        .addValue("timeline", json.writeValueAsString(timeline)));
    }

    /** The unresolved alerts of a rule, for resolving them when it goes. */
    List<UUID> unresolvedOfRule(UUID orgId, UUID ruleId) {
        return jdbc
                .queryForList(
                        "SELECT id FROM alerts WHERE org_id = :org AND rule_id = :rule AND state <> 'RESOLVED'",
                        Map.of("org", orgId.toString(), "rule", ruleId.toString()),
                        String.class)
                .stream()
                .map(UUID::fromString)
                .toList();
    }

    /** The unresolved alerts of a monitor, for resolving them when it goes. */
    List<UUID> unresolvedOfMonitor(UUID orgId, UUID monitorId) {
        return jdbc
                .queryForList(
                        "SELECT id FROM alerts WHERE org_id = :org AND monitor_id = :monitor AND state <> 'RESOLVED'",
                        Map.of("org", orgId.toString(), "monitor", monitorId.toString()),
                        String.class)
                .stream()
                .map(UUID::fromString)
                .toList();
    }

    public List<Alert> list(UUID orgId, Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE org_id = :org");
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("org", orgId.toString());
        if (filter.state() != null) {
            sql.append(" AND state = :state");
            params.addValue("state", filter.state().name());
        }
        if (filter.severity() != null) {
            sql.append(" AND severity = :severity");
            params.addValue("severity", filter.severity().name());
        }
        if (filter.monitorId() != null) {
            sql.append(" AND monitor_id = :monitor");
            params.addValue("monitor", filter.monitorId().toString());
        }
        if (filter.ruleId() != null) {
            sql.append(" AND rule_id = :rule");
            params.addValue("rule", filter.ruleId().toString());
        }
        if (filter.from() != null) {
            sql.append(" AND raised_at >= :from");
            params.addValue("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND raised_at < :to");
            params.addValue("to", utc(filter.to()));
        }
        sql.append(" ORDER BY raised_at DESC, id DESC LIMIT :limit");
        params.addValue("limit", filter.limit());
        return jdbc.query(sql.toString(), params, (rs, i) -> row(rs).alert());
    }

    /**
     * Every unresolved alert of the organisation, oldest first: at most one per rule x monitor, so
     * bounded by the rules and monitors there are, without a page limit.
     */
    public List<Alert> unresolved(UUID orgId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM alerts WHERE org_id = :org AND open_key IS NOT NULL"
                        + " ORDER BY raised_at, id",
                Map.of("org", orgId.toString()),
                (rs, i) -> row(rs).alert());
    }

    /** Per monitor, its unresolved alerts: how many open, how many acknowledged, how severe. */
    public List<MonitorAlerts> unresolvedByMonitor(UUID orgId) {
        return jdbc.query(
                "SELECT monitor_id, SUM(state = 'OPEN'), SUM(state = 'ACKNOWLEDGED'),"
                        + " MAX(CASE severity WHEN 'CRITICAL' THEN 2 WHEN 'WARNING' THEN 1 ELSE 0 END)"
                        + " FROM alerts WHERE org_id = :org AND open_key IS NOT NULL GROUP BY monitor_id",
                Map.of("org", orgId.toString()),
                (rs, i) -> new MonitorAlerts(
                        UUID.fromString(rs.getString(1)), rs.getInt(2), rs.getInt(3), Severity.values()[rs.getInt(4)]));
    }

    /** Alerts raised (and not suppressed) in the organisation since {@code since}. */
    int raisedSince(UUID orgId, Instant since) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM alerts WHERE org_id = :org AND raised_at >= :since AND suppressed = FALSE",
                Map.of("org", orgId.toString(), "since", utc(since)),
                Integer.class);
        return count == null ? 0 : count;
    }

    /**
     * The storm group still going in the organisation: one with unresolved alerts, the newest of
     * which was raised since {@code since}.
     */
    Optional<UUID> activeGroup(UUID orgId, Instant since) {
        return jdbc
                .queryForList(
                        "SELECT group_id FROM alerts WHERE org_id = :org AND group_id IS NOT NULL"
                                + " AND open_key IS NOT NULL GROUP BY group_id HAVING MAX(raised_at) >= :since"
                                + " ORDER BY MAX(raised_at) DESC LIMIT 1",
                        Map.of("org", orgId.toString(), "since", utc(since)),
                        String.class)
                .stream()
                .map(UUID::fromString)
                .findFirst();
    }

    void joinGroup(UUID orgId, Collection<UUID> alertIds, UUID groupId) {
        jdbc.update(
                "UPDATE alerts SET group_id = :group WHERE org_id = :org AND id IN (:ids)",
                new MapSqlParameterSource()
                        .addValue("group", groupId.toString())
                        .addValue("org", orgId.toString())
                        .addValue("ids", alertIds.stream().map(UUID::toString).toList()));
    }

    List<Row> group(UUID orgId, UUID groupId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM alerts WHERE org_id = :org AND group_id = :group ORDER BY raised_at, id",
                Map.of("org", orgId.toString(), "group", groupId.toString()),
                (rs, i) -> row(rs));
    }

    /** Organisations with resolved alerts, for retention. */
    List<UUID> organisationsWithResolved() {
        return jdbc
                .queryForList("SELECT DISTINCT org_id FROM alerts WHERE state = 'RESOLVED'", Map.of(), String.class)
                .stream()
                .map(UUID::fromString)
                .toList();
    }

    /** Deletes at most {@code limit} alerts resolved before {@code cutoff}; answers how many. */
    int deleteResolvedBefore(UUID orgId, Instant cutoff, int limit) {
        return jdbc.update(
                "DELETE FROM alerts WHERE org_id = :org AND state = 'RESOLVED' AND resolved_at < :cutoff LIMIT :limit",
                Map.of("org", orgId.toString(), "cutoff", utc(cutoff), "limit", limit));
    }

    private Row row(ResultSet rs) throws SQLException {
        String group = rs.getString("group_id");
        Alert alert = new Alert(
                UUID.fromString(rs.getString("id")),
                UUID.fromString(rs.getString("rule_id")),
                rs.getString("rule_name"),
                UUID.fromString(rs.getString("monitor_id")),
                rs.getString("monitor_name"),
                Severity.valueOf(rs.getString("severity")),
                Alert.State.valueOf(rs.getString("state")),
                rs.getBoolean("suppressed"),
                group == null ? null : UUID.fromString(group),
                rs.getString("cause"),
                instant(rs, "raised_at"),
                instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                instant(rs, "resolved_at"),
                rs.getString("resolved_by"));
        List<Transition> timeline =
                new ArrayList<>(json.readValue(rs.getString("timeline"), new TypeReference<List<Transition>>() {}));
        return new Row(UUID.fromString(rs.getString("org_id")), alert, timeline);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
