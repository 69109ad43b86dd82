package io.waddleperf.api.results.internal;

import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.results.internal.ResultStore.Row;
import io.waddleperf.api.shared.database.RetryOnConflict;
import io.waddleperf.api.shared.ids.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Browser speed tests: the web UI measures against a node and reports here; each report is a
 * run of its own (a fresh run id) stored as a {@code speedtest} result with the client's address
 * for geolocation.
 */
@Service
public class SpeedTests {

    private final NodeRegistry nodes;
    private final ResultRecorder recorder;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SpeedTests(NodeRegistry nodes, ResultRecorder recorder, TransactionTemplate transactions, Clock clock) {
        this.nodes = nodes;
        this.recorder = recorder;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What the browser measured. */
    public record Measurement(
            UUID nodeId,
            double downloadMbps,
            double uploadMbps,
            double pingMs,
            double jitterMs,
            @Nullable Long bytesDown,
            @Nullable Long bytesUp,
            @Nullable Long durationMillis,
            @Nullable String userAgent) {}

    /** Stores the measurement; the node must be one of the current organisation's (else 404). */
    @RetryOnConflict
    public ResultView record(UUID orgId, Measurement m, @Nullable String clientIp) {
        Node node = nodes.get(m.nodeId());
        Instant finished = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant started = m.durationMillis() == null ? null : finished.minusMillis(m.durationMillis());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("downloadMbps", m.downloadMbps());
        summary.put("uploadMbps", m.uploadMbps());
        summary.put("pingMs", m.pingMs());
        summary.put("jitterMs", m.jitterMs());
        summary.put("bytesDown", m.bytesDown());
        summary.put("bytesUp", m.bytesUp());
        summary.put("durationMillis", m.durationMillis());
        summary.put("userAgent", m.userAgent());
        String target = node.advertisedUrl() != null ? node.advertisedUrl() : node.name();
        ResultDraft draft = new ResultDraft(
                orgId,
                Ids.newId(),
                null,
                null,
                node.id(),
                node.name(),
                "speedtest",
                target,
                null,
                "succeeded",
                null,
                started,
                finished,
                summary,
                List.of(),
                clientIp,
                null);
        Row row = recorder.row(draft, recorder.thresholds(orgId, null));
        transactions.executeWithoutResult(status -> recorder.insert(row));
        return ResultStore.view(row, null);
    }
}
