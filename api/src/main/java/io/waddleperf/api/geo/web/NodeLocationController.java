package io.waddleperf.api.geo.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.geo.internal.NodePositions;
import io.waddleperf.api.geo.internal.NodePositions.NodePosition;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a node stands, for the node side of the heatmap. Not licensed: a position is node
 * metadata, and setting it before buying the heatmap is harmless.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/nodes/{nodeId}/location")
@Tag(name = "Geo")
class NodeLocationController {

    private final NodePositions positions;

    NodeLocationController(NodePositions positions) {
        this.positions = positions;
    }

    record LocationRequest(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,

            @Nullable @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
            String countryCode,

            @Nullable @Size(max = 100) String city) {}

    @Operation(
            summary = "The node's position: set by an ADMIN, else from the address in its advertised URL",
            description = "source is 'admin', 'geoip' or 'unknown'.")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    NodePosition get(@PathVariable UUID orgId, @PathVariable UUID nodeId) {
        return positions.get(orgId, nodeId);
    }

    @Operation(summary = "Set where the node stands; later results count there on the node side")
    @PutMapping
    @RequiresRole(Role.ADMIN)
    NodePosition put(@PathVariable UUID orgId, @PathVariable UUID nodeId, @Valid @RequestBody LocationRequest body) {
        return positions.set(orgId, nodeId, body.latitude(), body.longitude(), body.countryCode(), body.city());
    }

    @Operation(summary = "Forget the position an ADMIN set; the node's address applies again")
    @DeleteMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID orgId, @PathVariable UUID nodeId) {
        positions.clear(orgId, nodeId);
        return ResponseEntity.noContent().build();
    }
}
