package io.waddleperf.api.nodes.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.nodes.NodeRegistry.EnrollmentToken;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/nodes")
@Tag(name = "Nodes")
class NodeController {

    private final NodeRegistry registry;

    NodeController(NodeRegistry registry) {
        this.registry = registry;
    }

    record TokenRequest(
            @Nullable @Min(60) @Max(7 * 24 * 3600) Integer ttlSeconds) {}

    /** The token and the exact command that starts a node with it. */
    record TokenResponse(String token, java.time.Instant expiresAt, String command) {}

    @Operation(summary = "Create a one-time enrolment token (default lifetime 1 hour)")
    @PostMapping("/enrollment-tokens")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<TokenResponse> createToken(
            @PathVariable UUID orgId, @Valid @RequestBody(required = false) @Nullable TokenRequest request) {
        int ttl = request == null || request.ttlSeconds() == null ? 3600 : request.ttlSeconds();
        EnrollmentToken token = registry.createEnrollmentToken(CurrentPrincipal.get(), Duration.ofSeconds(ttl));
        // The JWKS lets the node verify run tokens; the advertised URL is where the API dispatches runs.
        String command = "WADDLEPERF_API_URL=<this API's URL>"
                + " WADDLEPERF_CONTROL_JWKSURI=<this API's URL>/.well-known/jwks.json"
                + " WADDLEPERF_NODE_ADVERTISEDURL=<the node's URL, e.g. http://node-host:8081>"
                + " WADDLEPERF_ENROLLMENT_TOKEN=" + token.token()
                + " java -jar waddleperf-testserver.jar";
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new TokenResponse(token.token(), token.expiresAt(), command));
    }

    @Operation(summary = "Nodes with their status (online, offline, revoked)")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<Node> list(@PathVariable UUID orgId) {
        return registry.list();
    }

    @Operation(summary = "One node")
    @GetMapping("/{nodeId}")
    @RequiresRole(Role.VIEWER)
    Node get(@PathVariable UUID orgId, @PathVariable UUID nodeId) {
        return registry.get(nodeId);
    }

    @Operation(summary = "Revoke a node: its credential stops working")
    @DeleteMapping("/{nodeId}")
    @RequiresRole(Role.ADMIN)
    Node revoke(@PathVariable UUID orgId, @PathVariable UUID nodeId) {
        return registry.revoke(CurrentPrincipal.get(), nodeId);
    }
}
