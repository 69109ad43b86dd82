package io.waddleperf.api.monitors.internal;

import io.waddleperf.api.monitors.internal.MonitorMetrics.Figure;
import io.waddleperf.api.results.ResultJudged;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps AutoPerf's trends and live board as results arrive: in the transaction that stores a
 * monitor's result, so a result and its trend and board entries commit (or roll back and are
 * retried) together. Trends follow the monitor's tier-1 rounds, what it watches continuously; the
 * board shows every tier, escalated ones as rows of their own.
 */
@Component
class ResultFigures {

    private final TrendStore trends;
    private final BoardStore board;
    private final Clock clock;

    ResultFigures(TrendStore trends, BoardStore board, Clock clock) {
        this.trends = trends;
        this.board = board;
        this.clock = clock;
    }

    @EventListener
    void on(ResultJudged result) {
        if (result.monitorId() == null || result.nodeId() == null) {
            return;
        }
        UUID monitorId = Objects.requireNonNull(result.monitorId());
        UUID nodeId = Objects.requireNonNull(result.nodeId());
        boolean failed = !result.status().equals("succeeded");
        int tier = result.tier() == null ? 1 : result.tier();
        if (tier == 1) {
            Double loss = result.figures().get("loss_percent");
            List<TrendStore.Sample> samples = MonitorMetrics.of(result.type()).stream()
                    .map(figure -> new TrendStore.Sample(
                            result.orgId(),
                            monitorId,
                            nodeId,
                            result.nodeName(),
                            result.type() + "." + figure.name(),
                            result.finishedAt(),
                            result.figures().get(figure.name()),
                            failed,
                            loss))
                    .toList();
            trends.add(samples);
        }
        Figure primary = MonitorMetrics.forBoard(result.type(), result.figures());
        board.record(new BoardStore.Update(
                result.orgId(),
                monitorId,
                nodeId,
                result.nodeName(),
                result.type(),
                tier,
                primary == null ? null : primary.name(),
                result.runId(),
                result.finishedAt(),
                primary == null ? null : result.figures().get(primary.name()),
                result.status(),
                result.verdict(),
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }
}
