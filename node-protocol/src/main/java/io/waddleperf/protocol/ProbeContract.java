package io.waddleperf.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything both sides must agree on about one probe type: what its target looks like, its
 * parameters with bounds and defaults, the rules across parameters, and the figures its progress
 * samples and result carry. The API checks a test with {@link #check} before storing it and the
 * node checks a run spec with the same call, so a stored test is one a node runs.
 */
public record ProbeContract(
        ProbeType type,
        TargetRule target,
        List<ParamRule> params,
        List<CrossRule> rules,
        List<ResultField> progress,
        List<ResultField> results,
        Function<Map<String, Object>, ProbeParams> binder) {

    public ProbeContract {
        params = List.copyOf(params);
        rules = List.copyOf(rules);
        progress = List.copyOf(progress);
        results = List.copyOf(results);
    }

    /**
     * Every problem with a target and parameters, each with its JSON path; empty when a node runs
     * them. Unknown parameters are refused so that a typo does not silently fall back to a default.
     */
    public List<Violation> check(@Nullable String target, @Nullable Map<String, ?> given) {
        List<Violation> violations = new ArrayList<>();
        String targetProblem = this.target.problem(target);
        if (targetProblem != null) {
            violations.add(new Violation("target", targetProblem));
        }
        violations.addAll(paramViolations(given == null ? Map.of() : given));
        return violations;
    }

    /** Unknown names, values outside their rule, then, once each value is valid, the cross rules. */
    private List<Violation> paramViolations(Map<String, ?> values) {
        List<Violation> violations = new ArrayList<>();
        Map<String, ParamRule> rulesByName = byName();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            ParamRule rule = rulesByName.get(entry.getKey());
            String field = "params." + entry.getKey();
            if (rule == null) {
                violations.add(new Violation(
                        field, "is not a parameter of " + type.wireName() + "; allowed: " + rulesByName.keySet()));
            } else if (!rule.accepts(entry.getValue())) {
                violations.add(new Violation(field, rule.message()));
            }
        }
        if (violations.isEmpty()) {
            Map<String, Object> effective = effective(values);
            for (CrossRule rule : rules) {
                Violation violation = rule.check(effective);
                if (violation != null) {
                    violations.add(violation);
                }
            }
        }
        return violations;
    }

    /**
     * The typed parameters, defaults filled in.
     *
     * @throws InvalidProbeSpec when {@link #check} finds anything wrong with them
     */
    public ProbeParams params(@Nullable Map<String, ?> given) {
        List<Violation> violations = paramViolations(given == null ? Map.of() : given);
        if (!violations.isEmpty()) {
            throw new InvalidProbeSpec(violations);
        }
        return binder.apply(effective(given == null ? Map.of() : given));
    }

    /** The JSON Schema (2020-12) of the {@code params} object, with the cross rules as {@code x-rules}. */
    public Map<String, Object> paramsSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        params.forEach(rule -> properties.put(rule.name(), rule.schema()));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", type.label() + " parameters");
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        schema.put("properties", properties);
        schema.put("x-rules", rules.stream().map(CrossRule::schema).toList());
        return schema;
    }

    private Map<String, ParamRule> byName() {
        Map<String, ParamRule> byName = new LinkedHashMap<>();
        params.forEach(rule -> byName.put(rule.name(), rule));
        return byName;
    }

    private Map<String, Object> effective(Map<String, ?> given) {
        Map<String, Object> effective = new LinkedHashMap<>();
        for (ParamRule rule : params) {
            Object value = given.get(rule.name());
            Object chosen = value != null ? value : rule.defaultValue();
            if (chosen != null) {
                effective.put(rule.name(), chosen);
            }
        }
        return effective;
    }
}
