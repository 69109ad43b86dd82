package io.waddleperf.api.alerts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.alerts.AlertRuleInput;
import io.waddleperf.api.alerts.AlertRules;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
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
@RequestMapping("/api/v1/orgs/{orgId}/alert-rules")
@Tag(name = "Alerts")
class AlertRuleController {

    private final AlertRules rules;

    AlertRuleController(AlertRules rules) {
        this.rules = rules;
    }

    /** Checked as a whole by {@link AlertRules}; bean constraints only bound the request's size. */
    record AlertRuleRequest(
            @Nullable @Size(max = 200) String name,
            AlertRule.@Nullable Scope scope,
            AlertRule.@Nullable Condition condition,
            AlertRule.@Nullable Raise raise,
            AlertRule.@Nullable Vantage vantage,
            @Nullable @Size(max = 16) String severity,
            AlertRule.@Nullable Clear clear,
            @Nullable @Size(max = 50) List<UUID> channelIds,
            @Nullable Boolean enabled) {

        AlertRuleInput toInput() {
            return new AlertRuleInput(name, scope, condition, raise, vantage, severity, clear, channelIds, enabled);
        }
    }

    @Operation(
            summary = "Create an alert rule: raise when X of the last Y rounds breach, clear after K good rounds",
            description = "Licensed autoperf (402 otherwise). Scope: one monitor, a vantage label, or all monitors;"
                    + " condition: a metric compared with a threshold, or the tier-1 thresholds. See docs/alerts.md.")
    @PostMapping
    @RequiresRole(Role.MAINTAINER)
    ResponseEntity<AlertRule> create(@PathVariable UUID orgId, @Valid @RequestBody AlertRuleRequest request) {
        AlertRule created = rules.create(CurrentPrincipal.get(), request.toInput());
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + orgId + "/alert-rules/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Alert rules of the organisation")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    List<AlertRule> list(@PathVariable UUID orgId) {
        return rules.list(CurrentPrincipal.get());
    }

    @Operation(summary = "One alert rule")
    @GetMapping("/{ruleId}")
    @RequiresRole(Role.VIEWER)
    AlertRule get(@PathVariable UUID orgId, @PathVariable UUID ruleId) {
        return rules.get(CurrentPrincipal.get(), ruleId);
    }

    @Operation(summary = "Replace an alert rule; its rounds are counted afresh")
    @PutMapping("/{ruleId}")
    @RequiresRole(Role.MAINTAINER)
    AlertRule replace(
            @PathVariable UUID orgId, @PathVariable UUID ruleId, @Valid @RequestBody AlertRuleRequest request) {
        return rules.replace(CurrentPrincipal.get(), ruleId, request.toInput());
    }

    @Operation(summary = "Delete an alert rule (ADMIN, as every delete); its unresolved alerts are resolved")
    @DeleteMapping("/{ruleId}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID orgId, @PathVariable UUID ruleId) {
        rules.delete(CurrentPrincipal.get(), ruleId);
        return ResponseEntity.noContent().build();
    }
}
