package io.waddleperf.api.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.audit.AuditEvent;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.shared.security.RequiresFeature;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.license.WaddlePerfFeature;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    record AuditPage(List<AuditEvent> items, int page, int size, long totalItems, int totalPages) {}

    @Operation(summary = "The organisation's audit log, newest first")
    @GetMapping("/api/v1/orgs/{orgId}/audit")
    @RequiresRole(Role.ADMIN)
    @RequiresFeature(WaddlePerfFeature.AUDIT_LOG)
    AuditPage list(
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Page<AuditEvent> events = audit.page(page, size);
        return new AuditPage(events.getContent(), page, size, events.getTotalElements(), events.getTotalPages());
    }
}
