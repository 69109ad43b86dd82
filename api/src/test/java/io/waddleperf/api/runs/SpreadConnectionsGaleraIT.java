package io.waddleperf.api.runs;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.TestDatabaseInitializer;
import io.waddleperf.api.support.TestNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The API with a pool whose connections go to all three Galera nodes at random, as behind a
 * round-robin proxy, with several replicas on different nodes, or after a node came back. Two
 * things go wrong there that one node hides: a read on one node does not wait for a commit made
 * on another a moment ago, and a transaction is aborted by a conflicting write from another node
 * at any statement, which must then fail rather than let the rest commit on its own.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = TestDatabaseInitializer.SPREAD + "=true")
class SpreadConnectionsGaleraIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    DataSource dataSource;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    String admin;

    @BeforeAll
    void createOrg() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Spread " + UUID.randomUUID());
        admin = bearer(org.adminToken());
    }

    @Test
    void pooledConnectionsWaitForTheClustersEarlierCommitsBeforeReading() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT @@wsrep_sync_wait")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aTestIsReadableTheMomentItIsCreated() {
        for (int i = 0; i < 100; i++) {
            Response created = http.post(
                    "/api/v1/orgs/" + org.id() + "/tests",
                    "{\"name\":\"t" + i + "\",\"type\":\"tcp_connect\",\"target\":\"127.0.0.1:9\","
                            + "\"nodeSelector\":{\"region\":\"eu-west\"}}",
                    "Authorization",
                    admin);
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            Response read = http.get(
                    "/api/v1/orgs/" + org.id() + "/tests/"
                            + created.json().path("id").asString(),
                    "Authorization",
                    admin);

            assertThat(read.status())
                    .as("read %d after create: %s", i, read.body())
                    .isEqualTo(200);
        }
    }

    @Test
    void tierRunsOverUnreachableNodesAreEndedByDispatchWithAReason() {
        int closedPort = TestNode.freeTcpPort();
        for (int i = 0; i < 6; i++) {
            Fixtures.EnrolledNode node = fixtures.enrollNode(org, "unreachable-" + i);
            Response beat = http.post(
                    "/api/v1/node/heartbeat",
                    "{\"name\":\"unreachable-" + i + "\",\"region\":\"eu-west\",\"labels\":[],\"version\":\"0.1.0\","
                            + "\"capabilities\":[\"tcp_connect\",\"udp_echo\"],\"capacity\":4,\"load\":0,"
                            + "\"systemLoad\":0.1,\"advertisedUrl\":\"http://127.0.0.1:" + closedPort + "\"}",
                    "Authorization",
                    bearer(node.credential()));
            assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        }
        // Each tier run's four children end at once on different nodes, all appending to their
        // tree: plenty of certification conflicts and aborted transactions.
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            runIds.add(fixtures.startTierRun(org, admin, 1, "example.com"));
        }

        for (String id : runIds) {
            // Generous: the assertions tell dispatch from the sweeper, which would end a lost
            // child only a minute later (30 s deadline + 30 s grace) as timed_out.
            JsonNode run = fixtures.awaitRunEnd(org, admin, id, Duration.ofSeconds(120));

            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("failed");
            assertThat(run.path("children")).as(run.toString()).hasSize(4);
            for (JsonNode child : run.path("children")) {
                // A parent that ended while a child still reads pending is a half-committed end.
                assertThat(child.path("status").asString()).as(run.toString()).isEqualTo("failed");
                assertThat(child.path("reason").asString())
                        .as(run.toString())
                        .doesNotContain("sweeper")
                        .containsAnyOf("circuit is open", "no other eligible node", "no node could run it", "offers");
            }
        }
    }
}
