package io.waddleperf.api.results.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.results.internal.ResultExport;
import io.waddleperf.api.results.internal.ResultFilter;
import io.waddleperf.api.results.internal.ResultIngest;
import io.waddleperf.api.results.internal.ResultStore;
import io.waddleperf.api.results.internal.ResultView;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.web.RateLimited;
import io.waddleperf.api.tests.TestCatalog;
import io.waddleperf.api.tests.TestDefinition;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/results")
@Tag(name = "Results")
class ResultController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ResultIngest ingest;
    private final ResultStore store;
    private final ResultExport export;
    private final TestCatalog tests;
    private final JsonMapper json;
    private final Clock clock;

    ResultController(
            ResultIngest ingest,
            ResultStore store,
            ResultExport export,
            TestCatalog tests,
            JsonMapper json,
            Clock clock) {
        this.ingest = ingest;
        this.store = store;
        this.export = export;
        this.tests = tests;
        this.json = json;
        this.clock = clock;
    }

    record ResultPage(List<ResultView> items, @Nullable String nextCursor) {}

    @Operation(
            summary = "Store a result document; a repeat with the same Idempotency-Key answers as the first did",
            description = "Body: {runId?, parentRunId?, testId?, nodeId?, type, target, tier?, status, reason?,"
                    + " startedAt?, finishedAt, summary, samples?: [{second, values}]}. See docs/results.md.")
    @PostMapping
    @RequiresRole(Role.MAINTAINER)
    @RateLimited(RateLimited.Budget.RESULTS)
    ResponseEntity<String> ingest(
            @PathVariable UUID orgId,
            @Parameter(description = "1 to 255 printable characters; required")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    @Nullable
                    String idempotencyKey,
            @RequestBody JsonNode body) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw badHeader("is required: send a unique key per result, and the same key when retrying");
        }
        if (idempotencyKey.length() > 255 || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw badHeader("must be 1 to 255 printable ASCII characters without spaces");
        }
        ResultIngest.Answer answer = ingest.ingest(orgId, idempotencyKey, body);
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON);
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        String id = json.readTree(answer.body()).path("id").asString(null);
        if (answer.status() == 201 && id != null) {
            response.location(URI.create("/api/v1/orgs/" + orgId + "/results/" + id));
        }
        return response.body(answer.body());
    }

    @Operation(
            summary = "Results, newest first, filtered, in keyset pages",
            description = "Filters: testId, nodeId, target, tier, status, verdict, type, from (inclusive), to"
                    + " (exclusive) on finishedAt; limit 1-500 (default 50); cursor: the nextCursor of the"
                    + " previous page.")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    ResultPage list(@PathVariable UUID orgId, @ParameterObject ResultQuery query) {
        ResultFilter.Page page = ResultFilter.parsePage(query.toMap());
        List<ResultView> rows = store.page(orgId, page.filter(), page.limit() + 1, page.cursor(), testNames());
        if (rows.size() <= page.limit()) {
            return new ResultPage(rows, null);
        }
        List<ResultView> items = rows.subList(0, page.limit());
        ResultView last = items.getLast();
        return new ResultPage(List.copyOf(items), new ResultFilter.Cursor(last.finishedAt(), last.id()).encode());
    }

    @Operation(
            summary = "Export results as CSV or JSON, streamed",
            description = "The filters of the list; format csv (default) or json. Column order: docs/results.md.")
    @GetMapping("/export")
    @RequiresRole(Role.VIEWER)
    @RateLimited(RateLimited.Budget.EXPORTS)
    void export(@PathVariable UUID orgId, @ParameterObject ResultQuery query, HttpServletResponse response)
            throws IOException {
        Map<String, String> params = query.toMap();
        List<FieldError> errors = new ArrayList<>();
        String format = params.getOrDefault("format", "csv");
        if (!format.equals("csv") && !format.equals("json")) {
            errors.add(new FieldError("format", "must be csv or json"));
        }
        ResultFilter filter = ResultFilter.parse(params, errors);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC));
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("results-" + stamp + "." + format)
                        .build()
                        .toString());
        Function<UUID, String> names = testNames();
        if (format.equals("csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            export.csv(orgId, filter, names, response.getOutputStream());
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            export.json(orgId, filter, names, response.getOutputStream());
        }
    }

    @Operation(summary = "One result with its per-second samples")
    @GetMapping("/{resultId}")
    @RequiresRole(Role.VIEWER)
    ResultView get(@PathVariable UUID orgId, @PathVariable UUID resultId) {
        return store.find(orgId, resultId, testNames()).orElseThrow(() -> new NotFound("Result"));
    }

    /** Current test names: a renamed test shows its new name, a deleted one none. */
    private Function<UUID, String> testNames() {
        Map<UUID, String> names =
                tests.list().stream().collect(Collectors.toMap(TestDefinition::id, TestDefinition::name));
        return names::get;
    }

    private static InvalidInput badHeader(String message) {
        return InvalidInput.of(IDEMPOTENCY_KEY, message);
    }
}
