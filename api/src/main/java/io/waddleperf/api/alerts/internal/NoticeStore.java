package io.waddleperf.api.alerts.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.shared.ids.Ids;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Plain JDBC over {@code alert_notices}: transitions waiting to be told. */
@Component
class NoticeStore {

    private final NamedParameterJdbcTemplate jdbc;

    NoticeStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A pending notice; its id becomes the notification's (idempotency key) when told alone. */
    record Notice(UUID id, UUID alertId, Notification.Kind kind, Instant createdAt) {}

    void add(UUID orgId, UUID alertId, Notification.Kind kind, Instant now) {
        jdbc.update(
                "INSERT INTO alert_notices (id, org_id, alert_id, kind, created_at) VALUES (:id, :org, :alert, :kind,"
                        + " :now)",
                new MapSqlParameterSource()
                        .addValue("id", Ids.newId().toString())
                        .addValue("org", orgId.toString())
                        .addValue("alert", alertId.toString())
                        .addValue("kind", kind.name())
                        .addValue("now", utc(now)));
    }

    /**
     * Organisations to tell now: their oldest pending notice was written at or before {@code
     * heldSince}, and either none came after {@code quietSince} (the burst is over) or the oldest
     * has waited since {@code longestSince} (a burst that goes on is told anyway).
     */
    List<UUID> organisationsDue(Instant heldSince, Instant quietSince, Instant longestSince) {
        return jdbc
                .queryForList(
                        "SELECT org_id FROM alert_notices GROUP BY org_id HAVING MIN(created_at) <= :held"
                                + " AND (MAX(created_at) <= :quiet OR MIN(created_at) <= :longest)",
                        Map.of("held", utc(heldSince), "quiet", utc(quietSince), "longest", utc(longestSince)),
                        String.class)
                .stream()
                .map(UUID::fromString)
                .toList();
    }

    /** The organisation's pending notices, oldest first, at most {@code limit}. */
    List<Notice> pending(UUID orgId, int limit) {
        return jdbc.query(
                "SELECT id, alert_id, kind, created_at FROM alert_notices WHERE org_id = :org"
                        + " ORDER BY created_at, id LIMIT :limit",
                Map.of("org", orgId.toString(), "limit", limit),
                (rs, i) -> new Notice(
                        UUID.fromString(rs.getString(1)),
                        UUID.fromString(rs.getString(2)),
                        Notification.Kind.valueOf(rs.getString(3)),
                        instant(rs, 4)));
    }

    /** Whether notices other than {@code except} are pending for any of {@code alertIds}. */
    boolean pendingFor(UUID orgId, Collection<UUID> alertIds, Collection<UUID> except) {
        if (alertIds.isEmpty()) {
            return false;
        }
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("org", orgId.toString())
                .addValue("alerts", alertIds.stream().map(UUID::toString).toList());
        String sql = "SELECT COUNT(*) FROM alert_notices WHERE org_id = :org AND alert_id IN (:alerts)";
        if (!except.isEmpty()) {
            sql += " AND id NOT IN (:except)";
            params.addValue("except", except.stream().map(UUID::toString).toList());
        }
        Integer count = jdbc.queryForObject(sql, params, Integer.class);
        return count != null && count > 0;
    }

    void delete(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update(
                "DELETE FROM alert_notices WHERE id IN (:ids)",
                Map.of("ids", ids.stream().map(UUID::toString).toList()));
    }
}
