package io.waddleperf.api.geo.internal;

import io.waddleperf.api.geo.Location;
import io.waddleperf.api.nodes.NodeRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Node positions as the API shows and edits them; every call checks the node is the org's (404). */
@Service
public class NodePositions {

    private final NodeLocations store;
    private final VantagePoints vantagePoints;
    private final NodeRegistry nodes;
    private final Clock clock;

    NodePositions(NodeLocations store, VantagePoints vantagePoints, NodeRegistry nodes, Clock clock) {
        this.store = store;
        this.vantagePoints = vantagePoints;
        this.nodes = nodes;
        this.clock = clock;
    }

    /** @param source admin (set by an ADMIN), geoip (its address) or unknown */
    public record NodePosition(
            UUID nodeId,
            String source,
            @Nullable Double latitude,
            @Nullable Double longitude,
            @Nullable String countryCode,
            @Nullable String city) {}

    public NodePosition get(UUID orgId, UUID nodeId) {
        nodes.get(nodeId);
        boolean set = store.find(orgId, nodeId).isPresent();
        Location l = vantagePoints.node(orgId, nodeId);
        String source = set ? "admin" : l.known() ? "geoip" : "unknown";
        return new NodePosition(nodeId, source, l.latitude(), l.longitude(), l.countryCode(), l.city());
    }

    public NodePosition set(
            UUID orgId,
            UUID nodeId,
            double latitude,
            double longitude,
            @Nullable String countryCode,
            @Nullable String city) {
        nodes.get(nodeId);
        String country = countryCode == null ? null : countryCode.toUpperCase(Locale.ROOT);
        String name = city == null || city.isBlank() ? null : city.strip();
        store.put(orgId, nodeId, latitude, longitude, country, name, clock.instant());
        vantagePoints.forget(orgId, nodeId);
        return new NodePosition(nodeId, "admin", latitude, longitude, country, name);
    }

    public void clear(UUID orgId, UUID nodeId) {
        nodes.get(nodeId);
        store.delete(orgId, nodeId);
        vantagePoints.forget(orgId, nodeId);
    }
}
