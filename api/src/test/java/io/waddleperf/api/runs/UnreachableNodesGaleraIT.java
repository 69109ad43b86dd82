package io.waddleperf.api.runs;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.GaleraCluster;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20: on Galera, through the loss of the node that takes the writes and its return, a tier
 * run whose eligible nodes are all unreachable ends by its deadline plus a grace, with every probe
 * run, as on one MariaDB; not when the sweeper finds it, and not never.
 */
@ApiIntegrationTest
class UnreachableNodesGaleraIT {

    @Value("${local.server.port}")
    int port;

    final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * Awaitility fails an await on an uncaught exception in any thread of the JVM, and here the
     * API runs in the test's JVM. When the database node dies, db-scheduler's poller thread meets
     * the broken connection ("Driver has reconnect connection after a communications link
     * failure"), dies uncaught, and the library picks the due task on its next poll: expected in
     * a node loss, and not what this test judges. The runs' ends are.
     */
    @BeforeEach
    void letLibraryThreadsFail() {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @Test
    void tierRunsOverUnreachableNodesEndByTheirDeadlineThroughANodeLoss() throws Exception {
        HttpTestClient http = new HttpTestClient(port);
        Fixtures fixtures = new Fixtures(http);
        Org org = fixtures.createOrg("Unreachable " + UUID.randomUUID());
        String admin = bearer(org.adminToken());

        // Enrolled and just heard from, so ONLINE and eligible for every tier-1 probe, but each
        // unreachable in its own way: a port nothing listens on (refused at once), a listener
        // that accepts and never answers (the start waits request-timeout), and one whose
        // backlog is full, so it never accepts (the connect times out).
        List<Beating> beating = List.of(
                enroll(http, fixtures, org, "refusing", "http://127.0.0.1:" + closedPort()),
                enroll(http, fixtures, org, "silent", "http://127.0.0.1:" + silentListener()),
                enroll(http, fixtures, org, "deaf", "http://127.0.0.1:" + fullListener()));
        // They keep sending heartbeats, as live nodes whose control port is cut off would, so they
        // stay ONLINE through the node loss and the restart (offline after 15 s of silence).
        Thread heart = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                beating.forEach(node -> node.beat(http));
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        opened.add(heart::interrupt);

        GaleraCluster cluster = TestDatabase.galera();
        List<Started> runs = new ArrayList<>();
        // In flight while the node that takes every write dies: its dispatch writes go through
        // the failover.
        runs.add(start(http, org, admin, "during the node loss"));
        cluster.kill(cluster.node(1));
        runs.add(start(http, org, admin, "after the node loss"));
        // Back again: the pool now holds connections to two nodes, as when AccessMatrixIT ran
        // after NodeLossGaleraIT in the Galera phase.
        cluster.restart(cluster.node(1));
        runs.add(start(http, org, admin, "after the node came back"));

        for (Started started : runs) {
            JsonNode run = fixtures.awaitRunEnd(
                    org, admin, started.id(), DEADLINE.plus(GRACE).plusSeconds(30));
            // The run's own times: the runs are awaited one after the other.
            Duration took = Duration.between(
                    Instant.parse(run.path("createdAt").asString()),
                    Instant.parse(run.path("finishedAt").asString()));
            System.out.printf(
                    "[issue-20] run %s ended %s after %d ms: %s%n",
                    started.when(),
                    run.path("status").asString(),
                    took.toMillis(),
                    run.path("reason").asString());
            assertThat(took).as("run %s", started.when()).isLessThan(DEADLINE.plus(GRACE));
            assertThat(run.path("status").asString()).isIn("failed", "timed_out");
            // Dispatch gave up on reachable-looking nodes, not on an empty node list.
            assertThat(run.path("reason").asString()).doesNotContain("no online node");
            assertThat(run.path("children"))
                    .hasSize(4)
                    .allSatisfy(child -> assertThat(child.path("finishedAt").isString())
                            .as("probe run %s", child)
                            .isTrue());
        }
    }

    /** Tier 1's default time limit, the deadline of the tier run and each of its probe runs. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    /**
     * Past the deadline: a start that was waiting when it came returns, and the run's end is
     * written (after a node loss, on the next node, once the cluster has a new primary view). The
     * sweeper, which this must not depend on, acts only after sweep-grace (30 s) and its interval.
     */
    static final Duration GRACE = Duration.ofSeconds(15);

    record Started(String id, String when) {}

    /** Starts a tier-1 run; a request that met a connection to the dead node is sent again. */
    private static Started start(HttpTestClient http, Org org, String admin, String when) {
        String id = await("the tier run " + when + " is accepted")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            Response accepted = http.post(
                                    "/api/v1/orgs/" + org.id() + "/runs",
                                    "{\"tier\":1,\"target\":\"example.com\"}",
                                    "Authorization",
                                    admin);
                            return accepted.status() == 202
                                    ? accepted.json().path("id").asString()
                                    : null;
                        },
                        accepted -> accepted != null);
        return new Started(id, when);
    }

    /** An enrolled node that sends heartbeats naming its (unreachable) control address. */
    record Beating(String name, String credential, String url) {
        void beat(HttpTestClient http) {
            // A heartbeat that met a connection to the dead database node fails; the next one counts.
            http.post(
                    "/api/v1/node/heartbeat",
                    "{\"nodeId\":null,\"name\":\"" + name + "\",\"region\":\"eu-west\",\"labels\":[\"edge\"],"
                            + "\"version\":\"0.1.0\",\"capabilities\":" + CAPABILITIES + ",\"capacity\":4,"
                            + "\"load\":0,\"systemLoad\":0.1,\"advertisedUrl\":\"" + url + "\","
                            + "\"sentAt\":\"" + Instant.now() + "\"}",
                    "Authorization",
                    bearer(credential));
        }
    }

    static final String CAPABILITIES = "[\"tcp_connect\",\"udp_echo\",\"dns\",\"http\"]";

    private Beating enroll(HttpTestClient http, Fixtures fixtures, Org org, String name, String url) {
        Response enrolled = http.post(
                "/api/v1/node/enroll",
                "{\"token\":\"" + fixtures.enrollmentToken(org) + "\",\"name\":\"" + name + "\",\"region\":\"eu-west\","
                        + "\"labels\":[\"edge\"],\"version\":\"0.1.0\",\"capabilities\":" + CAPABILITIES
                        + ",\"capacity\":4,\"advertisedUrl\":\"" + url + "\"}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        return new Beating(name, enrolled.json().path("credential").asString(), url);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private int silentListener() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        opened.add(socket);
        Thread.ofVirtual().start(() -> {
            List<Socket> held = new ArrayList<>();
            try {
                while (true) {
                    held.add(socket.accept());
                }
            } catch (IOException closed) {
                held.forEach(s -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                    }
                });
            }
        });
        return socket.getLocalPort();
    }

    private int fullListener() throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        opened.add(socket);
        // Fill the backlog so that later connects are never accepted.
        for (int i = 0; i < 4; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(socket.getLocalSocketAddress(), 200);
                opened.add(filler);
            } catch (IOException full) {
                filler.close();
                break;
            }
        }
        return socket.getLocalPort();
    }

    @AfterEach
    void restore() throws Exception {
        Awaitility.catchUncaughtExceptionsByDefault();
        for (AutoCloseable c : opened) {
            c.close();
        }
        GaleraCluster cluster = TestDatabase.galera();
        if (!cluster.node(1).isRunning()) {
            cluster.restart(cluster.node(1));
        }
    }
}
