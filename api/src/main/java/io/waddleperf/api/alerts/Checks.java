package io.waddleperf.api.alerts;

import io.waddleperf.api.monitors.MonitorLookup;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Checks shared by rules and maintenance windows. */
final class Checks {

    private Checks() {}

    static String name(@Nullable String name, List<FieldError> errors) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (stripped.length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        return stripped;
    }

    /** A scope of one monitor (of the organisation), one label, or (null or empty) everything. */
    static AlertRule.Scope scope(
            AlertRule.@Nullable Scope scope, UUID orgId, MonitorLookup monitors, List<FieldError> errors) {
        if (scope == null) {
            return new AlertRule.Scope(null, null);
        }
        String label = scope.label() == null || scope.label().isBlank()
                ? null
                : scope.label().strip();
        if (scope.monitorId() != null && label != null) {
            errors.add(new FieldError("scope", "give monitorId or label, not both (neither: every monitor)"));
            return new AlertRule.Scope(null, null);
        }
        if (scope.monitorId() != null
                && monitors.monitor(orgId, scope.monitorId()).isEmpty()) {
            errors.add(new FieldError("scope.monitorId", "is not a monitor of this organisation"));
        }
        if (label != null && label.length() > 100) {
            errors.add(new FieldError("scope.label", "must be at most 100 characters"));
        }
        return new AlertRule.Scope(scope.monitorId(), label);
    }

    static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw InvalidInput.of(errors);
        }
    }
}
