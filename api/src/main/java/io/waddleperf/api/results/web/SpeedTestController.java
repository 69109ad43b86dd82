package io.waddleperf.api.results.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.results.internal.ResultView;
import io.waddleperf.api.results.internal.SpeedTests;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.web.ClientAddress;
import io.waddleperf.api.shared.web.RateLimited;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Results")
class SpeedTestController {

    private final SpeedTests speedTests;

    SpeedTestController(SpeedTests speedTests) {
        this.speedTests = speedTests;
    }

    /** Bounds: a browser cannot measure beyond 100 Gbit/s or wait beyond 10 minutes. */
    record SpeedTestRequest(
            @NotNull UUID nodeId,
            @NotNull @DecimalMin("0") @DecimalMax("100000") Double downloadMbps,
            @NotNull @DecimalMin("0") @DecimalMax("100000") Double uploadMbps,
            @NotNull @DecimalMin("0") @DecimalMax("60000") Double pingMs,
            @NotNull @DecimalMin("0") @DecimalMax("60000") Double jitterMs,
            @Nullable @Min(0) @Max(10_000_000_000_000L) Long bytesDown,
            @Nullable @Min(0) @Max(10_000_000_000_000L) Long bytesUp,
            @Nullable @Min(1) @Max(600_000) Long durationMillis,
            @Nullable @Size(max = 512) String userAgent) {}

    @Operation(summary = "Record a browser speed test against a node as a 'speedtest' result with the client's IP")
    @PostMapping("/api/v1/orgs/{orgId}/speedtests")
    @RequiresRole(Role.MAINTAINER)
    @RateLimited(RateLimited.Budget.RESULTS)
    ResponseEntity<ResultView> create(@PathVariable UUID orgId, @Valid @RequestBody SpeedTestRequest request) {
        ResultView result = speedTests.record(
                orgId,
                new SpeedTests.Measurement(
                        request.nodeId(),
                        request.downloadMbps(),
                        request.uploadMbps(),
                        request.pingMs(),
                        request.jitterMs(),
                        request.bytesDown(),
                        request.bytesUp(),
                        request.durationMillis(),
                        request.userAgent()),
                ClientAddress.current());
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + orgId + "/results/" + result.id()))
                .body(result);
    }
}
