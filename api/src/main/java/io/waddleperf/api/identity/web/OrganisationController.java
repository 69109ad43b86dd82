package io.waddleperf.api.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.identity.internal.Accounts;
import io.waddleperf.api.identity.internal.Accounts.CreatedOrganisation;
import io.waddleperf.api.identity.internal.Actor;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.OperatorOnly;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.tenancy.Organisation;
import io.waddleperf.api.tenancy.OrganisationDirectory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs")
@Tag(name = "Organisations")
class OrganisationController {

    private final Accounts accounts;
    private final OrganisationDirectory organisations;

    OrganisationController(Accounts accounts, OrganisationDirectory organisations) {
        this.accounts = accounts;
        this.organisations = organisations;
    }

    record CreateOrganisationRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 320) String adminEmail,
            @Nullable @Size(max = 200) String adminName) {}

    @Operation(summary = "Organisations the caller belongs to (an operator sees all)")
    @GetMapping
    List<Organisation> list(@AuthenticationPrincipal Actor actor) {
        return accounts.visibleOrganisations(actor);
    }

    @Operation(summary = "Create an organisation with its first ADMIN (operator only)")
    @PostMapping
    @OperatorOnly
    ResponseEntity<CreatedOrganisation> create(
            @AuthenticationPrincipal Actor actor, @Valid @RequestBody CreateOrganisationRequest request) {
        CreatedOrganisation created =
                accounts.createOrganisation(actor, request.name(), request.adminEmail(), request.adminName());
        return ResponseEntity.created(
                        URI.create("/api/v1/orgs/" + created.organisation().id()))
                .body(created);
    }

    @Operation(summary = "One organisation")
    @GetMapping("/{orgId}")
    @RequiresRole(Role.VIEWER)
    Organisation get(@PathVariable UUID orgId) {
        return organisations.find(CurrentPrincipal.get().orgId()).orElseThrow(() -> new NotFound("Organisation"));
    }
}
