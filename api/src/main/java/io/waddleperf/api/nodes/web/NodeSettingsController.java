package io.waddleperf.api.nodes.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.nodes.NodeSettingsRegistry;
import io.waddleperf.api.nodes.NodeSettingsStatus;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A node's settings: what its iperf3 server accepts and the region and labels it is selected by.
 * The rules are the node protocol's ({@code NodeSettings.check}), so the API refuses exactly what
 * a node would, with the same messages.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/nodes/{nodeId}/settings")
@Tag(name = "Nodes")
class NodeSettingsController {

    private final NodeSettingsRegistry settings;

    NodeSettingsController(NodeSettingsRegistry settings) {
        this.settings = settings;
    }

    /**
     * The whole settings record; a field left out or {@code null} leaves the node's own
     * configuration for it.
     *
     * @param allowlist IPv4/IPv6 addresses and CIDR blocks, at most 100; empty accepts every client
     * @param idleTimeoutSeconds 1 to 600
     * @param capacity concurrent iperf3 tests, 1 to 256
     * @param region 1 to 64 of letters, digits, dot, underscore, hyphen
     * @param labels at most 20, each 1 to 64 of letters, digits and {@code . _ = : -}
     */
    record NodeSettingsRequest(
            @Nullable List<String> allowlist,
            @Nullable Integer idleTimeoutSeconds,
            @Nullable Integer capacity,
            @Nullable String region,
            @Nullable List<String> labels) {}

    @Operation(
            summary = "The node's settings and whether the node has applied them",
            description = "state: DEFAULT (nothing set), PENDING (until the node's next heartbeat),"
                    + " APPLIED, or REJECTED with the node's reason.")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    NodeSettingsStatus get(@PathVariable UUID orgId, @PathVariable UUID nodeId) {
        return settings.get(orgId, nodeId);
    }

    @Operation(
            summary = "Replace the node's settings; the node applies them on its next heartbeat",
            description = "Bad values answer 400 with every field and its rule in errors[].")
    @PutMapping
    @RequiresRole(Role.MAINTAINER)
    NodeSettingsStatus put(
            @PathVariable UUID orgId, @PathVariable UUID nodeId, @RequestBody NodeSettingsRequest request) {
        return settings.update(
                CurrentPrincipal.get(),
                nodeId,
                new NodeSettingsRegistry.Change(
                        request.allowlist(),
                        request.idleTimeoutSeconds(),
                        request.capacity(),
                        request.region(),
                        request.labels()));
    }
}
