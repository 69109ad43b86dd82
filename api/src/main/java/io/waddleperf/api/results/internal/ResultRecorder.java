package io.waddleperf.api.results.internal;

import io.waddleperf.api.results.ResultJudged;
import io.waddleperf.api.results.ResultStored;
import io.waddleperf.api.results.internal.ResultStore.Row;
import io.waddleperf.api.results.internal.ResultStore.SampleRow;
import io.waddleperf.api.results.internal.Verdicts.Breach;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.tests.TierProfile.Thresholds;
import io.waddleperf.api.tests.TierProfiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a draft into a stored result: typed columns, the verdict against the organisation's tier
 * profile, and the samples. Untiered results (on-demand tests without a tier, speed tests) are
 * checked against tier 1, the basic tier every check starts at.
 */
@Component
public class ResultRecorder {

    private final ResultStore store;
    private final TierProfiles tiers;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    ResultRecorder(ResultStore store, TierProfiles tiers, JsonMapper json, ApplicationEventPublisher events) {
        this.store = store;
        this.tiers = tiers;
        this.json = json;
        this.events = events;
    }

    /** The thresholds a result of {@code tier} (null: untiered) is checked against. */
    public Thresholds thresholds(UUID orgId, Integer tier) {
        int effective = tier == null ? 1 : tier;
        return TenantContext.as(orgId, () -> tiers.get(effective)).thresholds();
    }

    /** Builds the row to store, with the verdict against {@code thresholds}. */
    public Row row(ResultDraft draft, Thresholds thresholds) {
        Metrics metrics = Metrics.of(draft.type(), draft.summary());
        List<Breach> breaches = Verdicts.evaluate(draft.status(), metrics, thresholds);
        Map<Integer, SampleRow> samples = new LinkedHashMap<>();
        // A node that repeats a second would break the primary key and, with it, the run's
        // transaction; the last report of a second wins.
        draft.samples()
                .forEach(s -> samples.put(s.second(), new SampleRow(s.second(), json.writeValueAsString(s.values()))));
        return new Row(
                Ids.newId(),
                draft,
                metrics,
                Verdicts.verdict(breaches),
                List.copyOf(breaches),
                json.writeValueAsString(breaches),
                json.writeValueAsString(draft.summary()),
                List.copyOf(samples.values()));
    }

    /**
     * Stores the row in the caller's transaction and announces it there ({@link ResultStored});
     * false when the run already has a result, and then nothing is announced.
     */
    public boolean insert(Row row) {
        if (!store.insert(row)) {
            return false;
        }
        events.publishEvent(stored(row.id(), row.draft(), row.metrics()));
        ResultDraft d = row.draft();
        events.publishEvent(new ResultJudged(
                d.orgId(),
                d.runId(),
                d.parentRunId(),
                d.tier(),
                d.nodeId(),
                d.nodeName(),
                d.type(),
                d.target(),
                d.monitorId(),
                d.status(),
                row.verdict(),
                d.finishedAt(),
                row.metrics().figures(),
                row.breaches().stream()
                        .map(b -> new ResultJudged.Breach(b.metric(), b.threshold(), b.value()))
                        .toList()));
        return true;
    }

    static ResultStored stored(UUID id, ResultDraft d, Metrics m) {
        return new ResultStored(
                d.orgId(),
                id,
                d.type(),
                d.target(),
                d.nodeId(),
                d.clientIp(),
                d.finishedAt(),
                m.latencyP50Ms() != null ? m.latencyP50Ms() : m.latencyAvgMs(),
                m.throughputDownMbps(),
                m.throughputUpMbps(),
                m.lossPercent());
    }
}
