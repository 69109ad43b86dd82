package io.waddleperf.api.results.internal;

import io.waddleperf.api.shared.errors.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A result document posted to {@code POST /results}, checked field by field so one answer lists
 * every bad field, wrong types included (a typed binding would stop at the first).
 */
record ResultDocument(
        @Nullable UUID runId,
        @Nullable UUID parentRunId,
        @Nullable UUID testId,
        @Nullable UUID nodeId,
        String type,
        String target,
        @Nullable Integer tier,
        String status,
        @Nullable String reason,
        @Nullable Instant startedAt,
        Instant finishedAt,
        Map<String, Object> summary,
        List<ResultDraft.Sample> samples) {

    static final Set<String> FIELDS = Set.of(
            "runId",
            "parentRunId",
            "testId",
            "nodeId",
            "type",
            "target",
            "tier",
            "status",
            "reason",
            "startedAt",
            "finishedAt",
            "summary",
            "samples");
    static final int MAX_SAMPLES = 3600;
    static final int MAX_SECOND = 86_400;
    /** Clocks of nodes and automation drift; a finish further ahead than this is a mistake. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** Parses {@code body}; adds to {@code errors} and answers null when anything is wrong. */
    static @Nullable ResultDocument parse(JsonNode body, Instant now, JsonMapper json, List<FieldError> errors) {
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("body", "must be a JSON object"));
            return null;
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a known field"));
            }
        }
        Fields f = new Fields(body, errors);
        UUID runId = f.uuid("runId", false);
        UUID parentRunId = f.uuid("parentRunId", false);
        UUID testId = f.uuid("testId", false);
        UUID nodeId = f.uuid("nodeId", false);
        String type = f.oneOf("type", ResultFilter.TYPES);
        String target = f.text("target", true, 2048);
        Integer tier = f.integer("tier", 1, 3);
        String status = f.oneOf("status", ResultFilter.STATUSES);
        String reason = f.text("reason", false, 1000);
        Instant startedAt = f.instant("startedAt", false);
        Instant finishedAt = f.instant("finishedAt", true);
        if (finishedAt != null && finishedAt.isAfter(now.plus(FUTURE_TOLERANCE))) {
            errors.add(new FieldError("finishedAt", "must not be in the future"));
        }
        if (startedAt != null && finishedAt != null && startedAt.isAfter(finishedAt)) {
            errors.add(new FieldError("startedAt", "must not be after finishedAt"));
        }
        JsonNode summaryNode = body.get("summary");
        Map<String, Object> summary = null;
        if (summaryNode == null || summaryNode.isNull()) {
            errors.add(new FieldError("summary", "is required"));
        } else if (!summaryNode.isObject()) {
            errors.add(new FieldError("summary", "must be a JSON object (the node's result)"));
        } else {
            summary = json.convertValue(summaryNode, MAP);
        }
        List<ResultDraft.Sample> samples = samples(body.get("samples"), json, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return new ResultDocument(
                runId,
                parentRunId,
                testId,
                nodeId,
                type,
                target,
                tier,
                status,
                reason,
                startedAt,
                finishedAt,
                summary,
                samples);
    }

    private static List<ResultDraft.Sample> samples(@Nullable JsonNode node, JsonMapper json, List<FieldError> errors) {
        List<ResultDraft.Sample> samples = new ArrayList<>();
        if (node == null || node.isNull()) {
            return samples;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("samples", "must be an array of {second, values}"));
            return samples;
        }
        if (node.size() > MAX_SAMPLES) {
            errors.add(new FieldError("samples", "must hold at most " + MAX_SAMPLES + " samples"));
            return samples;
        }
        Set<Integer> seconds = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode sample = node.get(i);
            String path = "samples[" + i + "]";
            if (!sample.isObject()) {
                errors.add(new FieldError(path, "must be an object {second, values}"));
                continue;
            }
            JsonNode second = sample.get("second");
            JsonNode values = sample.get("values");
            boolean ok = true;
            if (second == null
                    || !second.isIntegralNumber()
                    || !second.canConvertToInt()
                    || second.intValue() < 0
                    || second.intValue() > MAX_SECOND) {
                errors.add(new FieldError(path + ".second", "must be a whole number from 0 to " + MAX_SECOND));
                ok = false;
            } else if (!seconds.add(second.intValue())) {
                errors.add(new FieldError(path + ".second", "repeats second " + second.intValue()));
                ok = false;
            }
            if (values == null || !values.isObject()) {
                errors.add(new FieldError(path + ".values", "must be a JSON object"));
                ok = false;
            }
            for (String name : sample.propertyNames()) {
                if (!name.equals("second") && !name.equals("values")) {
                    errors.add(new FieldError(path + "." + name, "is not a known field"));
                    ok = false;
                }
            }
            if (ok) {
                samples.add(new ResultDraft.Sample(second.intValue(), json.convertValue(values, MAP)));
            }
        }
        return samples;
    }

    /** Field readers that record what is wrong instead of throwing. */
    private record Fields(JsonNode body, List<FieldError> errors) {

        @Nullable
        JsonNode present(String name, boolean required) {
            JsonNode node = body.get(name);
            if (node == null || node.isNull()) {
                if (required) {
                    errors.add(new FieldError(name, "is required"));
                }
                return null;
            }
            return node;
        }

        @Nullable
        String text(String name, boolean required, int max) {
            JsonNode node = present(name, required);
            if (node == null) {
                return null;
            }
            if (!node.isString()
                    || node.stringValue().isBlank()
                    || node.stringValue().length() > max) {
                errors.add(new FieldError(name, "must be a text of 1 to " + max + " characters"));
                return null;
            }
            return node.stringValue().strip();
        }

        @Nullable
        UUID uuid(String name, boolean required) {
            JsonNode node = present(name, required);
            if (node == null) {
                return null;
            }
            try {
                if (node.isString() && node.stringValue().length() == 36) {
                    return UUID.fromString(node.stringValue());
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            errors.add(new FieldError(name, "must be a UUID"));
            return null;
        }

        @Nullable
        String oneOf(String name, Set<String> allowed) {
            JsonNode node = present(name, true);
            if (node == null) {
                return null;
            }
            if (!node.isString() || !allowed.contains(node.stringValue())) {
                errors.add(new FieldError(
                        name,
                        "must be one of "
                                + String.join(", ", allowed.stream().sorted().toList())));
                return null;
            }
            return node.stringValue();
        }

        @Nullable
        Integer integer(String name, int min, int max) {
            JsonNode node = present(name, false);
            if (node == null) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
                errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
                return null;
            }
            return node.intValue();
        }

        @Nullable
        Instant instant(String name, boolean required) {
            JsonNode node = present(name, required);
            if (node == null) {
                return null;
            }
            try {
                if (node.isString()) {
                    return Instant.parse(node.stringValue()).truncatedTo(ChronoUnit.MICROS);
                }
            } catch (RuntimeException e) {
                // reported below
            }
            errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-11-22T10:00:00Z"));
            return null;
        }
    }
}
