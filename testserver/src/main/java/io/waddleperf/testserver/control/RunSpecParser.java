package io.waddleperf.testserver.control;

import io.waddleperf.protocol.InvalidProbeSpec;
import io.waddleperf.protocol.ProbeType;
import io.waddleperf.protocol.RunSpec;
import io.waddleperf.testserver.control.NodeProblems.FieldError;
import io.waddleperf.testserver.probes.Probe;
import io.waddleperf.testserver.probes.Probes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a run spec {@code {runId, type, target, params}} from raw JSON. We parse it ourselves
 * rather than binding a record so that every way a body can be wrong (syntax, types, unknown
 * fields, bounds) ends in one 400 problem that lists all fields at once.
 */
@Component
class RunSpecParser {

    /** Bodies are a few hundred bytes; anything near this is not a run spec. */
    static final int MAX_BODY_CHARS = 64 * 1024;

    private static final Pattern RUN_ID = Pattern.compile(RunSpec.RUN_ID_REGEX);

    record ParsedRun(String runId, ProbeType type, String target, Probe probe) {}

    private final ObjectMapper json;
    private final Probes probes;

    RunSpecParser(ObjectMapper json, Probes probes) {
        this.json = json;
        this.probes = probes;
    }

    ParsedRun parse(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw InvalidRunSpec.malformed("The request body is empty; send a JSON run spec");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw InvalidRunSpec.malformed("The request body is longer than " + MAX_BODY_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw InvalidRunSpec.malformed("The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw InvalidRunSpec.fields(List.of(new FieldError("$", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : root.propertyNames()) {
            if (!RunSpec.FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of a run spec"));
            }
        }
        String runId = text(root, "runId", errors).orElse(null);
        if (runId != null && !RUN_ID.matcher(runId).matches()) {
            errors.add(new FieldError("runId", "must be 1-64 letters, digits, '.', '_', ':' or '-'"));
        }
        Optional<ProbeType> type = text(root, "type", errors).flatMap(name -> {
            Optional<ProbeType> known = ProbeType.fromWireName(name);
            if (known.isEmpty()) {
                errors.add(new FieldError("type", "must be one of " + probes.types()));
            }
            return known;
        });
        String target = text(root, "target", errors).orElse(null);
        Probe probe = null;
        if (type.isPresent()) {
            try {
                probe = probes.prepare(type.get(), target, root.get("params"), runId);
            } catch (InvalidProbeSpec e) {
                Set<String> reported = new HashSet<>();
                errors.forEach(error -> reported.add(error.field()));
                e.violations().stream()
                        .filter(violation -> !reported.contains(violation.field()))
                        .forEach(violation -> errors.add(new FieldError(violation.field(), violation.message())));
            }
        }
        if (!errors.isEmpty() || probe == null) {
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
            throw InvalidRunSpec.fields(errors);
        }
        return new ParsedRun(runId, type.get(), target, probe);
    }

    private static Optional<String> text(JsonNode root, String field, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return Optional.empty();
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "must be a string"));
            return Optional.empty();
        }
        return Optional.of(node.asString());
    }
}
