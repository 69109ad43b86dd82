package io.waddleperf.api.notifications.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.notifications.DeliveryAttempt;
import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.shared.ids.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Plain JDBC over {@code notification_attempts}: the delivery log. */
@Component
class AttemptStore {

    private static final String COLUMNS = "notification_id, channel_id, channel_name, kind, attempt, attempted_at,"
            + " delivered, status_code, latency_ms, error";

    private final NamedParameterJdbcTemplate jdbc;

    AttemptStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID orgId, @Nullable UUID subject, DeliveryAttempt attempt) {
        jdbc.update(
                "INSERT INTO notification_attempts (id, org_id, subject, " + COLUMNS + ") VALUES (:id, :org, :subject,"
                        + " :notification, :channel, :name, :kind, :attempt, :at, :delivered, :status, :latency, :error)",
                new MapSqlParameterSource()
                        .addValue("id", Ids.newId().toString())
                        .addValue("org", orgId.toString())
                        .addValue("subject", subject == null ? null : subject.toString())
                        .addValue("notification", attempt.notificationId().toString())
                        .addValue("channel", attempt.channelId().toString())
                        .addValue("name", attempt.channelName())
                        .addValue("kind", attempt.kind().name())
                        .addValue("attempt", attempt.attempt())
                        .addValue("at", utc(attempt.at()))
                        .addValue("delivered", attempt.delivered())
                        .addValue("status", attempt.statusCode())
                        .addValue("latency", attempt.latencyMs())
                        .addValue("error", attempt.error() == null ? null : Texts.truncate(attempt.error(), 500)));
    }

    /** Every attempt about one subject, oldest first. */
    List<DeliveryAttempt> forSubject(UUID orgId, UUID subject) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM notification_attempts WHERE org_id = :org AND subject = :subject"
                        + " ORDER BY attempted_at, id",
                Map.of("org", orgId.toString(), "subject", subject.toString()),
                (rs, i) -> attempt(rs));
    }

    /** A channel's attempts, newest first, before {@code before} when given. */
    List<DeliveryAttempt> forChannel(UUID orgId, UUID channelId, @Nullable Instant before, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM notification_attempts WHERE org_id = :org AND channel_id = :channel"
                        + (before == null ? "" : " AND attempted_at < :before")
                        + " ORDER BY attempted_at DESC, id DESC LIMIT :limit",
                new MapSqlParameterSource()
                        .addValue("org", orgId.toString())
                        .addValue("channel", channelId.toString())
                        .addValue("before", before == null ? null : utc(before))
                        .addValue("limit", limit),
                (rs, i) -> attempt(rs));
    }

    /** Organisations with attempts or outbox rows: the ones retention looks at. */
    Set<UUID> organisations() {
        Set<UUID> orgs = new LinkedHashSet<>();
        jdbc.queryForList(
                        "SELECT DISTINCT org_id FROM notification_attempts UNION SELECT DISTINCT org_id"
                                + " FROM notification_outbox",
                        Map.of(),
                        String.class)
                .forEach(id -> orgs.add(UUID.fromString(id)));
        return orgs;
    }

    /** Deletes up to {@code limit} attempts made before {@code cutoff}. */
    int purge(UUID orgId, Instant cutoff, int limit) {
        return jdbc.update(
                "DELETE FROM notification_attempts WHERE org_id = :org AND attempted_at < :cutoff LIMIT :limit",
                Map.of("org", orgId.toString(), "cutoff", utc(cutoff), "limit", limit));
    }

    private static DeliveryAttempt attempt(ResultSet rs) throws SQLException {
        Integer status = rs.getObject("status_code", Integer.class);
        return new DeliveryAttempt(
                UUID.fromString(rs.getString("notification_id")),
                UUID.fromString(rs.getString("channel_id")),
                rs.getString("channel_name"),
                Notification.Kind.valueOf(rs.getString("kind")),
                rs.getInt("attempt"),
                instant(rs, "attempted_at"),
                rs.getBoolean("delivered"),
                status,
                rs.getLong("latency_ms"),
                rs.getString("error"));
    }
}
