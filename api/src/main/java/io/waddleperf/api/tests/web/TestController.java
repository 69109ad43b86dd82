package io.waddleperf.api.tests.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.tests.NodeSelector;
import io.waddleperf.api.tests.TestCatalog;
import io.waddleperf.api.tests.TestCatalog.TestInput;
import io.waddleperf.api.tests.TestDefinition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/tests")
@Tag(name = "Tests")
class TestController {

    private final TestCatalog catalog;

    TestController(TestCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Type, target, parameters and selector are checked together by the catalog, all at once, with
     * the node protocol's rules and messages; bean constraints here would answer first and hide
     * the rest.
     */
    record TestRequest(
            @NotBlank @Size(max = 200) String name,
            @Nullable String type,
            @Nullable String target,
            @Nullable @Size(max = 20) Map<String, Object> params,
            @NotNull NodeSelector nodeSelector,
            @Nullable Integer tier) {

        TestInput toInput() {
            return new TestInput(name, type, target, params, nodeSelector, tier);
        }
    }

    @Operation(
            summary =
                    "Create a test: probe type, target, parameters (checked against the node's bounds), node selection")
    @PostMapping
    @RequiresRole(Role.MAINTAINER)
    ResponseEntity<TestDefinition> create(@PathVariable UUID orgId, @Valid @RequestBody TestRequest request) {
        TestDefinition created = catalog.create(CurrentPrincipal.get(), request.toInput());
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + orgId + "/tests/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Tests of the organisation")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<TestDefinition> list(@PathVariable UUID orgId) {
        return catalog.list();
    }

    @Operation(summary = "One test")
    @GetMapping("/{testId}")
    @RequiresRole(Role.VIEWER)
    TestDefinition get(@PathVariable UUID orgId, @PathVariable UUID testId) {
        return catalog.get(testId);
    }

    @Operation(summary = "Replace a test")
    @PutMapping("/{testId}")
    @RequiresRole(Role.MAINTAINER)
    TestDefinition replace(
            @PathVariable UUID orgId, @PathVariable UUID testId, @Valid @RequestBody TestRequest request) {
        return catalog.replace(CurrentPrincipal.get(), testId, request.toInput());
    }

    @Operation(summary = "Delete a test")
    @DeleteMapping("/{testId}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID orgId, @PathVariable UUID testId) {
        catalog.delete(CurrentPrincipal.get(), testId);
        return ResponseEntity.noContent().build();
    }
}
