package io.waddleperf.api.runs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.waddleperf.api.identity.NodeRunTokens;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.runs.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.DataAccessResourceFailureException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 20: a probe run the dispatcher cannot place ends promptly, not when the sweeper finds it
 * (its deadline plus {@code sweep-grace} later). Nodes and the store are stand-ins; the
 * dispatcher's threads, retries and time bounds are real.
 */
class DispatcherGiveUpTests {

    private final RunStore store = mock(RunStore.class);
    private final NodeRegistry nodes = mock(NodeRegistry.class);
    private final NodeRunTokens tokens = mock(NodeRunTokens.class);
    private final NodeClient client = mock(NodeClient.class);
    private final ThroughputLeases leases = mock(ThroughputLeases.class);
    private final UUID orgId = UUID.randomUUID();
    private final UUID runId = UUID.randomUUID();
    private final Dispatcher dispatcher = new Dispatcher(
            store,
            nodes,
            tokens,
            client,
            leases,
            TestRunsProperties.withAcceptanceAloneAfter(Duration.ofMillis(500)),
            JsonMapper.builder().build(),
            Clock.systemUTC());

    @AfterEach
    void stop() {
        dispatcher.stop();
    }

    private void runDueIn(Duration left) {
        when(store.probeRunToDispatch(runId))
                .thenReturn(java.util.Optional.of(new RunStore.ProbeRun(
                        runId,
                        orgId,
                        runId,
                        "tcp_connect",
                        "127.0.0.1:1",
                        Map.of(),
                        Map.of(),
                        RunStatus.PENDING,
                        Instant.now().plus(left))));
    }

    private Node node(String name) {
        return new Node(
                UUID.randomUUID(),
                orgId,
                name,
                "lab",
                List.of(),
                "1",
                List.of("tcp_connect"),
                4,
                0,
                null,
                "http://127.0.0.1:9",
                Node.Status.ONLINE,
                Instant.now(),
                Instant.now());
    }

    @Test
    void nodesThatNeverAnswerHoldTheRunNoLongerThanItsDeadline() {
        runDueIn(Duration.ofSeconds(2));
        when(nodes.list()).thenReturn(List.of(node("silent-1"), node("silent-2"), node("silent-3")));
        when(tokens.issue(any(), any(), any())).thenReturn("token");
        // As NodeClient.start against a listener that accepts and never answers: the whole wait.
        ArgumentCaptor<Duration> waits = ArgumentCaptor.forClass(Duration.class);
        when(client.start(anyString(), anyString(), eq(runId), anyString(), anyString(), any(), waits.capture()))
                .thenAnswer(call -> {
                    Duration wait = call.getArgument(6);
                    Thread.sleep(wait.toMillis());
                    return new NodeClient.Unavailable("no answer within " + wait.toMillis() + " ms");
                });
        when(store.finish(eq(runId), any(), anyString(), isNull(), isNull())).thenReturn(true);

        long begin = System.nanoTime();
        dispatcher.dispatchAll(orgId, List.of(runId));

        ArgumentCaptor<String> reason = ArgumentCaptor.forClass(String.class);
        verify(store, timeout(8_000)).finish(eq(runId), eq(RunStatus.TIMED_OUT), reason.capture(), isNull(), isNull());
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        // Three starts of request-timeout (10 s) each took 30 s before; the deadline is 2 s away.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(reason.getValue())
                .contains("no node accepted it by its deadline")
                .contains("no answer within");
        assertThat(waits.getAllValues())
                .allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void anEndWhoseWriteLostItsDatabaseConnectionIsWrittenAgain() {
        runDueIn(Duration.ofSeconds(30));
        when(nodes.list()).thenReturn(List.of());
        // The first write reached the Galera node that had just died; the next goes to another.
        when(store.finish(eq(runId), eq(RunStatus.FAILED), anyString(), isNull(), isNull()))
                .thenThrow(new DataAccessResourceFailureException("Connection reset"))
                .thenReturn(true);

        dispatcher.dispatchAll(orgId, List.of(runId));

        verify(store, timeout(5_000).times(2)).finish(eq(runId), eq(RunStatus.FAILED), anyString(), isNull(), isNull());
        verify(store, times(2)).finish(any(), any(), any(), any(), any());
    }
}
