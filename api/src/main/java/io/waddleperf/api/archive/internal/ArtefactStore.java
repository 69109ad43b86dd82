package io.waddleperf.api.archive.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import io.waddleperf.api.archive.ArtefactView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Plain JDBC over {@code archive_artefacts}, the outbox and catalogue in one table. No tenant filter
 * applies here: statements for people name their organisation; the uploader works across all.
 */
@Component
class ArtefactStore {

    static final String SPOOLED = "spooled";
    static final String STORED = "stored";
    static final String CONFLICT = "conflict";
    static final String DELETING = "deleting";

    private final NamedParameterJdbcTemplate jdbc;

    ArtefactStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row as the uploader needs it. */
    record Row(
            UUID id,
            UUID orgId,
            UUID runId,
            String name,
            String key,
            String contentType,
            long sizeBytes,
            String sha256,
            String state,
            String spoolId,
            int attempts,
            Instant runFinishedAt,
            Instant createdAt,
            @Nullable Instant storedAt) {

        ArtefactView view() {
            return new ArtefactView(runId, name, contentType, sizeBytes, sha256, state, runFinishedAt, storedAt);
        }
    }

    private static final String COLUMNS = "id, org_id, run_id, name, object_key, content_type, size_bytes, sha256,"
            + " state, spool_id, attempts, run_finished_at, created_at, stored_at";

    void insert(Row row) {
        jdbc.update(
                "INSERT INTO archive_artefacts (" + COLUMNS + ", next_attempt_at) VALUES (:id, :org, :run, :name,"
                        + " :key, :type, :size, :sha, :state, :spool, 0, :finished, :created, NULL, :created)",
                new MapSqlParameterSource()
                        .addValue("id", row.id().toString())
                        .addValue("org", row.orgId().toString())
                        .addValue("run", row.runId().toString())
                        .addValue("name", row.name())
                        .addValue("key", row.key())
                        .addValue("type", row.contentType())
                        .addValue("size", row.sizeBytes())
                        .addValue("sha", row.sha256())
                        .addValue("state", row.state())
                        .addValue("spool", row.spoolId())
                        .addValue("finished", utc(row.runFinishedAt()))
                        .addValue("created", utc(row.createdAt())));
    }

    boolean exists(UUID runId, String name) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM archive_artefacts WHERE run_id = :run AND name = :name",
                Map.of("run", runId.toString(), "name", name),
                Integer.class);
        return count != null && count > 0;
    }

    /** Artefacts in this spool waiting for S3 whose back-off has passed, longest waiting first. */
    List<Row> due(String spoolId, Instant now, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM archive_artefacts WHERE spool_id = :spool AND state = :state"
                        + " AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :limit",
                Map.of("spool", spoolId, "state", SPOOLED, "now", utc(now), "limit", limit),
                (rs, i) -> row(rs));
    }

    List<Row> deleting(int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM archive_artefacts WHERE state = :state LIMIT :limit",
                Map.of("state", DELETING, "limit", limit),
                (rs, i) -> row(rs));
    }

    /** Only from spooled: a row retention marked meanwhile stays marked for deletion. */
    int markStored(UUID id, Instant now) {
        return jdbc.update(
                "UPDATE archive_artefacts SET state = :stored, stored_at = :now, last_error = NULL"
                        + " WHERE id = :id AND state = :spooled",
                Map.of("stored", STORED, "now", utc(now), "id", id.toString(), "spooled", SPOOLED));
    }

    int markConflict(UUID id, String error) {
        return jdbc.update(
                "UPDATE archive_artefacts SET state = :conflict, last_error = :error WHERE id = :id AND state = :spooled",
                Map.of("conflict", CONFLICT, "error", truncate(error), "id", id.toString(), "spooled", SPOOLED));
    }

    int reschedule(UUID id, int attempts, Instant next, String error) {
        return jdbc.update(
                "UPDATE archive_artefacts SET attempts = :attempts, next_attempt_at = :next, last_error = :error"
                        + " WHERE id = :id AND state = :spooled",
                Map.of(
                        "attempts",
                        attempts,
                        "next",
                        utc(next),
                        "error",
                        truncate(error),
                        "id",
                        id.toString(),
                        "spooled",
                        SPOOLED));
    }

    int markDeleting(UUID orgId, Collection<UUID> runIds) {
        if (runIds.isEmpty()) {
            return 0;
        }
        return jdbc.update(
                "UPDATE archive_artefacts SET state = :deleting WHERE org_id = :org AND run_id IN (:runs)",
                Map.of(
                        "deleting",
                        DELETING,
                        "org",
                        orgId.toString(),
                        "runs",
                        runIds.stream().map(UUID::toString).toList()));
    }

    int delete(UUID id) {
        return jdbc.update(
                "DELETE FROM archive_artefacts WHERE id = :id AND state = :deleting",
                Map.of("id", id.toString(), "deleting", DELETING));
    }

    List<Row> forRuns(UUID orgId, Collection<UUID> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM archive_artefacts WHERE org_id = :org AND run_id IN (:runs)"
                        + " AND state <> :deleting ORDER BY run_id, name",
                Map.of(
                        "org",
                        orgId.toString(),
                        "runs",
                        runIds.stream().map(UUID::toString).toList(),
                        "deleting",
                        DELETING),
                (rs, i) -> row(rs));
    }

    Optional<Row> find(UUID orgId, UUID runId, String name) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM archive_artefacts WHERE org_id = :org AND run_id = :run"
                                + " AND name = :name AND state <> :deleting",
                        Map.of("org", orgId.toString(), "run", runId.toString(), "name", name, "deleting", DELETING),
                        (rs, i) -> row(rs))
                .stream()
                .findFirst();
    }

    /** Which of {@code ids} have a row, in any state. */
    Set<UUID> known(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return jdbc
                .queryForList(
                        "SELECT id FROM archive_artefacts WHERE id IN (:ids)",
                        Map.of("ids", ids.stream().map(UUID::toString).toList()),
                        String.class)
                .stream()
                .map(UUID::fromString)
                .collect(Collectors.toSet());
    }

    /** Outbox depth and the oldest waiting artefact's run end, for the gauges. */
    record Backlog(long depth, @Nullable Instant oldestRunFinishedAt) {}

    Backlog backlog() {
        return jdbc.queryForObject(
                "SELECT COUNT(*), MIN(run_finished_at) FROM archive_artefacts WHERE state = :state",
                Map.of("state", SPOOLED),
                (rs, i) -> new Backlog(rs.getLong(1), instant(rs, 2)));
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                UUID.fromString(rs.getString(1)),
                UUID.fromString(rs.getString(2)),
                UUID.fromString(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getLong(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getInt(11),
                instant(rs, 12),
                instant(rs, 13),
                instant(rs, 14));
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
