package io.waddleperf.api.notifications.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.notifications.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Plain JDBC over {@code notification_outbox}. Every write after the insert names its row by
 * primary key and, once claimed, by the lease token, so a replica whose lease ran out cannot
 * record over the replica that took the row next.
 */
@Component
class OutboxStore {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String GIVEN_UP = "given_up";

    private static final String COLUMNS = "notification_id, channel_id, org_id, subject, kind, severity, payload,"
            + " attempts, occurred_at, enqueued_at";

    private final NamedParameterJdbcTemplate jdbc;

    OutboxStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A queued notification for one channel, as the sender needs it. */
    record Row(
            UUID notificationId,
            UUID channelId,
            UUID orgId,
            @Nullable UUID subject,
            Notification.Kind kind,
            Severity severity,
            String payload,
            int attempts,
            Instant occurredAt,
            Instant enqueuedAt) {}

    void insert(Row row, Instant now) {
        jdbc.update(
                "INSERT INTO notification_outbox (" + COLUMNS + ", state, next_attempt_at) VALUES (:id, :channel,"
                        + " :org, :subject, :kind, :severity, :payload, 0, :occurred, :now, :pending, :now)",
                new MapSqlParameterSource()
                        .addValue("id", row.notificationId().toString())
                        .addValue("channel", row.channelId().toString())
                        .addValue("org", row.orgId().toString())
                        .addValue(
                                "subject",
                                row.subject() == null ? null : row.subject().toString())
                        .addValue("kind", row.kind().name())
                        .addValue("severity", row.severity().name())
                        .addValue("payload", row.payload())
                        .addValue("occurred", utc(row.occurredAt()))
                        .addValue("now", utc(now))
                        .addValue("pending", PENDING));
    }

    /** The channels a notification is already queued for (a repeated enqueue adds no rows). */
    Set<UUID> queuedChannels(UUID notificationId) {
        return jdbc
                .queryForList(
                        "SELECT channel_id FROM notification_outbox WHERE notification_id = :id",
                        Map.of("id", notificationId.toString()),
                        String.class)
                .stream()
                .map(UUID::fromString)
                .collect(Collectors.toSet());
    }

    /**
     * Pending rows whose back-off has passed and that no live lease holds, each the earliest
     * pending one of its (channel, subject): a later notification about the same subject waits
     * until the earlier one is delivered or given up.
     */
    List<Row> due(Instant now, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM notification_outbox o WHERE o.state = :pending"
                        + " AND o.next_attempt_at <= :now AND (o.lease_until IS NULL OR o.lease_until < :now)"
                        + " AND NOT EXISTS (SELECT 1 FROM notification_outbox e WHERE e.channel_id = o.channel_id"
                        + " AND e.subject = o.subject AND e.state = :pending AND (e.occurred_at < o.occurred_at"
                        + " OR (e.occurred_at = o.occurred_at AND (e.enqueued_at < o.enqueued_at"
                        + " OR (e.enqueued_at = o.enqueued_at AND e.notification_id < o.notification_id)))))"
                        + " ORDER BY o.next_attempt_at LIMIT :limit",
                Map.of("pending", PENDING, "now", utc(now), "limit", limit),
                (rs, i) -> row(rs));
    }

    /** Takes the row for {@code leaseUntil}; exactly one caller wins while the row is free. */
    boolean claim(Row row, String token, Instant now, Instant leaseUntil) {
        return jdbc.update(
                        "UPDATE notification_outbox SET lease_token = :token, lease_until = :until"
                                + " WHERE notification_id = :id AND channel_id = :channel AND state = :pending"
                                + " AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)",
                        key(row).addValue("token", token)
                                .addValue("until", utc(leaseUntil))
                                .addValue("now", utc(now))
                                .addValue("pending", PENDING))
                == 1;
    }

    /** Ends a claimed row ({@code delivered} or {@code given_up}); false when the lease was lost. */
    boolean finish(Row row, String token, String state, Instant now, @Nullable String error) {
        return jdbc.update(
                        "UPDATE notification_outbox SET state = :state, attempts = attempts + 1, finished_at = :now,"
                                + " last_error = :error, lease_token = NULL, lease_until = NULL"
                                + " WHERE notification_id = :id AND channel_id = :channel AND state = :pending"
                                + " AND lease_token = :token",
                        key(row).addValue("state", state)
                                .addValue("now", utc(now))
                                .addValue("error", error == null ? null : Texts.truncate(error, 500))
                                .addValue("pending", PENDING)
                                .addValue("token", token))
                == 1;
    }

    /** A failed attempt of a claimed row: tried again at {@code next}; false when the lease was lost. */
    boolean reschedule(Row row, String token, Instant next, String error) {
        return jdbc.update(
                        "UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = :next,"
                                + " last_error = :error, lease_token = NULL, lease_until = NULL"
                                + " WHERE notification_id = :id AND channel_id = :channel AND state = :pending"
                                + " AND lease_token = :token",
                        key(row).addValue("next", utc(next))
                                .addValue("error", Texts.truncate(error, 500))
                                .addValue("pending", PENDING)
                                .addValue("token", token))
                == 1;
    }

    /** A deleted channel's queue goes with it. */
    int deleteForChannel(UUID orgId, UUID channelId) {
        return jdbc.update(
                "DELETE FROM notification_outbox WHERE org_id = :org AND channel_id = :channel",
                Map.of("org", orgId.toString(), "channel", channelId.toString()));
    }

    /** Deletes up to {@code limit} delivered or given-up rows that ended before {@code cutoff}. */
    int purge(UUID orgId, Instant cutoff, int limit) {
        return jdbc.update(
                "DELETE FROM notification_outbox WHERE org_id = :org AND state IN (:ended) AND finished_at < :cutoff"
                        + " LIMIT :limit",
                Map.of(
                        "org",
                        orgId.toString(),
                        "ended",
                        List.of(DELIVERED, GIVEN_UP),
                        "cutoff",
                        utc(cutoff),
                        "limit",
                        limit));
    }

    /** The state of each channel's row of one notification. */
    Map<UUID, String> states(UUID notificationId) {
        Map<UUID, String> states = new HashMap<>();
        jdbc.query(
                "SELECT channel_id, state FROM notification_outbox WHERE notification_id = :id",
                Map.of("id", notificationId.toString()),
                rs -> {
                    states.put(UUID.fromString(rs.getString(1)), rs.getString(2));
                });
        return states;
    }

    /** Outbox depth and the oldest pending row's enqueue time, for the gauges. */
    record Backlog(long depth, @Nullable Instant oldestEnqueuedAt) {}

    Backlog backlog() {
        return jdbc.queryForObject(
                "SELECT COUNT(*), MIN(enqueued_at) FROM notification_outbox WHERE state = :pending",
                Map.of("pending", PENDING),
                (rs, i) -> new Backlog(rs.getLong(1), instant(rs, 2)));
    }

    private static MapSqlParameterSource key(Row row) {
        return new MapSqlParameterSource()
                .addValue("id", row.notificationId().toString())
                .addValue("channel", row.channelId().toString());
    }

    private static Row row(ResultSet rs) throws SQLException {
        String subject = rs.getString("subject");
        return new Row(
                UUID.fromString(rs.getString("notification_id")),
                UUID.fromString(rs.getString("channel_id")),
                UUID.fromString(rs.getString("org_id")),
                subject == null ? null : UUID.fromString(subject),
                Notification.Kind.valueOf(rs.getString("kind")),
                Severity.valueOf(rs.getString("severity")),
                rs.getString("payload"),
                rs.getInt("attempts"),
                instant(rs, "occurred_at"),
                instant(rs, "enqueued_at"));
    }
}
