package io.waddleperf.api.licensing.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.licensing.LicenseView;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "License")
class LicenseController {

    private final Licensing licensing;

    LicenseController(Licensing licensing) {
        this.licensing = licensing;
    }

    @Operation(summary = "License status: mode, tier, features, limits, expiry, last check and grace state")
    @GetMapping("/api/v1/orgs/{orgId}/license")
    @RequiresRole(Role.ADMIN)
    LicenseView get(@PathVariable UUID orgId) {
        return licensing.view();
    }
}
