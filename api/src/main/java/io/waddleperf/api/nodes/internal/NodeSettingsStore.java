package io.waddleperf.api.nodes.internal;

import io.waddleperf.api.nodes.NodeSettingsStatus;
import io.waddleperf.api.nodes.NodeSettingsStatus.State;
import io.waddleperf.api.shared.database.JdbcTimes;
import io.waddleperf.protocol.NodeSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code node_settings}: what a MAINTAINER or ADMIN set for a node and what the node last
 * reported about it. Plain JDBC scoped by organisation: the heartbeat arrives without a tenant and
 * names the node's organisation itself. Lists are stored joined (allowlist by newline, labels by
 * comma, neither of which the rules let into an entry); NULL keeps the node's own configuration.
 */
@Component
public class NodeSettingsStore {

    private static final String COLUMNS = "version, allowlist, idle_timeout_seconds, capacity, region, labels,"
            + " updated_at, applied_version, applied_at, rejected_version, rejected_reason";

    private final NamedParameterJdbcTemplate jdbc;

    NodeSettingsStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<NodeSettingsStatus> find(UUID orgId, UUID nodeId) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM node_settings WHERE org_id = :org AND node_id = :node",
                        key(orgId, nodeId),
                        (rs, n) -> status(nodeId, rs))
                .stream()
                .findFirst();
    }

    /**
     * Replaces the settings and counts the version up, in one statement so two concurrent writers
     * get two versions; the node's region and labels change with them, so monitors and tests
     * select it by the new ones at once. Call inside a transaction.
     */
    public NodeSettingsStatus put(UUID orgId, UUID nodeId, NodeSettings settings, String actor, Instant now) {
        MapSqlParameterSource values = key(orgId, nodeId)
                .addValue("allowlist", join(settings.allowlist(), "\n"))
                .addValue("idle", settings.idleTimeoutSeconds())
                .addValue("capacity", settings.capacity())
                .addValue("region", settings.region())
                .addValue("labels", join(settings.labels(), ","))
                .addValue("now", JdbcTimes.utc(now))
                .addValue("actor", actor.length() > 320 ? actor.substring(0, 320) : actor);
        jdbc.update(
                "INSERT INTO node_settings (org_id, node_id, version, allowlist, idle_timeout_seconds, capacity,"
                        + " region, labels, updated_at, updated_by)"
                        + " VALUES (:org, :node, 1, :allowlist, :idle, :capacity, :region, :labels, :now, :actor)"
                        + " ON DUPLICATE KEY UPDATE version = version + 1, allowlist = VALUES(allowlist),"
                        + " idle_timeout_seconds = VALUES(idle_timeout_seconds), capacity = VALUES(capacity),"
                        + " region = VALUES(region), labels = VALUES(labels), updated_at = VALUES(updated_at),"
                        + " updated_by = VALUES(updated_by)",
                values);
        // Plain updates beside the heartbeat's JPA writes: a heartbeat that read the old settings
        // and commits after this may list the old region until the next one (5 s later).
        if (settings.region() != null) {
            jdbc.update("UPDATE nodes SET region = :region WHERE id = :node AND org_id = :org", values);
        }
        if (settings.labels() != null) {
            jdbc.update("UPDATE nodes SET labels = :labels WHERE id = :node AND org_id = :org", values);
        }
        return find(orgId, nodeId).orElseThrow();
    }

    /**
     * Records what a node's heartbeat says about its settings (writing only when that changed) and
     * answers what to push: the current settings while the node has neither applied nor refused
     * them. Call inside the heartbeat's transaction.
     */
    public Pushed acknowledge(
            UUID orgId, UUID nodeId, long appliedVersion, NodeSettings.@Nullable Rejection rejection, Instant now) {
        Optional<NodeSettingsStatus> found = find(orgId, nodeId);
        if (found.isEmpty()) {
            return new Pushed(null, null);
        }
        NodeSettingsStatus current = found.get();
        Long rejectedVersion = rejection == null ? null : rejection.version();
        String reason = rejection == null ? null : bound(rejection.reason());
        boolean rejectedNow = rejectedVersion != null && rejectedVersion == current.version();
        String storedReason = current.state() == State.REJECTED ? current.rejection() : null;
        if (current.appliedVersion() != appliedVersion || !Objects.equals(rejectedNow ? reason : null, storedReason)) {
            jdbc.update(
                    // applied_at first: MariaDB assigns left to right, and the CASE must see the old version.
                    "UPDATE node_settings SET"
                            + " applied_at = CASE WHEN applied_version = :applied THEN applied_at ELSE :now END,"
                            + " applied_version = :applied,"
                            + " rejected_version = :rejectedVersion, rejected_reason = :reason"
                            + " WHERE org_id = :org AND node_id = :node",
                    key(orgId, nodeId)
                            .addValue("applied", appliedVersion)
                            .addValue("now", JdbcTimes.utc(now))
                            .addValue("rejectedVersion", rejectedVersion)
                            .addValue("reason", reason));
        }
        boolean behind = appliedVersion != current.version() && !rejectedNow;
        return new Pushed(
                behind
                        ? new NodeSettings(
                                current.version(),
                                current.allowlist(),
                                current.idleTimeoutSeconds(),
                                current.capacity(),
                                current.region(),
                                current.labels())
                        : null,
                current);
    }

    /**
     * @param settings what the heartbeat answer carries, null when the node is up to date
     * @param current the stored settings, whose region and labels the node is selected by
     */
    public record Pushed(
            @Nullable NodeSettings settings, @Nullable NodeSettingsStatus current) {}

    private static NodeSettingsStatus status(UUID nodeId, ResultSet rs) throws SQLException {
        long version = rs.getLong("version");
        long applied = rs.getLong("applied_version");
        long rejected = rs.getLong("rejected_version");
        boolean refused = !rs.wasNull() && rejected == version && applied != version;
        State state = applied == version ? State.APPLIED : refused ? State.REJECTED : State.PENDING;
        return new NodeSettingsStatus(
                nodeId,
                version,
                split(rs.getString("allowlist"), "\n"),
                rs.getObject("idle_timeout_seconds", Integer.class),
                rs.getObject("capacity", Integer.class),
                rs.getString("region"),
                split(rs.getString("labels"), ","),
                state,
                applied,
                JdbcTimes.instant(rs, "applied_at"),
                JdbcTimes.instant(rs, "updated_at"),
                refused ? rs.getString("rejected_reason") : null);
    }

    private static MapSqlParameterSource key(UUID orgId, UUID nodeId) {
        return new MapSqlParameterSource().addValue("org", orgId.toString()).addValue("node", nodeId.toString());
    }

    private static @Nullable String join(@Nullable List<String> values, String separator) {
        return values == null ? null : String.join(separator, values);
    }

    private static @Nullable List<String> split(@Nullable String joined, String separator) {
        if (joined == null) {
            return null;
        }
        return joined.isEmpty() ? List.of() : List.of(joined.split(separator));
    }

    private static String bound(String reason) {
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }
}
