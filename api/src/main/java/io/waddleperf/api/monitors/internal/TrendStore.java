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
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code monitor_series}: trend buckets of 5 minutes and 1 hour. Each result adds itself to one
 * bucket of each size with a single upsert that appends its value to the bucket's list in SQL.
 */
@Component
public class TrendStore {

    /** The bucket sizes kept, in seconds. */
    public static final int FINE = 300;

    public static final int COARSE = 3600;

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    TrendStore(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One result's contribution to a metric's trend. */
    record Sample(
            UUID orgId,
            UUID monitorId,
            UUID nodeId,
            @Nullable String nodeName,
            String metric,
            Instant at,
            @Nullable Double value,
            boolean failed,
            @Nullable Double lossPercent) {}

    /** Adds every sample to its 5-minute and its 1-hour bucket, in the caller's transaction. */
    void add(List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        SqlParameterSource[] batch = samples.stream()
                .flatMap(s -> List.of(FINE, COARSE).stream().map(size -> params(s, size)))
                .toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate(
                "INSERT INTO monitor_series (monitor_id, node_id, metric, bucket_seconds, bucket_start, org_id,"
                        + " node_name, rounds, failed, vals, loss_sum, loss_count) VALUES (:monitor, :node, :metric,"
                        + " :size, :start, :org, :name, 1, :failed, IF(:value IS NULL, '[]', JSON_ARRAY(:value)),"
                        + " COALESCE(:loss, 0), IF(:loss IS NULL, 0, 1)) ON DUPLICATE KEY UPDATE"
                        + " rounds = rounds + 1, failed = failed + :failed,"
                        + " vals = IF(:value IS NULL, vals, JSON_ARRAY_APPEND(vals, '$', :value)),"
                        + " loss_sum = loss_sum + COALESCE(:loss, 0), loss_count = loss_count + IF(:loss IS NULL, 0, 1),"
                        + " node_name = COALESCE(:name, node_name)",
                batch);
    }

    private static MapSqlParameterSource params(Sample s, int size) {
        long epoch = s.at().getEpochSecond();
        Instant start = Instant.ofEpochSecond(epoch - Math.floorMod(epoch, size));
        return new MapSqlParameterSource()
                .addValue("monitor", s.monitorId().toString())
                .addValue("node", s.nodeId().toString())
                .addValue("metric", s.metric())
                .addValue("size", size)
                .addValue("start", utc(start))
                .addValue("org", s.orgId().toString())
                .addValue("name", s.nodeName())
                .addValue("failed", s.failed() ? 1 : 0)
                .addValue("value", s.value())
                .addValue("loss", s.lossPercent());
    }

    /** A stored bucket, its values read. */
    public record Bucket(
            UUID nodeId,
            @Nullable String nodeName,
            Instant start,
            int rounds,
            int failed,
            double[] values,
            double lossSum,
            int lossCount) {}

    /** The buckets of {@code size} seconds starting in [from, to), per node in time order. */
    public List<Bucket> read(UUID orgId, UUID monitorId, String metric, int size, Instant from, Instant to) {
        return jdbc.query(
                "SELECT node_id, node_name, bucket_start, rounds, failed, vals, loss_sum, loss_count"
                        + " FROM monitor_series WHERE monitor_id = :monitor AND org_id = :org AND metric = :metric"
                        + " AND bucket_seconds = :size AND bucket_start >= :from AND bucket_start < :to"
                        + " ORDER BY node_id, bucket_start",
                new MapSqlParameterSource()
                        .addValue("monitor", monitorId.toString())
                        .addValue("org", orgId.toString())
                        .addValue("metric", metric)
                        .addValue("size", size)
                        .addValue("from", utc(from))
                        .addValue("to", utc(to)),
                (rs, i) -> new Bucket(
                        UUID.fromString(rs.getString("node_id")),
                        rs.getString("node_name"),
                        Objects.requireNonNull(instant(rs, "bucket_start")),
                        rs.getInt("rounds"),
                        rs.getInt("failed"),
                        json.readValue(rs.getString("vals"), double[].class),
                        rs.getDouble("loss_sum"),
                        rs.getInt("loss_count")));
    }

    /** Deletes up to {@code limit} buckets of {@code size} that started before {@code before}. */
    int purge(int size, Instant before, int limit) {
        return jdbc.update(
                "DELETE FROM monitor_series WHERE bucket_seconds = :size AND bucket_start < :before"
                        + " ORDER BY bucket_start LIMIT " + limit,
                new MapSqlParameterSource().addValue("size", size).addValue("before", utc(before)));
    }

    void deleteMonitor(UUID orgId, UUID monitorId) {
        jdbc.update(
                "DELETE FROM monitor_series WHERE monitor_id = :monitor AND org_id = :org",
                new MapSqlParameterSource()
                        .addValue("monitor", monitorId.toString())
                        .addValue("org", orgId.toString()));
    }
}
