package io.waddleperf.api.tests.internal;

import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.tests.NodeSelector;
import io.waddleperf.api.tests.TestCatalog.TestInput;
import io.waddleperf.api.tests.TestDefinition;
import io.waddleperf.protocol.ProbeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Persistence of tests for {@link io.waddleperf.api.tests.TestCatalog}; tenant-scoped. */
@Component
public class TestStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final TestRepository tests;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    TestStore(TestRepository tests, TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.tests = tests;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    public TestDefinition create(UUID orgId, TestInput input, Map<String, Object> params) {
        return transactions.execute(status -> {
            TestEntity entity = new TestEntity(Ids.newId(), orgId, now());
            apply(entity, input, params);
            return toDefinition(tests.save(entity));
        });
    }

    public Optional<TestDefinition> replace(UUID id, TestInput input, Map<String, Object> params) {
        return transactions.execute(status -> tests.findById(id).map(entity -> {
            apply(entity, input, params);
            return toDefinition(entity);
        }));
    }

    public List<TestDefinition> list() {
        return transactions.execute(status ->
                tests.findAllByOrderByNameAsc().stream().map(this::toDefinition).toList());
    }

    public Optional<TestDefinition> find(UUID id) {
        return transactions.execute(status -> tests.findById(id).map(this::toDefinition));
    }

    public void delete(UUID id) {
        transactions.executeWithoutResult(status -> tests.deleteById(id));
    }

    private void apply(TestEntity entity, TestInput input, Map<String, Object> params) {
        entity.update(
                input.name().strip(),
                input.type(),
                input.target().strip(),
                json.writeValueAsString(params),
                json.writeValueAsString(input.nodeSelector()),
                input.tier(),
                now());
    }

    private TestDefinition toDefinition(TestEntity entity) {
        return new TestDefinition(
                entity.id(),
                entity.name(),
                ProbeType.fromWireName(entity.probeType()).orElseThrow(),
                entity.target(),
                json.readValue(entity.params(), MAP),
                json.readValue(entity.nodeSelector(), NodeSelector.class),
                entity.tier(),
                entity.createdAt(),
                entity.updatedAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
