package io.waddleperf.api.tests.internal;

import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.tests.NodeSelector;
import io.waddleperf.protocol.ProbeContracts;
import io.waddleperf.protocol.ProbeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a test definition: its probe type, target and parameters against the node protocol's
 * contract (the same check a node makes before it runs them, so a stored test can run), and its
 * node selector, which only the API knows about.
 */
public final class ProbeParameters {

    private ProbeParameters() {}

    /** All problems with a test's type, target, parameters and node selector; empty when valid. */
    public static List<FieldError> check(
            @Nullable String type,
            @Nullable String target,
            @Nullable Map<String, Object> params,
            @Nullable NodeSelector selector) {
        List<FieldError> errors = new ArrayList<>();
        ProbeType probe = type == null ? null : ProbeType.fromWireName(type).orElse(null);
        if (probe == null) {
            errors.add(new FieldError("type", "must be one of " + String.join(", ", ProbeContracts.wireNames())));
        } else {
            ProbeContracts.of(probe).check(target, params).stream()
                    .map(v -> new FieldError(v.field(), v.message()))
                    .forEach(errors::add);
        }
        if (probe == null && (target == null || target.isBlank())) {
            errors.add(new FieldError("target", "must not be blank"));
        }
        errors.addAll(selectorProblems(selector));
        return errors;
    }

    /** The parameters with their types normalised (numbers as longs), for storage. */
    public static Map<String, Object> normalise(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((key, value) -> out.put(key, value instanceof Number n ? (Object) n.longValue() : value));
        return out;
    }

    private static List<FieldError> selectorProblems(@Nullable NodeSelector selector) {
        if (selector == null) {
            return List.of(new FieldError("nodeSelector", "must name a nodeId, a region or a label"));
        }
        int given = (selector.nodeId() == null ? 0 : 1)
                + (selector.region() == null ? 0 : 1)
                + (selector.label() == null ? 0 : 1);
        if (given != 1) {
            return List.of(new FieldError("nodeSelector", "must name exactly one of nodeId, region, label"));
        }
        String text = selector.region() != null ? selector.region() : selector.label();
        if (text != null && !text.matches("[A-Za-z0-9._=:-]{1,64}")) {
            return List.of(new FieldError(
                    selector.region() != null ? "nodeSelector.region" : "nodeSelector.label",
                    "must be 1-64 letters, digits or . _ = : -"));
        }
        return List.of();
    }
}
