package io.waddleperf.api.runs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.waddleperf.api.identity.NodeRunTokens;
import io.waddleperf.api.nodes.Node;
import io.waddleperf.api.nodes.NodeRegistry;
import io.waddleperf.api.runs.RunStatus;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * When the dispatcher records that a node accepted a run: with the node's first events, in the
 * same write, or alone when the first event is slow to come. The node's answer and the store are
 * stand-ins; the dispatcher's own threads, timers and time limits are real.
 */
class DispatcherAcceptanceTests {

    private static final String STARTED = "{\"event\":\"started\",\"runId\":\"%s\",\"type\":\"tcp_connect\","
            + "\"target\":\"127.0.0.1:1\",\"startedAt\":\"2026-12-07T10:00:00Z\"}\n";
    private static final String RESULT =
            "{\"event\":\"result\",\"runId\":\"%s\",\"status\":\"succeeded\",\"elapsedMillis\":1.0,\"result\":{\"succeeded\":1}}\n";

    private final RunStore store = mock(RunStore.class);
    private final NodeRegistry nodes = mock(NodeRegistry.class);
    private final NodeRunTokens tokens = mock(NodeRunTokens.class);
    private final NodeClient client = mock(NodeClient.class);
    private final ThroughputLeases leases = mock(ThroughputLeases.class);
    private final UUID orgId = UUID.randomUUID();
    private final UUID runId = UUID.randomUUID();
    private final Node node = new Node(
            UUID.randomUUID(),
            orgId,
            "node-a",
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
    private Dispatcher dispatcher;
    private PipedOutputStream nodeSays;

    private void dispatcherWritingAcceptanceAloneAfter(Duration alone) {
        RunsProperties properties = TestRunsProperties.withAcceptanceAloneAfter(alone);
        dispatcher = new Dispatcher(
                store,
                nodes,
                tokens,
                client,
                leases,
                properties,
                JsonMapper.builder().build(),
                Clock.systemUTC());
    }

    @BeforeEach
    void setUp() throws IOException {
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
                        Instant.now().plusSeconds(30))));
        when(nodes.list()).thenReturn(List.of(node));
        when(tokens.issue(any(), any(), any())).thenReturn("token");
        nodeSays = new PipedOutputStream();
        PipedInputStream stream = new PipedInputStream(nodeSays, 64 * 1024);
        when(client.start(anyString(), anyString(), eq(runId), anyString(), anyString(), any(), any()))
                .thenReturn(new NodeClient.Following(stream));
    }

    @AfterEach
    void tearDown() {
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }

    private void nodeWrites(String line) throws IOException {
        nodeSays.write(line.replace("%s", runId.toString()).getBytes(StandardCharsets.UTF_8));
        nodeSays.flush();
    }

    @Test
    void aFastProbesAcceptanceStartAndResultAreOneWrite() throws IOException {
        // Longer than any wait here: the events, not the timer, carry the acceptance.
        dispatcherWritingAcceptanceAloneAfter(Duration.ofMinutes(1));
        when(store.advance(eq(runId), any())).thenReturn(true);
        nodeWrites(STARTED + RESULT);
        nodeSays.close();

        dispatcher.dispatchAll(orgId, List.of(runId));

        ArgumentCaptor<RunStore.Progress> progress = ArgumentCaptor.forClass(RunStore.Progress.class);
        verify(store, timeout(5000)).advance(eq(runId), progress.capture());
        RunStore.Progress written = progress.getValue();
        assertThat(written.dispatch()).isNotNull();
        assertThat(written.dispatch().nodeId()).isEqualTo(node.id());
        assertThat(written.started()).isTrue();
        assertThat(written.end()).isNotNull();
        assertThat(written.end().status()).isEqualTo(RunStatus.SUCCEEDED);
        verify(store, never()).dispatched(any(), any());
    }

    @Test
    void anAcceptanceWithNoEventInTimeIsWrittenAloneAndTheEventsAfterIt() throws IOException {
        dispatcherWritingAcceptanceAloneAfter(Duration.ofMillis(100));
        when(store.dispatched(eq(runId), any())).thenReturn(true);
        when(store.advance(eq(runId), any())).thenReturn(true);

        dispatcher.dispatchAll(orgId, List.of(runId));

        ArgumentCaptor<RunStore.Progress.Dispatch> dispatch = ArgumentCaptor.forClass(RunStore.Progress.Dispatch.class);
        verify(store, timeout(5000)).dispatched(eq(runId), dispatch.capture());
        assertThat(dispatch.getValue().nodeName()).isEqualTo("node-a");
        nodeWrites(STARTED + RESULT);
        nodeSays.close();
        ArgumentCaptor<RunStore.Progress> progress = ArgumentCaptor.forClass(RunStore.Progress.class);
        verify(store, timeout(5000)).advance(eq(runId), progress.capture());
        assertThat(progress.getValue().dispatch()).isNull();
        assertThat(progress.getValue().end()).isNotNull();
    }

    @Test
    void aRunThatEndedHereBeforeItsAcceptanceWasWrittenIsCanceledOnTheNode() throws IOException {
        dispatcherWritingAcceptanceAloneAfter(Duration.ofMinutes(1));
        when(store.advance(eq(runId), any())).thenReturn(false);
        nodeWrites(STARTED);

        dispatcher.dispatchAll(orgId, List.of(runId));

        verify(client, timeout(5000)).cancel(anyString(), eq("token"), eq(runId));
        verify(store, never()).dispatched(any(), any());
        nodeSays.close();
    }
}
