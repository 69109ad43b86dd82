package io.waddleperf.api.alerts.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.alerts.MaintenanceWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Plain JDBC over {@code maintenance_windows}; every statement names its organisation. */
@Component
public class WindowStore {

    private static final String COLUMNS = "id, name, scope_monitor_id, scope_label, starts_at, ends_at, cron,"
            + " duration_seconds, time_zone, created_at, updated_at";

    private final NamedParameterJdbcTemplate jdbc;

    WindowStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID orgId, MaintenanceWindow window) {
        jdbc.update(
                "INSERT INTO maintenance_windows (org_id, " + COLUMNS + ") VALUES (:org, :id, :name, :monitor, :label,"
                        + " :starts, :ends, :cron, :duration, :zone, :created, :updated)",
                values(orgId, window));
    }

    public boolean update(UUID orgId, MaintenanceWindow window) {
        return jdbc.update(
                        "UPDATE maintenance_windows SET name = :name, scope_monitor_id = :monitor, scope_label = :label,"
                                + " starts_at = :starts, ends_at = :ends, cron = :cron, duration_seconds = :duration,"
                                + " time_zone = :zone, updated_at = :updated WHERE id = :id AND org_id = :org",
                        values(orgId, window))
                == 1;
    }

    public boolean delete(UUID orgId, UUID id) {
        return jdbc.update(
                        "DELETE FROM maintenance_windows WHERE id = :id AND org_id = :org",
                        Map.of("id", id.toString(), "org", orgId.toString()))
                == 1;
    }

    /** The organisation's windows, active or not ({@code activeNow} is the caller's to fill in). */
    public List<MaintenanceWindow> list(UUID orgId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM maintenance_windows WHERE org_id = :org ORDER BY name, id",
                Map.of("org", orgId.toString()),
                (rs, i) -> window(rs));
    }

    public Optional<MaintenanceWindow> find(UUID orgId, UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM maintenance_windows WHERE id = :id AND org_id = :org",
                        Map.of("id", id.toString(), "org", orgId.toString()),
                        (rs, i) -> window(rs))
                .stream()
                .findFirst();
    }

    private static MapSqlParameterSource values(UUID orgId, MaintenanceWindow window) {
        return new MapSqlParameterSource()
                .addValue("org", orgId.toString())
                .addValue("id", window.id().toString())
                .addValue("name", window.name())
                .addValue(
                        "monitor",
                        window.scope().monitorId() == null
                                ? null
                                : window.scope().monitorId().toString())
                .addValue("label", window.scope().label())
                .addValue("starts", window.startsAt() == null ? null : utc(window.startsAt()))
                .addValue("ends", window.endsAt() == null ? null : utc(window.endsAt()))
                .addValue("cron", window.cron())
                .addValue("duration", window.durationSeconds())
                .addValue("zone", window.timeZone())
                .addValue("created", utc(window.createdAt()))
                .addValue("updated", utc(window.updatedAt()));
    }

    private static MaintenanceWindow window(ResultSet rs) throws SQLException {
        String monitor = rs.getString("scope_monitor_id");
        int duration = rs.getInt("duration_seconds");
        Integer durationSeconds = rs.wasNull() ? null : duration;
        return new MaintenanceWindow(
                UUID.fromString(rs.getString("id")),
                rs.getString("name"),
                new AlertRule.Scope(monitor == null ? null : UUID.fromString(monitor), rs.getString("scope_label")),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"),
                rs.getString("cron"),
                durationSeconds,
                rs.getString("time_zone"),
                false,
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    /** Whether any of the organisation's windows covering the monitor is active at {@code at}. */
    public boolean anyActive(UUID orgId, UUID monitorId, java.util.Set<String> labels, Instant at) {
        return list(orgId).stream()
                .anyMatch(w -> Windows.covers(w.scope(), monitorId, labels) && Windows.active(w, at));
    }
}
