package io.waddleperf.testserver.control;

import io.waddleperf.testserver.probes.Probes;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/** What the node says about itself, in /node/v1/info and in every heartbeat. */
@Component
class NodeStatus {

    /**
     * The node's self-description.
     *
     * @param load probe runs in progress
     * @param systemLoad the one-minute load average divided by the core count, -1 when unknown
     */
    record NodeInfo(
            String name,
            @Nullable String nodeId,
            String version,
            String region,
            List<String> labels,
            List<String> capabilities,
            int capacity,
            int load,
            double systemLoad,
            @Nullable URI advertisedUrl) {}

    private final NodeProperties properties;
    private final Runs runs;
    private final List<String> capabilities;
    private final String version;
    private final AtomicReference<@Nullable String> nodeId = new AtomicReference<>();
    /** Region and labels from pushed node settings; null parts fall back to the configuration. */
    private final AtomicReference<Selectors> selected = new AtomicReference<>(new Selectors(null, null));

    private record Selectors(
            @Nullable String region, @Nullable List<String> labels) {}

    @Autowired
    NodeStatus(NodeProperties properties, Runs runs, Probes probes, ObjectProvider<BuildProperties> build) {
        this(
                properties,
                runs,
                probes.capabilities(),
                build.getIfAvailable() == null ? "dev" : build.getObject().getVersion());
    }

    NodeStatus(NodeProperties properties, Runs runs, List<String> capabilities, String version) {
        this.properties = properties;
        this.runs = runs;
        this.capabilities = List.copyOf(capabilities);
        this.version = version;
    }

    NodeInfo info() {
        Selectors selectors = selected.get();
        return new NodeInfo(
                properties.name(),
                nodeId.get(),
                version,
                selectors.region() == null ? properties.region() : selectors.region(),
                selectors.labels() == null ? properties.labels() : selectors.labels(),
                capabilities(),
                runs.capacity(),
                runs.active(),
                systemLoad(),
                properties.advertisedUrl());
    }

    String version() {
        return version;
    }

    /** Probe types this node runs, and {@code capture} when it can record packet headers. */
    List<String> capabilities() {
        return capabilities;
    }

    @Nullable
    String nodeId() {
        return nodeId.get();
    }

    /** Region and labels the API set in node settings; {@code null} restores the configured ones. */
    void select(@Nullable String region, @Nullable List<String> labels) {
        selected.set(new Selectors(region, labels == null ? null : List.copyOf(labels)));
    }

    void enrolled(@Nullable String id) {
        nodeId.set(id);
    }

    private static double systemLoad() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        double average = os.getSystemLoadAverage();
        return average < 0 ? -1 : Math.round(average / os.getAvailableProcessors() * 100.0) / 100.0;
    }
}
