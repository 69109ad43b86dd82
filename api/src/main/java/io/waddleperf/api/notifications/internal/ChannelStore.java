package io.waddleperf.api.notifications.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.notifications.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Plain JDBC over {@code notification_channels}; every statement names the organisation. */
@Component
class ChannelStore {

    private static final String COLUMNS = "id, org_id, name, type, severities, target, recipients, secret, healthy,"
            + " consecutive_failures, failing_since, last_error, last_attempt_at, last_delivered_at, created_at,"
            + " updated_at";

    private final NamedParameterJdbcTemplate jdbc;

    ChannelStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Channel channel) {
        jdbc.update(
                "INSERT INTO notification_channels (id, org_id, name, type, severities, target, recipients, secret,"
                        + " created_at, updated_at) VALUES (:id, :org, :name, :type, :severities, :target,"
                        + " :recipients, :secret, :created, :updated)",
                values(channel));
    }

    /** Replaces name, severities, target, recipients and secret; false when not the org's. */
    boolean update(Channel channel) {
        return jdbc.update(
                        "UPDATE notification_channels SET name = :name, severities = :severities, target = :target,"
                                + " recipients = :recipients, secret = :secret, updated_at = :updated"
                                + " WHERE id = :id AND org_id = :org",
                        values(channel))
                == 1;
    }

    private static MapSqlParameterSource values(Channel channel) {
        return new MapSqlParameterSource()
                .addValue("id", channel.id().toString())
                .addValue("org", channel.orgId().toString())
                .addValue("name", channel.name())
                .addValue("type", channel.type().wireName())
                .addValue("severities", severities(channel.severities()))
                .addValue("target", channel.target())
                .addValue("recipients", channel.recipients().isEmpty() ? null : String.join("\n", channel.recipients()))
                .addValue("secret", channel.secret())
                .addValue("created", utc(channel.createdAt()))
                .addValue("updated", utc(channel.updatedAt()));
    }

    boolean delete(UUID orgId, UUID id) {
        return jdbc.update(
                        "DELETE FROM notification_channels WHERE id = :id AND org_id = :org",
                        Map.of("id", id.toString(), "org", orgId.toString()))
                == 1;
    }

    List<Channel> list(UUID orgId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM notification_channels WHERE org_id = :org ORDER BY name, id",
                Map.of("org", orgId.toString()),
                (rs, i) -> row(rs));
    }

    Optional<Channel> find(UUID orgId, UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM notification_channels WHERE id = :id AND org_id = :org",
                        Map.of("id", id.toString(), "org", orgId.toString()),
                        (rs, i) -> row(rs))
                .stream()
                .findFirst();
    }

    boolean nameTaken(UUID orgId, String name, UUID except) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM notification_channels WHERE org_id = :org AND name = :name AND id <> :id",
                Map.of("org", orgId.toString(), "name", name, "id", except.toString()),
                Integer.class);
        return count != null && count > 0;
    }

    /** Which of {@code ids} are channels of the organisation. */
    Set<UUID> existing(UUID orgId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return jdbc
                .queryForList(
                        "SELECT id FROM notification_channels WHERE org_id = :org AND id IN (:ids)",
                        Map.of(
                                "org",
                                orgId.toString(),
                                "ids",
                                ids.stream().map(UUID::toString).toList()),
                        String.class)
                .stream()
                .map(UUID::fromString)
                .collect(Collectors.toSet());
    }

    /** Records a delivered attempt: the channel is healthy again. */
    void recordDelivered(UUID id, Instant at) {
        jdbc.update(
                "UPDATE notification_channels SET healthy = TRUE, consecutive_failures = 0, failing_since = NULL,"
                        + " last_error = NULL, last_attempt_at = :at, last_delivered_at = :at WHERE id = :id",
                Map.of("id", id.toString(), "at", utc(at)));
    }

    /**
     * Records a failed attempt; the channel turns unhealthy after {@code failuresLimit} failures in
     * a row or once it has failed since {@code failingCutoff} or earlier without a delivery.
     */
    void recordFailed(UUID id, Instant at, String error, int failuresLimit, Instant failingCutoff) {
        jdbc.update(
                // healthy first: it reads the old values whether MariaDB assigns left to right (its
                // default) or simultaneously (SIMULTANEOUS_ASSIGNMENT).
                "UPDATE notification_channels SET"
                        + " healthy = NOT (consecutive_failures + 1 >= :limit OR COALESCE(failing_since, :at) <= :cutoff),"
                        + " consecutive_failures = consecutive_failures + 1,"
                        + " failing_since = COALESCE(failing_since, :at), last_error = :error, last_attempt_at = :at"
                        + " WHERE id = :id",
                Map.of(
                        "id",
                        id.toString(),
                        "at",
                        utc(at),
                        "error",
                        Texts.truncate(error, 500),
                        "limit",
                        failuresLimit,
                        "cutoff",
                        utc(failingCutoff)));
    }

    static String severities(Set<Severity> severities) {
        return severities.stream().sorted().map(Severity::name).collect(Collectors.joining(","));
    }

    private static Set<Severity> severities(String text) {
        EnumSet<Severity> set = EnumSet.noneOf(Severity.class);
        Arrays.stream(text.split(","))
                .filter(s -> !s.isBlank())
                .map(Severity::valueOf)
                .forEach(set::add);
        return set;
    }

    private static Channel row(ResultSet rs) throws SQLException {
        String recipients = rs.getString("recipients");
        return new Channel(
                UUID.fromString(rs.getString("id")),
                UUID.fromString(rs.getString("org_id")),
                rs.getString("name"),
                ChannelType.parse(rs.getString("type")).orElseThrow(),
                severities(rs.getString("severities")),
                rs.getString("target"),
                recipients == null ? List.of() : List.of(recipients.split("\n")),
                rs.getString("secret"),
                new Channel.Health(
                        rs.getBoolean("healthy"),
                        rs.getInt("consecutive_failures"),
                        instant(rs, "failing_since"),
                        rs.getString("last_error"),
                        instant(rs, "last_attempt_at"),
                        instant(rs, "last_delivered_at")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
