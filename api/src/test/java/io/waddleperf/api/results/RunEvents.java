package io.waddleperf.api.results;

import io.waddleperf.api.runs.RunFinished;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.tenant.TenantContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@link RunFinished} the way the runs module does: inside the transaction that stores
 * the run's final state, with the run's organisation bound.
 */
public final class RunEvents {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    public RunEvents(ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.events = events;
        this.transactions = transactions;
    }

    public void publish(RunFinished event) {
        TenantContext.as(event.orgId(), () -> {
            transactions.executeWithoutResult(status -> events.publishEvent(event));
            return null;
        });
    }

    /** A succeeded UDP echo run of tier 1 with the given RTT p95 and loss. */
    public static RunFinished udpEcho(UUID orgId, UUID runId, Instant finishedAt, double p95, double loss) {
        Map<String, Object> rtt = Map.of(
                "samples", 10, "min", 1.0, "avg", p95 / 2, "p50", p95 / 2, "p95", p95, "p99", p95 + 1, "max", p95 + 2);
        Map<String, Object> result = Map.of(
                "target",
                "192.0.2.7:2000",
                "sent",
                10,
                "received",
                10,
                "lost",
                0,
                "lossPercent",
                loss,
                "rtt",
                rtt,
                "jitterMillis",
                3.5,
                "packetSize",
                64);
        return new RunFinished(
                runId,
                orgId,
                null,
                null,
                null,
                "edge-1",
                "udp_echo",
                "192.0.2.7:2000",
                1,
                "succeeded",
                null,
                finishedAt.minusSeconds(12),
                finishedAt.minusSeconds(10),
                finishedAt,
                result,
                List.of(
                        new RunFinished.Sample(0, Map.of("rttMillis", 4.2)),
                        new RunFinished.Sample(1, Map.of("rttMillis", 5.1))),
                null);
    }

    public static RunFinished udpEcho(UUID orgId, Instant finishedAt) {
        return udpEcho(orgId, Ids.newId(), finishedAt, 20.0, 0.0);
    }
}
