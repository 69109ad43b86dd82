package io.waddleperf.api.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.identity.internal.ApiKeys;
import io.waddleperf.api.identity.internal.ApiKeys.ApiKey;
import io.waddleperf.api.identity.internal.ApiKeys.CreatedApiKey;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresFeature;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.license.WaddlePerfFeature;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
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
@RequestMapping("/api/v1/orgs/{orgId}/api-keys")
@RequiresRole(Role.ADMIN)
@RequiresFeature(WaddlePerfFeature.API_KEYS)
@Tag(name = "API keys")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    record CreateApiKeyRequest(
            @NotBlank @Size(max = 100) String name, @NotNull Role role) {}

    @Operation(summary = "API keys of the organisation (secrets are never shown again)")
    @GetMapping
    List<ApiKey> list(@PathVariable UUID orgId) {
        return keys.list();
    }

    @Operation(summary = "Create an API key; the secret is in this response only")
    @PostMapping
    ResponseEntity<CreatedApiKey> create(@PathVariable UUID orgId, @Valid @RequestBody CreateApiKeyRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(keys.create(CurrentPrincipal.get(), request.name(), request.role()));
    }

    @Operation(summary = "Revoke an API key")
    @DeleteMapping("/{keyId}")
    ApiKey revoke(@PathVariable UUID orgId, @PathVariable UUID keyId) {
        return keys.revoke(CurrentPrincipal.get(), keyId);
    }
}
