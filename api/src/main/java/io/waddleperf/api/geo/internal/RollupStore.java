package io.waddleperf.api.geo.internal;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * SQL over the rollup tables: {@code geo_rollups} (hours), {@code geo_rollups_quarter_day} (the
 * four 6-hour quarters of a UTC day), {@code geo_rollups_daily} (UTC days) and
 * {@code geo_rollups_weekly} (ISO weeks). Every statement names its organisation: no tenant filter
 * applies to plain JDBC.
 */
@Component
class RollupStore {

    /**
     * How long a row's period is; a result counts in one row of each tier. A tier's rows are the
     * exact merge of the rows of the tier below over the same period.
     */
    enum Tier {
        HOUR("geo_rollups", "hour"),
        QUARTER_DAY("geo_rollups_quarter_day", "quarter_day"),
        DAY("geo_rollups_daily", "day"),
        WEEK("geo_rollups_weekly", "week");

        final String table;
        final String period;

        Tier(String table, String period) {
            this.table = table;
            this.period = period;
        }

        /**
         * The start of the period {@code t} lies in: its hour, its quarter-day (00, 06, 12 or 18
         * UTC), its UTC day, or its week's Monday.
         */
        LocalDateTime floor(LocalDateTime t) {
            return switch (this) {
                case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
                case QUARTER_DAY -> t.truncatedTo(ChronoUnit.DAYS).withHour(t.getHour() / 6 * 6);
                case DAY -> t.truncatedTo(ChronoUnit.DAYS);
                case WEEK -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            };
        }

        /** The start of the first period that does not begin before {@code t}. */
        LocalDateTime ceil(LocalDateTime t) {
            LocalDateTime floor = floor(t);
            return floor.equals(t) ? t : next(floor);
        }

        LocalDateTime next(LocalDateTime start) {
            return switch (this) {
                case HOUR -> start.plusHours(1);
                case QUARTER_DAY -> start.plusHours(6);
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
            };
        }

        /**
         * The start of {@code t}'s period as the column holds it (DATETIME for hours and
         * quarter-days, else DATE).
         */
        Object column(LocalDateTime t) {
            return this == HOUR || this == QUARTER_DAY ? floor(t) : floor(t).toLocalDate();
        }

        /** The tier whose rows merge into this one's; none below hours. */
        Tier below() {
            return values()[ordinal() - 1];
        }
    }

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

        void merge(Row row) {
            count += row.count();
            min = Math.min(min, row.min());
            max = Math.max(max, row.max());
            sum += row.sum();
            Sketches.mergeInto(sketch, java.util.Objects.requireNonNull(row.sketch()));
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
            byte @Nullable [] sketch) {

        Place place(Level level) {
            return new Place(level, place, countryCode, name, latitude, longitude);
        }
    }

    /**
     * Adds the samples of one result to their rows, in the caller's transaction. Rows are locked
     * in key order, so two results of the same places cannot deadlock each other on one server;
     * across Galera nodes a concurrent update of the same row fails certification and the whole
     * transaction is retried by its owner ({@code @RetryOnConflict}).
     */
    void add(UUID orgId, LocalDateTime hour, List<Sample> samples) {
        // One aggregate per row key, in key order (the order InnoDB scans and so locks them).
        Map<RebuildKey, Aggregate> rows = new java.util.TreeMap<>(KEY_ORDER);
        for (Sample s : samples) {
            rows.computeIfAbsent(
                            new RebuildKey(
                                    s.metric(),
                                    s.side(),
                                    s.place().level(),
                                    s.place().key()),
                            k -> new Aggregate(s.place()))
                    .add(s.value());
        }
        if (rows.isEmpty()) {
            return;
        }
        // Hours before quarter-days before days before weeks, in every transaction that locks more
        // than one tier.
        for (Tier tier : Tier.values()) {
            addAll(tier, orgId, tier.column(hour), rows);
        }
    }

    private static final Comparator<RebuildKey> KEY_ORDER = Comparator.comparing(
                    (RebuildKey k) -> k.metric().id())
            .thenComparing(k -> k.level().id())
            .thenComparing(k -> k.side().id())
            .thenComparing(RebuildKey::place);

    /**
     * Adds the aggregates to their rows of one tier and period: one locking read for all of them,
     * one batch of updates for those that exist, an insert for each that does not.
     */
    private void addAll(Tier tier, UUID orgId, Object start, Map<RebuildKey, Aggregate> rows) {
        MapSqlParameterSource p =
                new MapSqlParameterSource().addValue("org", orgId.toString()).addValue("start", start);
        StringBuilder keys = new StringBuilder();
        int i = 0;
        for (RebuildKey k : rows.keySet()) {
            keys.append(i == 0 ? "" : " OR ")
                    .append("(metric = :m")
                    .append(i)
                    .append(" AND level = :l")
                    .append(i)
                    .append(" AND side = :s")
                    .append(i)
                    .append(" AND place = :p")
                    .append(i)
                    .append(')');
            p.addValue("m" + i, k.metric().id())
                    .addValue("l" + i, k.level().id())
                    .addValue("s" + i, k.side().id())
                    .addValue("p" + i, k.place());
            i++;
        }
        Map<RebuildKey, byte[]> current = new java.util.HashMap<>();
        jdbc.query(
                "SELECT metric, level, side, place, sketch FROM " + tier.table + " WHERE org_id = :org AND "
                        + tier.period + " = :start AND (" + keys + ") FOR UPDATE",
                p,
                rs -> {
                    current.put(
                            new RebuildKey(
                                    Metric.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
                                    Side.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                                    Level.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
                                    rs.getString(4)),
                            rs.getBytes(5));
                });
        List<MapSqlParameterSource> updates = new java.util.ArrayList<>();
        rows.forEach((k, a) -> {
            byte[] stored = current.get(k);
            if (stored == null) {
                addOne(tier, orgId, start, k, a);
                return;
            }
            DDSketch sketch = Sketches.decode(stored);
            sketch.mergeWith(a.sketch);
            updates.add(key(orgId, k.metric(), k.level(), start, k.side(), k.place())
                    .addValue("count", a.count)
                    .addValue("min", a.min)
                    .addValue("max", a.max)
                    .addValue("sum", a.sum)
                    .addValue("sketch", Sketches.encode(sketch)));
        });
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(
                    "UPDATE " + tier.table + " SET sample_count = sample_count + :count,"
                            + " min_value = LEAST(min_value, :min), max_value = GREATEST(max_value, :max),"
                            + " sum_value = sum_value + :sum, sketch = :sketch WHERE org_id = :org"
                            + " AND metric = :metric AND level = :level AND " + tier.period + " = :start"
                            + " AND side = :side AND place = :place",
                    updates.toArray(MapSqlParameterSource[]::new));
        }
    }

    /** A row the locking read did not find: insert it, or add to it when another got there first. */
    private void addOne(Tier tier, UUID orgId, Object start, RebuildKey k, Aggregate a) {
        MapSqlParameterSource key = key(orgId, k.metric(), k.level(), start, k.side(), k.place());
        for (int attempt = 0; ; attempt++) {
            try {
                insert(tier, orgId, k.metric(), start, k.side(), a);
                return;
            } catch (DuplicateKeyException e) {
                // Another transaction inserted the row after our locking read found none; InnoDB
                // undid only this statement, and this locking read waits for that row.
                if (attempt >= 2) {
                    throw e;
                }
            }
            List<byte[]> stored = jdbc.query(
                    "SELECT sketch FROM " + tier.table + " WHERE org_id = :org AND metric = :metric"
                            + " AND level = :level AND " + tier.period + " = :start AND side = :side"
                            + " AND place = :place FOR UPDATE",
                    key,
                    (rs, n) -> rs.getBytes(1));
            if (!stored.isEmpty()) {
                DDSketch sketch = Sketches.decode(stored.getFirst());
                sketch.mergeWith(a.sketch);
                jdbc.update(
                        "UPDATE " + tier.table + " SET sample_count = sample_count + :count,"
                                + " min_value = LEAST(min_value, :min), max_value = GREATEST(max_value, :max),"
                                + " sum_value = sum_value + :sum, sketch = :sketch WHERE org_id = :org"
                                + " AND metric = :metric AND level = :level AND " + tier.period + " = :start"
                                + " AND side = :side AND place = :place",
                        key.addValue("count", a.count)
                                .addValue("min", a.min)
                                .addValue("max", a.max)
                                .addValue("sum", a.sum)
                                .addValue("sketch", Sketches.encode(sketch)));
                return;
            }
        }
    }

    void insert(Tier tier, UUID orgId, Metric metric, Object start, Side side, Aggregate a) {
        jdbc.update(
                "INSERT INTO " + tier.table + " (org_id, metric, level, " + tier.period + ", side, place,"
                        + " country_code, name, latitude, longitude, sample_count, min_value, max_value, sum_value,"
                        + " sketch) VALUES (:org, :metric, :level, :start, :side, :place, :country, :name, :lat,"
                        + " :lon, :count, :min, :max, :sum, :sketch)",
                key(orgId, metric, a.place.level(), start, side, a.place.key())
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
     * Replaces the rows of one metric and level of {@code tier} (a quarter-day, day or week) in the period
     * starting at {@code start} by the merge of the rows of the tier below, in the caller's
     * transaction. The rows below are read with a locking read first, in the order ingest locks
     * tiers (hours, days, weeks): a result committed before is in the merge, one committing after
     * waits and then adds itself to the new rows (hours, quarter-days, days,
     * weeks). Returns the rows written.
     */
    int recompute(Tier tier, UUID orgId, Metric metric, Level level, LocalDateTime start) {
        Tier below = tier.below();
        Map<String, Object> params = Map.of(
                "org", orgId.toString(),
                "metric", metric.id(),
                "level", level.id(),
                "from", below.column(start),
                "to", below.column(tier.next(start)),
                "start", tier.column(start));
        record Key(Side side, String place) {}
        Map<Key, Aggregate> merged = new LinkedHashMap<>();
        jdbc.query(
                "SELECT side, place, country_code, name, latitude, longitude, sample_count, min_value, max_value,"
                        + " sum_value, sketch FROM " + below.table + " WHERE org_id = :org AND metric = :metric"
                        + " AND level = :level AND " + below.period + " >= :from AND " + below.period + " < :to"
                        + " FOR UPDATE",
                params,
                rs -> {
                    Row row = row(rs, 0);
                    merged.computeIfAbsent(new Key(row.side(), row.place()), k -> new Aggregate(row.place(level)))
                            .merge(row);
                });
        jdbc.update(
                "DELETE FROM " + tier.table + " WHERE org_id = :org AND metric = :metric AND level = :level AND "
                        + tier.period + " = :start",
                params);
        merged.forEach((k, a) -> insert(tier, orgId, metric, tier.column(start), k.side(), a));
        return merged.size();
    }

    /**
     * The row {@link #rows} is at, valid only during the call it is given to. Its figures are read
     * on every row; its place's description (country, name, centre) only when asked, since every
     * row of a place repeats it and a heatmap needs it once per place: decoding the name and the
     * two coordinates from the text protocol was a third of the client's time per row.
     */
    static final class RowCursor {
        private final java.sql.ResultSet rs;
        private final Level level;

        private RowCursor(java.sql.ResultSet rs, Level level) {
            this.rs = rs;
            this.level = level;
        }

        Side side() throws java.sql.SQLException {
            return Side.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT));
        }

        String place() throws java.sql.SQLException {
            return rs.getString(2);
        }

        /** The row's place with its description. */
        Place describe() throws java.sql.SQLException {
            return new Place(
                    level,
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getObject(5, Double.class),
                    rs.getObject(6, Double.class));
        }

        long count() throws java.sql.SQLException {
            return rs.getLong(7);
        }

        double min() throws java.sql.SQLException {
            return rs.getDouble(8);
        }

        double max() throws java.sql.SQLException {
            return rs.getDouble(9);
        }

        double sum() throws java.sql.SQLException {
            return rs.getDouble(10);
        }

        byte[] sketch() throws java.sql.SQLException {
            return java.util.Objects.requireNonNull(rs.getBytes(11), "rollup row without a sketch");
        }
    }

    /** What the heatmap does with each row. */
    @FunctionalInterface
    interface RowHandler {
        void row(RowCursor row) throws java.sql.SQLException;
    }

    /**
     * Every row of one metric and level in the tier's whole periods within [from, to), with its
     * sketch, optionally of one side. One range scan of the primary key in key order, no sort and
     * no temporary table: the heatmap adds the rows up per place itself, reading each row once. A
     * bounding box is applied by the heatmap to the places it has added up (by the centre it
     * shows), so that cached spans serve every box.
     */
    void rows(
            Tier tier,
            UUID orgId,
            Metric metric,
            Level level,
            LocalDateTime from,
            LocalDateTime to,
            @Nullable Side side,
            RowHandler each) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("org", orgId.toString())
                .addValue("metric", metric.id())
                .addValue("level", level.id())
                .addValue("from", tier.column(from))
                .addValue("to", tier.column(to));
        StringBuilder where = new StringBuilder(" WHERE org_id = :org AND metric = :metric AND level = :level AND "
                + tier.period + " >= :from AND " + tier.period + " < :to");
        if (side != null) {
            where.append(" AND side = :side");
            p.addValue("side", side.id());
        }
        jdbc.query(
                "SELECT side, place, country_code, name, latitude, longitude, sample_count, min_value, max_value,"
                        + " sum_value, sketch FROM " + tier.table + where,
                p,
                rs -> {
                    each.row(new RowCursor(rs, level));
                });
    }

    private static MapSqlParameterSource key(
            UUID orgId, Metric metric, Level level, Object start, Side side, String place) {
        return new MapSqlParameterSource()
                .addValue("org", orgId.toString())
                .addValue("metric", metric.id())
                .addValue("level", level.id())
                .addValue("start", start)
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
