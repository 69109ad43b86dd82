package io.waddleperf.api.geo.internal;

import io.waddleperf.api.geo.Location;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Positions ADMINs set for their nodes ({@code geo_node_locations}). */
@Component
class NodeLocations {

    private final NamedParameterJdbcTemplate jdbc;

    NodeLocations(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Location> find(UUID orgId, UUID nodeId) {
        List<Location> found = jdbc.query(
                "SELECT country_code, city, latitude, longitude FROM geo_node_locations"
                        + " WHERE org_id = :org AND node_id = :node",
                Map.of("org", orgId.toString(), "node", nodeId.toString()),
                (rs, n) -> new Location(
                        rs.getString(1),
                        null,
                        rs.getString(2),
                        rs.getObject(3, Double.class),
                        rs.getObject(4, Double.class)));
        return found.stream().findFirst();
    }

    /** Sets or replaces the position; one statement, so concurrent ADMINs simply last-write-win. */
    void put(
            UUID orgId,
            UUID nodeId,
            double latitude,
            double longitude,
            @Nullable String countryCode,
            @Nullable String city,
            Instant now) {
        jdbc.update(
                "INSERT INTO geo_node_locations (org_id, node_id, latitude, longitude, country_code, city, updated_at)"
                        + " VALUES (:org, :node, :lat, :lon, :country, :city, :now) ON DUPLICATE KEY UPDATE"
                        + " latitude = VALUES(latitude), longitude = VALUES(longitude),"
                        + " country_code = VALUES(country_code), city = VALUES(city), updated_at = VALUES(updated_at)",
                new MapSqlParameterSource()
                        .addValue("org", orgId.toString())
                        .addValue("node", nodeId.toString())
                        .addValue("lat", latitude)
                        .addValue("lon", longitude)
                        .addValue("country", countryCode)
                        .addValue("city", city)
                        .addValue("now", LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
    }

    boolean delete(UUID orgId, UUID nodeId) {
        return jdbc.update(
                        "DELETE FROM geo_node_locations WHERE org_id = :org AND node_id = :node",
                        Map.of("org", orgId.toString(), "node", nodeId.toString()))
                > 0;
    }
}
