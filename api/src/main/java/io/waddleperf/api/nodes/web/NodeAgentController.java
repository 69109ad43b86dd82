package io.waddleperf.api.nodes.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.nodes.NodeRegistry.Enrolled;
import io.waddleperf.api.nodes.internal.NodeReport;
import io.waddleperf.api.nodes.internal.NodeStore;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.web.ClientAddress;
import io.waddleperf.protocol.NodeSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Called by test-server nodes, not people: enrolment with a one-time token, then heartbeats with
 * the node credential ({@code Authorization: Bearer wpn_...}). Both are idempotent for the node:
 * a retried heartbeat just reports again.
 */
@RestController
@RequestMapping("/api/v1/node")
@Tag(name = "Node agent")
class NodeAgentController {

    // Shared by enrolment and heartbeat, which report the same facts about a node.
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    private static final String REGION = "[A-Za-z0-9._-]+";
    private static final String LABEL = "[A-Za-z0-9._=:-]{1,64}";
    private static final String CAPABILITY = "[a-z0-9_]{1,32}";
    private static final String URL = "https?://\\S+";

    private final NodeRegistry registry;

    NodeAgentController(NodeRegistry registry) {
        this.registry = registry;
    }

    /** The heartbeat body of docs/node-protocol.md; unknown members (sentAt, ...) are ignored. */
    record Report(
            @Nullable @Pattern(regexp = NAME) String name,

            @NotBlank @Size(max = 64) @Pattern(regexp = REGION)
            String region,

            @NotNull @Size(max = 20) List<@Pattern(regexp = LABEL) String> labels,
            @NotBlank @Size(max = 64) String version,
            @NotNull @Size(max = 20) List<@Pattern(regexp = CAPABILITY) String> capabilities,
            @Min(1) @Max(1024) int capacity,
            @Min(0) @Max(1024) int load,

            @Nullable @DecimalMin("-1") @DecimalMax("100000")
            Double systemLoad,

            @Nullable @Size(max = 500) @Pattern(regexp = URL)
            String advertisedUrl,

            @Nullable @Min(0) Long settingsVersion,
            @Nullable @Valid SettingsRejected settingsRejected) {}

    /** A node's refusal of pushed settings (docs/node-protocol.md); nodes before settings send none. */
    record SettingsRejected(
            @Min(1) long version,
            @NotBlank @Size(max = 2000) String reason) {}

    /** The enrolment body of docs/node-protocol.md. */
    record EnrollRequest(
            @NotBlank @Size(max = 200) String token,
            @NotBlank @Pattern(regexp = NAME) String name,

            @NotBlank @Size(max = 64) @Pattern(regexp = REGION)
            String region,

            @NotNull @Size(max = 20) List<@Pattern(regexp = LABEL) String> labels,
            @NotBlank @Size(max = 64) String version,
            @NotNull @Size(max = 20) List<@Pattern(regexp = CAPABILITY) String> capabilities,
            @Min(1) @Max(1024) int capacity,

            @Nullable @Size(max = 500) @Pattern(regexp = URL)
            String advertisedUrl) {}

    /** @param settings present while the node's applied settings version is behind the API's */
    record HeartbeatResponse(
            UUID nodeId,
            Node.Status status,
            long heartbeatIntervalSeconds,
            @Nullable NodeSettings settings) {}

    @Operation(summary = "Exchange a one-time enrolment token for a node credential")
    @PostMapping("/enroll")
    Enrolled enroll(
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            @Valid @RequestBody EnrollRequest request) {
        return registry.enroll(
                request.token(),
                idempotencyKey,
                new NodeReport(
                        request.name(),
                        request.region(),
                        request.labels(),
                        request.version(),
                        request.capabilities(),
                        request.capacity(),
                        0,
                        null,
                        request.advertisedUrl(),
                        ClientAddress.current()));
    }

    @Operation(
            summary = "Report liveness, version, capabilities, capacity and load (every 5 s)",
            description = "The answer carries the node's settings while the version the node reports"
                    + " applied (settingsVersion) is behind and the node has not refused it (settingsRejected).")
    @PostMapping("/heartbeat")
    HeartbeatResponse heartbeat(
            @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @Valid @RequestBody Report report) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new Refused(
                    Refused.Kind.NOT_AUTHENTICATED,
                    "invalid-node-credential",
                    "Unknown node",
                    "Send the node credential as Authorization: Bearer <credential>");
        }
        SettingsRejected rejected = report.settingsRejected();
        NodeStore.Beat beat = registry.heartbeat(
                authorization.substring(7).strip(),
                toReport(report),
                report.settingsVersion() == null ? 0 : report.settingsVersion(),
                rejected == null ? null : new NodeSettings.Rejection(rejected.version(), rejected.reason()));
        return new HeartbeatResponse(
                beat.node().id(), beat.node().status(), NodeRegistry.HEARTBEAT_INTERVAL.toSeconds(), beat.push());
    }

    private static NodeReport toReport(Report report) {
        return new NodeReport(
                report.name() == null ? "" : report.name(),
                report.region(),
                report.labels(),
                report.version(),
                report.capabilities(),
                report.capacity(),
                report.load(),
                report.systemLoad(),
                report.advertisedUrl(),
                ClientAddress.current());
    }
}
