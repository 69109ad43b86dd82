package io.waddleperf.api.tests.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.protocol.ProbeContract;
import io.waddleperf.protocol.ProbeContracts;
import io.waddleperf.protocol.ResultField;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The node protocol's rules for clients: per probe type, what its target must be, the JSON Schema
 * of its parameters (with the API's own messages) and the figures its samples and results carry,
 * with units. The web UI validates forms and labels results with this, so it never keeps a copy.
 */
@RestController
@Tag(name = "Tests")
class ProbeTypeController {

    record TargetView(
            String format,
            boolean portRequired,
            @Schema(types = {"integer", "null"}) @Nullable Integer defaultPort,
            String hint) {}

    record ProbeTypeView(
            String type,
            String label,
            TargetView target,

            @Schema(
                    implementation = Map.class,
                    description = "JSON Schema (2020-12) of the params object; each property carries x-unit"
                            + " and x-message, cross-field rules are in x-rules")
            Map<String, Object> params,

            List<ResultField> progress,
            List<ResultField> results) {}

    private static final List<ProbeTypeView> VIEWS =
            ProbeContracts.all().stream().map(ProbeTypeController::view).toList();

    @Operation(summary = "Probe types with their parameter rules (JSON Schema) and result figures with units")
    @GetMapping("/api/v1/probe-types")
    ResponseEntity<List<ProbeTypeView>> probeTypes() {
        // The rules change only with a release; clients may keep them for the session.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .body(VIEWS);
    }

    private static ProbeTypeView view(ProbeContract contract) {
        return new ProbeTypeView(
                contract.type().wireName(),
                contract.type().label(),
                new TargetView(
                        contract.target().format().wireName(),
                        contract.target().portRequired(),
                        contract.target().defaultPort(),
                        contract.target().hint()),
                contract.paramsSchema(),
                contract.progress(),
                contract.results());
    }
}
