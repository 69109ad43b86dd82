package io.waddleperf.api.tests;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.tests.internal.ProbeParameters;
import io.waddleperf.api.tests.internal.TestStore;
import io.waddleperf.license.WaddlePerfFeature;
import io.waddleperf.protocol.Violation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Creates, validates and finds the current organisation's tests; the tests module's API. */
@Service
public class TestCatalog {

    private final TestStore store;
    private final Licensing licensing;
    private final AuditLog audit;

    TestCatalog(TestStore store, Licensing licensing, AuditLog audit) {
        this.store = store;
        this.licensing = licensing;
        this.audit = audit;
    }

    /** What a client sends to create or replace a test. */
    public record TestInput(
            String name,
            String type,
            String target,
            @Nullable Map<String, Object> params,
            NodeSelector nodeSelector,
            @Nullable Integer tier) {}

    public TestDefinition create(OrgPrincipal actor, TestInput input) {
        validate(input);
        TestDefinition created = store.create(actor.orgId(), input, ProbeParameters.normalise(params(input)));
        audit.record(AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "test.created", created.name()));
        return created;
    }

    public TestDefinition replace(OrgPrincipal actor, UUID id, TestInput input) {
        validate(input);
        return store.replace(id, input, ProbeParameters.normalise(params(input)))
                .orElseThrow(() -> new NotFound("Test"));
    }

    public List<TestDefinition> list() {
        return store.list();
    }

    public TestDefinition get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFound("Test"));
    }

    public void delete(OrgPrincipal actor, UUID id) {
        TestDefinition test = get(id);
        store.delete(id);
        audit.record(AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "test.deleted", test.name()));
    }

    private void validate(TestInput input) {
        List<FieldError> errors = new java.util.ArrayList<>(
                ProbeParameters.check(input.type(), input.target(), input.params(), input.nodeSelector()));
        if (input.tier() != null && (input.tier() < 1 || input.tier() > 3)) {
            errors.add(new FieldError("tier", "must be 1, 2 or 3"));
        }
        if (!errors.isEmpty()) {
            String detail = Violation.describe(errors.stream()
                    .map(e -> new Violation(e.field(), e.message()))
                    .toList());
            throw new InvalidInput(detail, errors);
        }
        if (input.tier() != null && input.tier() == 3) {
            licensing.require(WaddlePerfFeature.TIER3);
        }
    }

    private static Map<String, Object> params(TestInput input) {
        return input.params() == null ? Map.of() : input.params();
    }
}
