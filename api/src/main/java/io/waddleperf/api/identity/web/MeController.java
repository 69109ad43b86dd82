package io.waddleperf.api.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.identity.internal.Accounts;
import io.waddleperf.api.identity.internal.Accounts.Me;
import io.waddleperf.api.identity.internal.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class MeController {

    private final Accounts accounts;

    MeController(Accounts accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "The caller: user, API key or SSO identity, with its organisations and roles")
    @GetMapping("/api/v1/me")
    Me me(@AuthenticationPrincipal Actor actor) {
        return accounts.me(actor);
    }
}
