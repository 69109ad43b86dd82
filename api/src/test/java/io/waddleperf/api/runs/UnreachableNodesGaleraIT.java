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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20: on Galera, after the node that takes the writes died, a tier run whose eligible nodes
 * are all unreachable must still end by its deadline (plus a grace), as it does on one MariaDB.
 */
@ApiIntegrationTest
class UnreachableNodesGaleraIT {

    @Value("${local.server.port}")
    int port;

    final List<AutoCloseable> opened = new ArrayList<>();

    @Test
    void aTierRunOverUnreachableNodesEndsPromptlyAfterANodeLoss() throws Exception {
        HttpTestClient http = new HttpTestClient(port);
        Fixtures fixtures = new Fixtures(http);
        Org org = fixtures.createOrg("Unreachable " + UUID.randomUUID());
        String admin = bearer(org.adminToken());

        // A port nothing listens on (refused at once), a listener that accepts and never answers,
        // and one whose backlog is full, so it never accepts (the connect itself times out).
        enroll(http, fixtures, org, "refusing", "http://127.0.0.1:" + closedPort());
        enroll(http, fixtures, org, "silent", "http://127.0.0.1:" + silentListener());
        enroll(http, fixtures, org, "deaf", "http://127.0.0.1:" + fullListener());

        GaleraCluster cluster = TestDatabase.galera();
        cluster.kill(cluster.node(1));

        long begin = System.nanoTime();
        String runId = await("the tier run is accepted after the node loss")
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
                        id -> id != null);
        long accepted = System.nanoTime();
        JsonNode run = fixtures.awaitRunEnd(org, admin, runId, Duration.ofMinutes(3));
        long ended = System.nanoTime();
        System.out.printf(
                "[stall] accepted after %d ms, ended after %d ms: %s%n",
                (accepted - begin) / 1_000_000, (ended - accepted) / 1_000_000, run);
        assertThat(Duration.ofNanos(ended - accepted)).isLessThan(Duration.ofSeconds(40));
    }

    private void enroll(HttpTestClient http, Fixtures fixtures, Org org, String name, String url) {
        Response enrolled = http.post(
                "/api/v1/node/enroll",
                "{\"token\":\"" + fixtures.enrollmentToken(org) + "\",\"name\":\"" + name + "\",\"region\":\"eu-west\","
                        + "\"labels\":[\"edge\"],\"version\":\"0.1.0\",\"capabilities\":[\"tcp_connect\",\"udp_echo\","
                        + "\"dns\",\"http\"],\"capacity\":4,\"advertisedUrl\":\"" + url + "\"}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
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
        for (AutoCloseable c : opened) {
            c.close();
        }
        GaleraCluster cluster = TestDatabase.galera();
        if (!cluster.node(1).isRunning()) {
            cluster.restart(cluster.node(1));
        }
    }
}
