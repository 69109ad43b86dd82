package io.waddleperf.api.geo.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.waddleperf.api.geo.GeoLocator;
import io.waddleperf.api.geo.Location;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.results.ResultStored;
import io.waddleperf.api.shared.errors.NotFound;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Where each end of a result was. The client: its address (speed tests record it, behind trusted
 * proxies only). The node: the position an ADMIN set, else the address the API saw its enrolment
 * or latest heartbeat come from (trusted-proxy aware), else the address in its advertised URL. The
 * target: the address it names (an IP, an {@code ip:port}, a URL) or its host name resolves to,
 * through {@link TargetAddresses}, which waits briefly once per name and caches the answer, so a
 * slow resolver does not hold the result's transaction open.
 */
@Component
class VantagePoints {

    private final GeoLocator locator;
    private final NodeLocations nodeLocations;
    private final NodeRegistry nodes;
    private final TargetAddresses targets;

    VantagePoints(GeoLocator locator, NodeLocations nodeLocations, NodeRegistry nodes, TargetAddresses targets) {
        this.locator = locator;
        this.targets = targets;
        this.nodeLocations = nodeLocations;
        this.nodes = nodes;
    }

    /** The known sides of a result; unknown sides are left out. Needs the result's tenant bound. */
    Map<Side, Location> of(ResultStored result) {
        Map<Side, Location> sides = new EnumMap<>(Side.class);
        put(sides, Side.CLIENT, locator.locate(result.clientIp()));
        if (result.nodeId() != null) {
            UUID orgId = result.orgId();
            UUID nodeId = result.nodeId();
            put(sides, Side.NODE, recentNodes.get(new NodeKey(orgId, nodeId), key -> node(orgId, nodeId)));
        }
        if (!"speedtest".equals(result.type())) {
            // A speed test's target is the node itself, already counted as the node side.
            put(sides, Side.TARGET, locator.locate(targets.resolve(host(result.target()))));
        }
        return sides;
    }

    private record NodeKey(UUID orgId, UUID nodeId) {}

    /**
     * Where each node was, as the last result read it, for {@link #NODES_FRESH_FOR}: a node's
     * results arrive many a second, and each looked its node up (up to three queries per result in
     * the AutoPerf benchmark) for a position that rarely moves. Setting or clearing a position on
     * this replica forgets it ({@link #forget}); other replicas catch up within that time.
     */
    static final Duration NODES_FRESH_FOR = Duration.ofSeconds(5);

    private final Cache<NodeKey, Location> recentNodes = Caffeine.newBuilder()
            .expireAfterWrite(NODES_FRESH_FOR)
            .maximumSize(100_000)
            .build();

    void forget(UUID orgId, UUID nodeId) {
        recentNodes.invalidate(new NodeKey(orgId, nodeId));
    }

    Location node(UUID orgId, UUID nodeId) {
        return nodeLocations.find(orgId, nodeId).orElseGet(() -> {
            Node node;
            try {
                node = nodes.get(nodeId);
            } catch (NotFound e) {
                // A node deleted since: its results keep counting, without a node place.
                return Location.UNKNOWN;
            }
            // The address its heartbeats come from is where it is; the URL it advertises may name a
            // load balancer or a private address behind NAT, so it only counts when that is unknown.
            Location seen = nodes.seenAddress(nodeId).map(locator::locate).orElse(Location.UNKNOWN);
            if (seen.known()) {
                return seen;
            }
            return node.advertisedUrl() == null
                    ? Location.UNKNOWN
                    : locator.locate(targets.resolve(host(node.advertisedUrl())));
        });
    }

    private static void put(Map<Side, Location> sides, Side side, Location location) {
        if (location.known()) {
            sides.put(side, location);
        }
    }

    /** The address part of a target or URL: {@code https://[2001:db8::1]:443/x} → {@code 2001:db8::1}. */
    static @Nullable String host(@Nullable String target) {
        if (target == null || target.isBlank()) {
            return null;
        }
        String t = target.strip();
        if (t.contains("://")) {
            try {
                String host = URI.create(t).getHost();
                return host == null ? null : host.replace("[", "").replace("]", "");
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            return end < 0 ? null : t.substring(1, end);
        }
        int colon = t.indexOf(':');
        if (colon >= 0 && t.indexOf(':', colon + 1) < 0) {
            return t.substring(0, colon);
        }
        return t;
    }
}
