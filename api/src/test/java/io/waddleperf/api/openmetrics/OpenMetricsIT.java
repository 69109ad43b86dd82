package io.waddleperf.api.openmetrics;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.waddleperf.api.openmetrics.internal.OpenMetricsText;
import io.waddleperf.api.results.ResultJudged;
import io.waddleperf.api.shared.database.JdbcTimes;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The scrape endpoint as Prometheus sees it: the body is read by Prometheus' own Python client
 * parser (OpenMetrics 1.0 and the 0.0.4 text format), every figure matches the results announced
 * here, the alert they raise shows with its rule, severity and state, only the key's organisation shows, and a missing, revoked or foreign key is refused.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenMetricsIT {

    /** What Prometheus 2.x/3.x sends by default. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path PARSER_MODULE =
            Path.of("/usr/lib/python3/dist-packages/prometheus_client/openmetrics/parser.py");

    @Value("${local.server.port}")
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    final ObjectMapper json = new ObjectMapper();
    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    Org other;
    String key;
    UUID monitorId;
    UUID nodeId;
    UUID otherMonitorId;
    UUID ruleId;
    Instant measuredAt;

    @BeforeAll
    void monitorsWithResults() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Scrape " + UUID.randomUUID());
        other = fixtures.createOrg("Scrape other " + UUID.randomUUID());
        key = fixtures.createApiKey(org, "VIEWER");
        nodeId = fixtures.enrollNode(org, "scrape-node").id();
        // A name with the characters a label value must escape.
        monitorId = monitor(org, nodeId, "Edge \\\"west\\\" \\\\ 1");
        measuredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        judge(org, monitorId, nodeId, "tcp_connect", measuredAt.minusSeconds(20), 10.0, true);
        judge(org, monitorId, nodeId, "tcp_connect", measuredAt.minusSeconds(10), 30.0, true);
        // A rule that raises on one breaching round; the last round fails, and raises it.
        Response rule = http.post(
                "/api/v1/orgs/" + org.id() + "/alert-rules",
                "{\"name\":\"Down\",\"scope\":{\"monitorId\":\"" + monitorId + "\"},\"condition\":{\"type\":"
                        + "\"thresholds\"},\"raise\":{\"breaches\":1,\"ofRounds\":1},\"severity\":\"critical\"}",
                "Authorization",
                bearer(org.adminToken()));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        ruleId = UUID.fromString(rule.json().path("id").asString());
        UUID tierRun = UUID.randomUUID();
        // The round as the scheduler stores it, so the alerts module can tell the round complete.
        jdbc.update(
                "INSERT INTO monitor_rounds (monitor_id, due_at, org_id, dispatched_at, lateness_ms, late,"
                        + " missed_slots, node_count, run_ids, replica) VALUES (?, ?, ?, ?, 0, FALSE, 0, 1, ?, 'test')",
                monitorId.toString(),
                JdbcTimes.utc(measuredAt.minusSeconds(1)),
                org.id().toString(),
                JdbcTimes.utc(measuredAt.minusSeconds(1)),
                "[\"" + tierRun + "\"]");
        judge(org, monitorId, nodeId, tierRun, "tcp_connect", measuredAt, null, false);

        UUID otherNode = fixtures.enrollNode(other, "other-node").id();
        otherMonitorId = monitor(other, otherNode, "Theirs");
        judge(other, otherMonitorId, otherNode, "tcp_connect", measuredAt, 5.0, true);
    }

    @Test
    void prometheusReadsEveryFigureOfTheOrganisationOnly() {
        Response scrape = http.get(path(org), "Authorization", "ApiKey " + key, "Accept", PROMETHEUS_ACCEPT);
        assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("application/openmetrics-text");
        assertThat(scrape.body()).endsWith("# EOF\n").doesNotContain(otherMonitorId.toString());

        JsonNode families = parse("openmetrics", scrape.body());
        List<String> names = new ArrayList<>();
        families.forEach(family -> names.add(family.path("name").asString()));
        // The parser drops the unit suffix from a family's name where the unit is declared.
        assertThat(names)
                .containsExactly(
                        "waddleperf_monitor_value",
                        "waddleperf_monitor_window_value",
                        "waddleperf_monitor_window_rounds",
                        "waddleperf_monitor_window_failed",
                        "waddleperf_monitor_result_ok",
                        "waddleperf_monitor_breached",
                        "waddleperf_monitor_last_result_timestamp_seconds",
                        "waddleperf_alert_unresolved");
        // The latest result failed and measured nothing: no value sample, not a made-up zero.
        assertThat(samples(families, "waddleperf_monitor_value")).isEmpty();
        List<JsonNode> window = samples(families, "waddleperf_monitor_window_value");
        assertThat(stat(window, "min")).isEqualTo(10.0);
        assertThat(stat(window, "max")).isEqualTo(30.0);
        assertThat(stat(window, "avg")).isEqualTo(20.0);
        JsonNode rounds = only(samples(families, "waddleperf_monitor_window_rounds"));
        assertThat(rounds.path("value").asDouble()).isEqualTo(3.0);
        JsonNode labels = rounds.path("labels");
        assertThat(labels.path("monitor_id").asString()).isEqualTo(monitorId.toString());
        assertThat(labels.path("monitor").asString()).isEqualTo("Edge \"west\" \\ 1");
        assertThat(labels.path("node_id").asString()).isEqualTo(nodeId.toString());
        assertThat(labels.path("node").asString()).isEqualTo("scrape-node");
        assertThat(labels.path("probe").asString()).isEqualTo("tcp_connect");
        assertThat(labels.path("tier").asString()).isEqualTo("1");
        assertThat(labels.path("unit").asString()).isEqualTo("ms");
        assertThat(only(samples(families, "waddleperf_monitor_window_failed"))
                        .path("value")
                        .asDouble())
                .isEqualTo(1.0);
        assertThat(only(samples(families, "waddleperf_monitor_result_ok"))
                        .path("value")
                        .asDouble())
                .isEqualTo(0.0);
        assertThat(only(samples(families, "waddleperf_monitor_breached"))
                        .path("value")
                        .asDouble())
                .isEqualTo(1.0);
        assertThat(only(samples(families, "waddleperf_monitor_last_result_timestamp_seconds"))
                        .path("value")
                        .asDouble())
                .isEqualTo((double) measuredAt.getEpochSecond());
    }

    @Test
    void everyUnresolvedAlertIsAGaugeWithItsRuleSeverityAndState() {
        Response scrape = http.get(path(org), "Authorization", "ApiKey " + key, "Accept", PROMETHEUS_ACCEPT);
        JsonNode alert = only(samples(parse("openmetrics", scrape.body()), "waddleperf_alert_unresolved"));
        assertThat(alert.path("value").asDouble()).isEqualTo(1.0);
        JsonNode labels = alert.path("labels");
        assertThat(labels.path("rule_id").asString()).isEqualTo(ruleId.toString());
        assertThat(labels.path("rule").asString()).isEqualTo("Down");
        assertThat(labels.path("monitor_id").asString()).isEqualTo(monitorId.toString());
        assertThat(labels.path("severity").asString()).isEqualTo("critical");
        assertThat(labels.path("state").asString()).isEqualTo("open");
        assertThat(labels.path("suppressed").asString()).isEqualTo("false");
    }

    @Test
    void aScraperThatDoesNotAskForOpenMetricsGetsThePrometheusTextFormat() {
        Response scrape = http.get(path(org), "Authorization", "ApiKey " + key);
        assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        assertThat(scrape.body()).doesNotContain("# EOF").doesNotContain("# UNIT");
        JsonNode families = parse("prometheus", scrape.body());
        assertThat(stat(samples(families, "waddleperf_monitor_window_value"), "max"))
                .isEqualTo(30.0);
    }

    @Test
    void aMissingRevokedOrForeignKeyIsRefused() {
        assertThat(http.get(path(org)).status()).isEqualTo(401);
        assertThat(http.get(path(org), "Authorization", "ApiKey wpk_nope_nope").status())
                .isEqualTo(401);
        // Another organisation's key: that organisation's data does not exist for it.
        String theirs = fixtures.createApiKey(other, "ADMIN");
        Response foreign = http.get(path(org), "Authorization", "ApiKey " + theirs);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");

        String revoked = fixtures.createApiKey(org, "VIEWER");
        assertThat(http.get(path(org), "Authorization", "ApiKey " + revoked).status())
                .isEqualTo(200);
        Response keys = http.get("/api/v1/orgs/" + org.id() + "/api-keys", "Authorization", bearer(org.adminToken()));
        String prefix = revoked.split("_")[1];
        String keyId = null;
        for (JsonNode k : keys.json()) {
            if (k.path("prefix").asString().equals(prefix)) {
                keyId = k.path("id").asString();
            }
        }
        assertThat(keyId).as(keys.body()).isNotNull();
        Response deleted = http.send(http.request(
                        "/api/v1/orgs/" + org.id() + "/api-keys/" + keyId, "Authorization", bearer(org.adminToken()))
                .DELETE()
                .build());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().path("revokedAt").isNull()).isFalse();
        assertThat(http.get(path(org), "Authorization", "ApiKey " + revoked).status())
                .isEqualTo(401);
    }

    @Test
    void theGrafanaDashboardAsksOnlyForFamiliesTheEndpointWrites() throws IOException {
        String dashboard = Files.readString(Path.of("..", "docs", "grafana", "waddleperf-monitors.json"));
        JsonNode root = json.readTree(dashboard);
        List<String> expressions = new ArrayList<>();
        root.path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(t -> expressions.add(t.path("expr").asString())));
        assertThat(expressions).isNotEmpty();
        for (String expr : expressions) {
            var names = java.util.regex.Pattern.compile("waddleperf_[a-z_]+")
                    .matcher(expr)
                    .results()
                    .map(java.util.regex.MatchResult::group)
                    .toList();
            assertThat(names).as(expr).isNotEmpty();
            assertThat(OpenMetricsText.FAMILIES).as(expr).containsAll(names);
        }
    }

    private String path(Org of) {
        return "/api/v1/orgs/" + of.id() + "/metrics";
    }

    private UUID monitor(Org of, UUID node, String name) {
        // Paused: the node is not really there, and only the results announced here count.
        Response created = http.post(
                "/api/v1/orgs/" + of.id() + "/monitors",
                "{\"name\":\"" + name + "\",\"target\":\"192.0.2.10:443\",\"probes\":[\"tcp_connect\"],"
                        + "\"vantage\":[{\"nodeId\":\"" + node + "\"}],\"enabled\":false}",
                "Authorization",
                bearer(of.adminToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().path("id").asString());
    }

    private void judge(Org of, UUID monitor, UUID node, String probe, Instant at, Double latency, boolean ok) {
        judge(of, monitor, node, UUID.randomUUID(), probe, at, latency, ok);
    }

    private void judge(
            Org of, UUID monitor, UUID node, UUID tierRun, String probe, Instant at, Double latency, boolean ok) {
        transactions.executeWithoutResult(status -> events.publishEvent(new ResultJudged(
                of.id(),
                UUID.randomUUID(),
                tierRun,
                1,
                node,
                "scrape-node",
                probe,
                "192.0.2.10:443",
                monitor,
                ok ? "succeeded" : "failed",
                ok ? "ok" : "breach",
                at,
                latency == null ? Map.of() : Map.of("latency_ms", latency),
                List.of())));
    }

    /** The families as Prometheus' Python client reads them. */
    private JsonNode parse(String format, String body) {
        assumeTrue(
                Files.exists(PARSER_MODULE),
                "Debian's python3-prometheus-client is not installed (.ci/run installs it)");
        try {
            Path script =
                    Path.of(getClass().getResource("/openmetrics/parse.py").toURI());
            Process parser = new ProcessBuilder(PYTHON.toString(), script.toString(), format).start();
            parser.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            parser.getOutputStream().close();
            String out = new String(parser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(parser.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(parser.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(parser.exitValue())
                    .as("parser: " + err + "\nscrape:\n" + body)
                    .isZero();
            return json.readTree(out);
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> samples(JsonNode families, String family) {
        List<JsonNode> found = new ArrayList<>();
        families.forEach(f -> {
            if (f.path("name").asString().equals(family)) {
                f.path("samples").forEach(found::add);
            }
        });
        return found;
    }

    private static double stat(List<JsonNode> window, String stat) {
        return window.stream()
                .filter(s -> s.path("labels").path("stat").asString().equals(stat))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + stat + " in " + window))
                .path("value")
                .asDouble();
    }

    private static JsonNode only(List<JsonNode> samples) {
        assertThat(samples).hasSize(1);
        return samples.getFirst();
    }
}
