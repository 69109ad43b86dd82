package io.waddleperf.api.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.identity.internal.Accounts;
import io.waddleperf.api.identity.internal.Accounts.Me;
import io.waddleperf.api.identity.internal.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class MeController {

    private final Accounts accounts;

    MeController(Accounts accounts) {
        this.accounts = accounts;
    }

    record PasswordChange(
            @NotBlank @Size(max = 200) String currentPassword,
            @NotBlank @Size(min = 12, max = 200) String newPassword) {}

    @Operation(summary = "Change the signed-in user's password")
    @PostMapping("/api/v1/me/password")
    ResponseEntity<Void> changePassword(
            @AuthenticationPrincipal Actor actor, @Valid @RequestBody PasswordChange request) {
        accounts.changePassword(actor, request.currentPassword(), request.newPassword());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The caller: user, API key or SSO identity, with its organisations and roles")
    @GetMapping("/api/v1/me")
    Me me(@AuthenticationPrincipal Actor actor) {
        return accounts.me(actor);
    }
}
