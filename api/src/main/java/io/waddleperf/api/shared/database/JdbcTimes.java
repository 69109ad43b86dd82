package io.waddleperf.api.shared.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Instants in {@code DATETIME(6)} columns, which hold UTC wall-clock time: every plain-JDBC store
 * writes and reads them through here, so no store depends on the session's or the JVM's zone.
 */
public final class JdbcTimes {

    private JdbcTimes() {}

    public static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime local = rs.getObject(column, LocalDateTime.class);
        return local == null ? null : local.toInstant(ZoneOffset.UTC);
    }

    public static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime local = rs.getObject(column, LocalDateTime.class);
        return local == null ? null : local.toInstant(ZoneOffset.UTC);
    }
}
