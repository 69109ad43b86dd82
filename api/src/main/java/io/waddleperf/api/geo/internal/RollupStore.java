package io.waddleperf.api.geo.internal;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * SQL over {@code geo_rollups}. Every statement names its organisation: no tenant filter applies
 * to plain JDBC.
 */
@Component
class RollupStore {

    private final NamedParameterJdbcTemplate jdbc;

    RollupStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One figure for one place of one side in one hour. */
    record Sample(Metric metric, Side side, Place place, double value) {}

    /** Aggregate of one row (or of many rows merged). */
    static final class Aggregate {
        final Place place;
        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        final DDSketch sketch;

        Aggregate(Place place) {
            this.place = place;
            this.sketch = Sketches.empty();
        }

        void add(double value) {
            count++;
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
            sketch.accept(value);
        }
    }

    /** A stored row as the heatmap reads it. */
    record Row(
            Side side,
            String place,
            String countryCode,
            String name,
            @Nullable Double latitude,
            @Nullable Double longitude,
            long count,
            double min,
            double max,
            double sum,
            byte[] sketch) {}

    private static final Comparator<Sample> LOCK_ORDER = Comparator.comparing((Sample s) -> s.metric())
            .thenComparing(s -> s.place().level())
            .thenComparing(Sample::side)
            .thenComparing(s -> s.place().key());

    /**
     * Adds the samples of one result to their rows, in the caller's transaction. Rows are locked
     * in key order, so two results of the same places cannot deadlock each other on one server;
     * across Galera nodes a concurrent update of the same row fails certification and the whole
     * transaction is retried by its owner ({@code @RetryOnConflict}).
     */
    void add(UUID orgId, LocalDateTime hour, List<Sample> samples) {
        samples.stream().sorted(LOCK_ORDER).forEach(s -> addOne(orgId, hour, s));
    }

    private void addOne(UUID orgId, LocalDateTime hour, Sample s) {
        MapSqlParameterSource key = key(
                orgId, s.metric(), s.place().level(), hour, s.side(), s.place().key());
        for (int attempt = 0; ; attempt++) {
            List<Row> current = jdbc.query(
                    "SELECT side, place, country_code, name, latitude, longitude, sample_count, min_value, max_value,"
                            + " sum_value, sketch FROM geo_rollups WHERE org_id = :org AND metric = :metric"
                            + " AND level = :level AND hour = :hour AND side = :side AND place = :place FOR UPDATE",
                    key,
                    RollupStore::row);
            if (!current.isEmpty()) {
                Row row = current.getFirst();
                DDSketch sketch = Sketches.decode(row.sketch());
                sketch.accept(s.value());
                jdbc.update(
                        "UPDATE geo_rollups SET sample_count = sample_count + 1, min_value = LEAST(min_value, :v),"
                                + " max_value = GREATEST(max_value, :v), sum_value = sum_value + :v, sketch = :sketch"
                                + " WHERE org_id = :org AND metric = :metric AND level = :level AND hour = :hour"
                                + " AND side = :side AND place = :place",
                        key.addValue("v", s.value()).addValue("sketch", Sketches.encode(sketch)));
                return;
            }
            Aggregate fresh = new Aggregate(s.place());
            fresh.add(s.value());
            try {
                insert(orgId, s.metric(), hour, s.side(), fresh);
                return;
            } catch (DuplicateKeyException e) {
                // Another transaction inserted the row after our locking read found none; InnoDB
                // undid only this statement, and the next locking read waits for that row.
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    void insert(UUID orgId, Metric metric, LocalDateTime hour, Side side, Aggregate a) {
        jdbc.update(
                "INSERT INTO geo_rollups (org_id, metric, level, hour, side, place, country_code, name, latitude,"
                        + " longitude, sample_count, min_value, max_value, sum_value, sketch) VALUES (:org, :metric,"
                        + " :level, :hour, :side, :place, :country, :name, :lat, :lon, :count, :min, :max, :sum,"
                        + " :sketch)",
                key(orgId, metric, a.place.level(), hour, side, a.place.key())
                        .addValue("country", a.place.countryCode())
                        .addValue("name", a.place.name())
                        .addValue("lat", a.place.latitude())
                        .addValue("lon", a.place.longitude())
                        .addValue("count", a.count)
                        .addValue("min", a.min)
                        .addValue("max", a.max)
                        .addValue("sum", a.sum)
                        .addValue("sketch", Sketches.encode(a.sketch)));
    }

    /**
     * Deletes the organisation's rows of one hour, one key range per metric and level, locking
     * them until the caller's transaction ends.
     */
    void deleteHour(UUID orgId, LocalDateTime hour) {
        for (Metric metric : Metric.values()) {
            for (Level level : Level.values()) {
                jdbc.update(
                        "DELETE FROM geo_rollups WHERE org_id = :org AND metric = :metric AND level = :level"
                                + " AND hour = :hour",
                        Map.of("org", orgId.toString(), "metric", metric.id(), "level", level.id(), "hour", hour));
            }
        }
    }

    record RebuildKey(Metric metric, Side side, Level level, String place) {}

    /**
     * Streams the rows of one metric and level in [from, to), optionally of one side and within a
     * box of coordinates (rows without coordinates, countries, never match a box).
     */
    void scan(
            UUID orgId,
            Metric metric,
            Level level,
            LocalDateTime from,
            LocalDateTime to,
            @Nullable Side side,
            @Nullable BoundingBox box,
            Consumer<Row> each) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("org", orgId.toString())
                .addValue("metric", metric.id())
                .addValue("level", level.id())
                .addValue("from", from)
                .addValue("to", to);
        StringBuilder sql = new StringBuilder(
                "SELECT side, place, country_code, name, latitude, longitude, sample_count, min_value, max_value,"
                        + " sum_value, sketch FROM geo_rollups WHERE org_id = :org AND metric = :metric"
                        + " AND level = :level AND hour >= :from AND hour < :to");
        if (side != null) {
            sql.append(" AND side = :side");
            p.addValue("side", side.id());
        }
        if (box != null) {
            sql.append(" AND latitude BETWEEN :south AND :north");
            p.addValue("south", box.south()).addValue("north", box.north());
            if (box.west() <= box.east()) {
                sql.append(" AND longitude BETWEEN :west AND :east");
            } else {
                // A box across the antimeridian: west of 180 or east of -180.
                sql.append(" AND (longitude >= :west OR longitude <= :east)");
            }
            p.addValue("west", box.west()).addValue("east", box.east());
        }
        jdbc.query(sql.toString(), p, rs -> {
            each.accept(row(rs, 0));
        });
    }

    private static MapSqlParameterSource key(
            UUID orgId, Metric metric, Level level, LocalDateTime hour, Side side, String place) {
        return new MapSqlParameterSource()
                .addValue("org", orgId.toString())
                .addValue("metric", metric.id())
                .addValue("level", level.id())
                .addValue("hour", hour)
                .addValue("side", side.id())
                .addValue("place", place);
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(
                Side.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, Double.class),
                rs.getObject(6, Double.class),
                rs.getLong(7),
                rs.getDouble(8),
                rs.getDouble(9),
                rs.getDouble(10),
                rs.getBytes(11));
    }
}
