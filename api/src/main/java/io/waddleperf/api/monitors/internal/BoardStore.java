package io.waddleperf.api.monitors.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code monitor_board}: the live board's rows. One upsert per result appends the result to the
 * row's recent list (trimmed to {@link #RECENT} entries in SQL) and moves "latest" only forward
 * in time, so results that end out of order leave the newest as latest.
 */
@Component
public class BoardStore {

    /** Entries kept per row: the largest window the board offers. */
    public static final int RECENT = 50;

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    BoardStore(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A result as the board keeps it. */
    record Update(
            UUID orgId,
            UUID monitorId,
            UUID nodeId,
            @Nullable String nodeName,
            String probe,
            int tier,
            @Nullable String metric,
            UUID runId,
            Instant at,
            @Nullable Double value,
            String status,
            String verdict,
            Instant now) {}

    void record(Update u) {
        // MariaDB applies the assignments left to right, each seeing the ones before it: last_at
        // is compared before it is moved, so it comes last.
        String entry = "JSON_OBJECT('v', :value, 'f', :failed, 't', :atText)";
        String newer = ":at >= last_at";
        jdbc.update(
                "INSERT INTO monitor_board (monitor_id, node_id, probe, tier, org_id, node_name, metric, last_run_id,"
                        + " last_at, last_value, last_status, last_verdict, recent, version, updated_at) VALUES"
                        + " (:monitor, :node, :probe, :tier, :org, :name, :metric, :run, :at, :value, :status,"
                        + " :verdict, JSON_ARRAY(" + entry + "), 1, :now) ON DUPLICATE KEY UPDATE"
                        + " recent = IF(JSON_LENGTH(recent) >= " + RECENT + ", JSON_ARRAY_APPEND(JSON_REMOVE(recent,"
                        + " '$[0]'), '$', " + entry + "), JSON_ARRAY_APPEND(recent, '$', " + entry + ")),"
                        + " node_name = COALESCE(:name, node_name), metric = :metric,"
                        + " last_run_id = IF(" + newer + ", :run, last_run_id),"
                        + " last_value = IF(" + newer + ", :value, last_value),"
                        + " last_status = IF(" + newer + ", :status, last_status),"
                        + " last_verdict = IF(" + newer + ", :verdict, last_verdict),"
                        + " last_at = GREATEST(last_at, :at), version = version + 1, updated_at = :now",
                new MapSqlParameterSource()
                        .addValue("monitor", u.monitorId().toString())
                        .addValue("node", u.nodeId().toString())
                        .addValue("probe", u.probe())
                        .addValue("tier", u.tier())
                        .addValue("org", u.orgId().toString())
                        .addValue("name", u.nodeName())
                        .addValue("metric", u.metric())
                        .addValue("run", u.runId().toString())
                        .addValue("at", utc(u.at()))
                        .addValue("atText", u.at().toString())
                        .addValue("value", u.value())
                        .addValue("failed", u.status().equals("succeeded") ? 0 : 1)
                        .addValue("status", u.status())
                        .addValue("verdict", u.verdict())
                        .addValue("now", utc(u.now())));
    }

    /** One recent result of a row: its value (null when not measured), whether it failed, when. */
    public record Entry(@Nullable Double v, int f, String t) {}

    /** A stored row with its monitor's name and target. */
    public record Row(
            UUID monitorId,
            String monitorName,
            String target,
            UUID nodeId,
            @Nullable String nodeName,
            String probe,
            int tier,
            @Nullable String metric,
            UUID lastRunId,
            Instant lastAt,
            @Nullable Double lastValue,
            String lastStatus,
            String lastVerdict,
            List<Entry> recent,
            long version,
            Instant updatedAt) {}

    /**
     * The organisation's rows updated at or after {@code since} (all rows when null), oldest
     * update first, at most {@code limit}.
     */
    public List<Row> rows(UUID orgId, @Nullable Instant since, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", orgId.toString());
        String where = "b.org_id = :org";
        if (since != null) {
            where += " AND b.updated_at >= :since";
            params.addValue("since", utc(since));
        }
        return jdbc.query(
                "SELECT b.*, m.name AS monitor_name, m.target FROM monitor_board b JOIN monitors m"
                        + " ON m.id = b.monitor_id AND m.org_id = b.org_id WHERE " + where
                        + " ORDER BY b.updated_at LIMIT " + limit,
                params,
                (rs, i) -> new Row(
                        UUID.fromString(rs.getString("monitor_id")),
                        rs.getString("monitor_name"),
                        rs.getString("target"),
                        UUID.fromString(rs.getString("node_id")),
                        rs.getString("node_name"),
                        rs.getString("probe"),
                        rs.getInt("tier"),
                        rs.getString("metric"),
                        UUID.fromString(rs.getString("last_run_id")),
                        Objects.requireNonNull(instant(rs, "last_at")),
                        rs.getObject("last_value", Double.class),
                        rs.getString("last_status"),
                        rs.getString("last_verdict"),
                        List.of(json.readValue(rs.getString("recent"), Entry[].class)),
                        rs.getLong("version"),
                        Objects.requireNonNull(instant(rs, "updated_at"))));
    }

    void deleteMonitor(UUID orgId, UUID monitorId) {
        jdbc.update(
                "DELETE FROM monitor_board WHERE monitor_id = :monitor AND org_id = :org",
                new MapSqlParameterSource()
                        .addValue("monitor", monitorId.toString())
                        .addValue("org", orgId.toString()));
    }
}
