package io.waddleperf.api.results.internal;

import io.waddleperf.api.results.RecordedResults;
import io.waddleperf.api.results.ResultStored;
import io.waddleperf.api.shared.database.JdbcTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads results back as {@link ResultStored}, oldest first, in keyset chunks over the
 * (org_id, finished_at, id) index: no statement holds a cursor or a transaction between chunks.
 */
@Component
class StoredResults implements RecordedResults {

    private static final int CHUNK = 2000;

    private final NamedParameterJdbcTemplate jdbc;

    StoredResults(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forEach(UUID orgId, Instant from, Instant to, Consumer<ResultStored> each) {
        LocalDateTime afterTime = null;
        String afterId = null;
        while (true) {
            MapSqlParameterSource p = new MapSqlParameterSource()
                    .addValue("org", orgId.toString())
                    .addValue("from", JdbcTimes.utc(from))
                    .addValue("to", JdbcTimes.utc(to))
                    .addValue("afterTime", afterTime)
                    .addValue("afterId", afterId)
                    .addValue("limit", CHUNK);
            String keyset = afterTime == null ? "" : " AND (finished_at, id) > (:afterTime, :afterId)";
            List<ResultStored> rows = jdbc.query(
                    "SELECT id, probe_type, target, node_id, client_ip, finished_at, latency_p50_ms, latency_avg_ms,"
                            + " throughput_down_mbps, throughput_up_mbps, loss_percent FROM results"
                            + " FORCE INDEX (ix_results_org_finished) WHERE org_id = :org AND finished_at >= :from"
                            + " AND finished_at < :to" + keyset + " ORDER BY finished_at, id LIMIT :limit",
                    p,
                    (rs, n) -> row(orgId, rs));
            rows.forEach(each);
            if (rows.size() < CHUNK) {
                return;
            }
            ResultStored last = rows.getLast();
            afterTime = JdbcTimes.utc(last.finishedAt());
            afterId = last.resultId().toString();
        }
    }

    private static ResultStored row(UUID orgId, ResultSet rs) throws SQLException {
        String node = rs.getString(4);
        Double p50 = dbl(rs, 7);
        return new ResultStored(
                orgId,
                UUID.fromString(rs.getString(1)),
                rs.getString(2),
                rs.getString(3),
                node == null ? null : UUID.fromString(node),
                rs.getString(5),
                rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                p50 != null ? p50 : dbl(rs, 8),
                dbl(rs, 9),
                dbl(rs, 10),
                dbl(rs, 11));
    }

    private static @Nullable Double dbl(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, Double.class);
    }
}
