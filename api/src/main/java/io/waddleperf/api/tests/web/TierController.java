package io.waddleperf.api.tests.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.tests.TierProfile;
import io.waddleperf.api.tests.TierProfile.Thresholds;
import io.waddleperf.api.tests.TierProfiles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/tiers")
@Tag(name = "Tiers")
class TierController {

    private final TierProfiles tiers;

    TierController(TierProfiles tiers) {
        this.tiers = tiers;
    }

    record ThresholdsRequest(
            @Nullable @DecimalMin("0") @DecimalMax("600000") Double latencyMs,
            @Nullable @DecimalMin("0") @DecimalMax("100") Double lossPercent,
            @Nullable @DecimalMin("0") @DecimalMax("600000") Double httpMs,
            @Nullable @DecimalMin("0") @DecimalMax("600000") Double dnsMs,

            @Nullable @DecimalMin("0") @DecimalMax("1000000")
            Double throughputMbps,

            @Nullable @DecimalMin("0") @DecimalMax("600000") Double jitterMs,
            @Nullable @DecimalMin("0") @DecimalMax("3650") Double certificateDays) {}

    record TierRequest(
            @Min(1) @Max(300) int timeoutSeconds,
            @Min(1) @Max(3650) int retentionDays,
            @NotNull @Valid ThresholdsRequest thresholds) {}

    @Operation(summary = "The three tier profiles (SPEC defaults until edited)")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<TierProfile> list(@PathVariable UUID orgId) {
        return tiers.all();
    }

    @Operation(summary = "Edit a tier's timeout, retention (capped by the license) and breach thresholds")
    @PutMapping("/{tier}")
    @RequiresRole(Role.MAINTAINER)
    TierProfile update(
            @PathVariable UUID orgId, @PathVariable @Min(1) @Max(3) int tier, @Valid @RequestBody TierRequest request) {
        ThresholdsRequest t = request.thresholds();
        return tiers.update(
                CurrentPrincipal.get(),
                tier,
                request.timeoutSeconds(),
                request.retentionDays(),
                new Thresholds(
                        t.latencyMs(),
                        t.lossPercent(),
                        t.httpMs(),
                        t.dnsMs(),
                        t.throughputMbps(),
                        t.jitterMs(),
                        t.certificateDays()));
    }
}
