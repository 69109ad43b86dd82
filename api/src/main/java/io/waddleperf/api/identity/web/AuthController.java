package io.waddleperf.api.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.identity.internal.Sessions;
import io.waddleperf.api.identity.internal.Sessions.TokenPair;
import io.waddleperf.api.identity.internal.SsoProviders;
import io.waddleperf.api.identity.internal.SsoProviders.SsoDiscovery;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.errors.Refused.Kind;
import io.waddleperf.api.shared.web.ClientAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

    private final Sessions sessions;
    private final SsoProviders sso;

    AuthController(Sessions sessions, SsoProviders sso) {
        this.sessions = sessions;
        this.sso = sso;
    }

    record LoginRequest(
            @NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Size(max = 200) String password,
            @Nullable UUID orgId) {}

    record RefreshRequest(
            @NotBlank @Size(max = 200) String refreshToken,
            @Nullable UUID orgId) {}

    record LogoutRequest(@NotBlank @Size(max = 200) String refreshToken) {}

    @Operation(summary = "Sign in with e-mail and password; returns an access JWT and a refresh token")
    @PostMapping("/login")
    TokenPair login(@Valid @RequestBody LoginRequest request) {
        return sessions.login(
                request.email(),
                request.password(),
                request.orgId(),
                Objects.requireNonNullElse(ClientAddress.current(), "unknown"));
    }

    @Operation(summary = "Exchange a refresh token for new tokens (rotation); optionally switch organisation")
    @PostMapping("/refresh")
    TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.refreshToken(), request.orgId());
    }

    @Operation(
            summary = "Public: where an organisation's users sign in with SSO (issuer, client id, audience)",
            description = "Answers 404 alike when the organisation does not exist, has no SSO or no client id."
                    + " Unknown slugs count against the per-address sign-in limit (429).")
    @GetMapping("/sso")
    SsoDiscovery ssoDiscovery(@RequestParam("org") String org) {
        return sso.discover(org.strip(), Objects.requireNonNullElse(ClientAddress.current(), "unknown"))
                .orElseThrow(() -> new Refused(
                        Kind.NOT_FOUND,
                        "sso-not-configured",
                        "SSO not available",
                        "No organisation with that short name offers sign-in with SSO"));
    }

    @Operation(summary = "Sign out: revoke the refresh token's whole family")
    @PostMapping("/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody LogoutRequest request) {
        sessions.logout(request.refreshToken());
        return ResponseEntity.noContent().build();
    }
}
