package io.waddleperf.api.results.internal;

import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.results.internal.ResultStore.Row;
import io.waddleperf.api.shared.database.JdbcTimes;
import io.waddleperf.api.shared.database.RetryOnConflict;
import io.waddleperf.api.shared.errors.Conflict;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.security.Secrets;
import io.waddleperf.api.tests.TestCatalog;
import io.waddleperf.api.tests.TestDefinition;
import io.waddleperf.license.WaddlePerfFeature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /results} with an {@code Idempotency-Key}: the first successful answer per
 * organisation and key is stored with the result, in the same transaction, and replayed to every
 * repeat until it expires, by whichever replica the repeat reaches. Two first attempts racing
 * each other meet at the key's primary key: the loser's result is rolled back and it answers
 * with the winner's response. Rejected requests (4xx) are not stored, so a corrected request may
 * reuse the key.
 */
@Service
public class ResultIngest {

    private final Licensing licensing;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ResultRecorder recorder;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final NodeRegistry nodes;
    private final TestCatalog tests;
    private final ResultsProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    ResultIngest(
            ResultRecorder recorder,
            NamedParameterJdbcTemplate jdbc,
            TransactionTemplate transactions,
            NodeRegistry nodes,
            TestCatalog tests,
            Licensing licensing,
            ResultsProperties properties,
            JsonMapper json,
            Clock clock) {
        this.licensing = licensing;
        this.recorder = recorder;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.nodes = nodes;
        this.tests = tests;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** What to answer: the status and the exact body, and whether it is a replay. */
    public record Answer(int status, String body, boolean replayed) {}

    private static final Answer RUN_HAS_RESULT = new Answer(409, "", false);

    private record Stored(String requestHash, int status, String body, Instant expiresAt) {}

    /**
     * Stores the document once per key. Must be called with the organisation's tenant bound (a
     * request of that organisation): node and test lookups go through their modules' facades.
     */
    @RetryOnConflict
    public Answer ingest(UUID orgId, String idempotencyKey, JsonNode body) {
        String keyHash = Secrets.sha256(idempotencyKey);
        String requestHash = Secrets.sha256(canonical(body));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Answer> earlier = replay(orgId, keyHash, requestHash, now);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Prepared prepared = prepare(orgId, body, now);
        ResultDraft draft = prepared.draft();
        if (draft.tier() != null && draft.tier() == 3) {
            // Tier 3 is licensed (SPEC section 6), whether its results come from a run or are sent.
            licensing.require(WaddlePerfFeature.TIER3);
        }
        Row row = recorder.row(draft, recorder.thresholds(orgId, draft.tier()));
        String response = json.writeValueAsString(ResultStore.view(row, prepared.testName()));
        Answer answer = transactions.execute(status -> {
            if (!recorder.insert(row)) {
                status.setRollbackOnly();
                return RUN_HAS_RESULT;
            }
            try {
                jdbc.update(
                        "INSERT INTO results_idempotency_keys (org_id, key_hash, request_hash, status_code,"
                                + " response_body, created_at, expires_at) VALUES (:org, :key, :request, 201, :body,"
                                + " :now, :expires)",
                        new MapSqlParameterSource()
                                .addValue("org", orgId.toString())
                                .addValue("key", keyHash)
                                .addValue("request", requestHash)
                                .addValue("body", response)
                                .addValue("now", JdbcTimes.utc(now))
                                .addValue("expires", JdbcTimes.utc(now.plus(properties.idempotencyTtl()))));
            } catch (DuplicateKeyException e) {
                status.setRollbackOnly();
                return null;
            }
            return new Answer(201, response, false);
        });
        if (answer != null && answer != RUN_HAS_RESULT) {
            return answer;
        }
        // Either a concurrent first attempt with this key committed while ours ran (answer as it
        // did), or the run has a result from elsewhere.
        return replay(orgId, keyHash, requestHash, now)
                .orElseThrow(() -> new Conflict(
                        "result-exists", "Run " + draft.runId() + " already has a result; send a new runId or none"));
    }

    /** Deletes up to {@code batch} expired keys; the retention job calls it until none are left. */
    public int purgeExpiredKeys(Instant now, int batch) {
        return jdbc.update(
                "DELETE FROM results_idempotency_keys WHERE expires_at <= :now LIMIT :batch",
                Map.of("now", JdbcTimes.utc(now), "batch", batch));
    }

    private Optional<Answer> replay(UUID orgId, String keyHash, String requestHash, Instant now) {
        List<Stored> stored = jdbc.query(
                "SELECT request_hash, status_code, response_body, expires_at FROM results_idempotency_keys"
                        + " WHERE org_id = :org AND key_hash = :key",
                Map.of("org", orgId.toString(), "key", keyHash),
                (rs, n) -> new Stored(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getObject(4, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC)));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!stored.getFirst().expiresAt().isAfter(now)) {
            // An expired answer gives way to the new one; deleting it twice is harmless.
            jdbc.update(
                    "DELETE FROM results_idempotency_keys WHERE org_id = :org AND key_hash = :key AND expires_at <= :now",
                    Map.of("org", orgId.toString(), "key", keyHash, "now", JdbcTimes.utc(now)));
            return Optional.empty();
        }
        Stored first = stored.getFirst();
        if (!first.requestHash().equals(requestHash)) {
            throw new Refused(
                    Refused.Kind.UNPROCESSABLE,
                    "idempotency-key-reused",
                    "Idempotency key reused",
                    "This Idempotency-Key was used for a different request body; use a new key for a new result");
        }
        return Optional.of(new Answer(first.status(), first.body(), true));
    }

    private record Prepared(ResultDraft draft, @Nullable String testName) {}

    private Prepared prepare(UUID orgId, JsonNode body, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        ResultDocument doc = ResultDocument.parse(body, now, json, errors);
        Node node = null;
        TestDefinition test = null;
        if (doc != null && doc.nodeId() != null) {
            node = lookup(() -> nodes.get(doc.nodeId()));
            if (node == null) {
                errors.add(new FieldError("nodeId", "is not a node of this organisation"));
            }
        }
        if (doc != null && doc.testId() != null) {
            test = lookup(() -> tests.get(doc.testId()));
            if (test == null) {
                errors.add(new FieldError("testId", "is not a test of this organisation"));
            }
        }
        if (doc == null || !errors.isEmpty()) {
            throw InvalidInput.of(errors.stream()
                    .sorted(Comparator.comparing(FieldError::field))
                    .toList());
        }
        Integer tier = doc.tier() != null ? doc.tier() : test == null ? null : test.tier();
        ResultDraft draft = new ResultDraft(
                orgId,
                doc.runId() == null ? Ids.newId() : doc.runId(),
                doc.parentRunId(),
                doc.testId(),
                doc.nodeId(),
                node == null ? null : node.name(),
                doc.type(),
                doc.target(),
                tier,
                doc.status(),
                doc.reason(),
                doc.startedAt(),
                doc.finishedAt(),
                doc.summary(),
                doc.samples(),
                null,
                null);
        return new Prepared(draft, test == null ? null : test.name());
    }

    private static <T> @Nullable T lookup(java.util.function.Supplier<T> find) {
        try {
            return find.get();
        } catch (NotFound e) {
            return null;
        }
    }

    /** The body with object keys sorted, so a repeat that orders its fields differently still matches. */
    private String canonical(JsonNode body) {
        Object value = body.isObject() ? json.convertValue(body, MAP) : body;
        return json.writer()
                .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(value);
    }
}
