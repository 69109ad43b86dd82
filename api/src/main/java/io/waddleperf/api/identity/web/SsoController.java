package io.waddleperf.api.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.identity.internal.SsoProviders;
import io.waddleperf.api.identity.internal.SsoProviders.SsoConfig;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresFeature;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.license.WaddlePerfFeature;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
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

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/sso")
@RequiresRole(Role.ADMIN)
@RequiresFeature(WaddlePerfFeature.SSO)
@Tag(name = "SSO")
class SsoController {

    private final SsoProviders sso;

    SsoController(SsoProviders sso) {
        this.sso = sso;
    }

    record SsoRequest(
            @NotBlank @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
            String issuerUri,

            @NotBlank @Size(max = 200) String audience,

            @Nullable
            @Size(min = 1, max = 200)
            @Pattern(regexp = "\\p{Graph}+", message = "must be printable characters without spaces")
            String clientId,

            @NotBlank @Size(max = 100) String roleClaim,
            @NotNull @Size(max = 50) Map<@NotBlank @Size(max = 200) String, @NotNull Role> roleMapping,
            @Nullable Role defaultRole) {}

    @Operation(summary = "The organisation's OIDC issuer, if configured")
    @GetMapping
    SsoConfig get(@PathVariable UUID orgId) {
        return sso.get(CurrentPrincipal.get().orgId()).orElseThrow(() -> new NotFound("SSO configuration"));
    }

    @Operation(summary = "Configure the organisation's OIDC issuer, audience and claim-to-role mapping")
    @PutMapping
    SsoConfig configure(@PathVariable UUID orgId, @Valid @RequestBody SsoRequest request) {
        return sso.configure(
                CurrentPrincipal.get(),
                request.issuerUri(),
                request.audience(),
                request.clientId(),
                request.roleClaim(),
                request.roleMapping(),
                request.defaultRole());
    }

    @Operation(summary = "Remove the organisation's SSO configuration")
    @DeleteMapping
    ResponseEntity<Void> remove(@PathVariable UUID orgId) {
        sso.remove(CurrentPrincipal.get());
        return ResponseEntity.noContent().build();
    }
}
