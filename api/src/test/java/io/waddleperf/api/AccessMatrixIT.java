package io.waddleperf.api;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Member;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.SseClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the OpenAPI document, called as every kind of principal, must answer exactly
 * what the declared matrix says (SPEC section 3). An operation missing from the matrix fails the
 * build, so a new endpoint cannot ship without someone deciding who may call it.
 */
@ApiIntegrationTest
class AccessMatrixIT {

    enum Principal {
        ANONYMOUS,
        VIEWER,
        MAINTAINER,
        ADMIN,
        OTHER_ORG_ADMIN,
        OPERATOR
    }

    /** How to call one operation: path variables, body and headers, prepared fresh for each call. */
    record Call(Map<String, String> variables, String body, Map<String, String> headers) {
        Call(Map<String, String> variables, String body) {
            this(variables, body, Map.of());
        }
    }

    record Expectation(Supplier<Call> call, Map<Principal, Integer> statuses) {}

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient http;
    Fixtures fixtures;
    Org org;
    Org other;
    Map<Principal, String> authorization;

    @BeforeEach
    void principals() {
        http = new HttpTestClient(port);
        fixtures = new Fixtures(http);
        org = fixtures.createOrg("Matrix " + UUID.randomUUID());
        other = fixtures.createOrg("Matrix other " + UUID.randomUUID());
        authorization = new EnumMap<>(Principal.class);
        authorization.put(
                Principal.VIEWER, bearer(fixtures.invite(org, "VIEWER").token()));
        authorization.put(
                Principal.MAINTAINER, bearer(fixtures.invite(org, "MAINTAINER").token()));
        authorization.put(Principal.ADMIN, bearer(org.adminToken()));
        authorization.put(Principal.OTHER_ORG_ADMIN, bearer(other.adminToken()));
        authorization.put(Principal.OPERATOR, bearer(fixtures.operatorToken()));
    }

    Map<String, Expectation> matrix() {
        Map<String, Expectation> m = new LinkedHashMap<>();
        m.put(
                "POST /api/v1/auth/login",
                everyone(() -> call("{\"email\":\"nobody@example.test\",\"password\":\"x\"}"), 401));
        m.put("POST /api/v1/auth/refresh", everyone(() -> call("{\"refreshToken\":\"not-a-token\"}"), 401));
        m.put("POST /api/v1/auth/logout", everyone(() -> call("{\"refreshToken\":\"not-a-token\"}"), 204));
        m.put("GET /api/v1/auth/sso", everyone(this::discoverableSso, 200));
        m.put("GET /.well-known/jwks.json", everyone(() -> call(""), 200));
        m.put("GET /api/v1/me", expect(() -> call(""), 401, 200, 200, 200, 200, 200));
        // The node protocol's published rules: anyone signed in, nobody else.
        m.put("GET /api/v1/probe-types", expect(() -> call(""), 401, 200, 200, 200, 200, 200));
        m.put(
                "POST /api/v1/me/password",
                expect(
                        () -> call("{\"currentPassword\":\"not-mine\",\"newPassword\":\"a-long-new-password\"}"),
                        401,
                        400,
                        400,
                        400,
                        400,
                        400));
        m.put("GET /api/v1/orgs", expect(() -> call(""), 401, 200, 200, 200, 200, 200));
        m.put(
                "POST /api/v1/orgs",
                expect(
                        () -> call(
                                "{\"name\":\"Made by matrix\",\"adminEmail\":\"" + Fixtures.uniqueEmail("m") + "\"}"),
                        401,
                        403,
                        403,
                        403,
                        403,
                        201));
        m.put("GET /api/v1/orgs/{orgId}", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/members", expect(() -> orgCall(""), 401, 403, 403, 200, 404, 404));
        m.put(
                "POST /api/v1/orgs/{orgId}/members",
                expect(
                        () -> orgCall("{\"email\":\"" + Fixtures.uniqueEmail("inv") + "\",\"role\":\"VIEWER\"}"),
                        401,
                        403,
                        403,
                        201,
                        404,
                        404));
        m.put(
                "PUT /api/v1/orgs/{orgId}/members/{userId}",
                expect(() -> freshMember("{\"role\":\"MAINTAINER\"}"), 401, 403, 403, 200, 404, 404));
        m.put(
                "DELETE /api/v1/orgs/{orgId}/members/{userId}",
                expect(() -> freshMember(""), 401, 403, 403, 204, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/api-keys", expect(() -> orgCall(""), 401, 403, 403, 200, 404, 404));
        m.put(
                "POST /api/v1/orgs/{orgId}/api-keys",
                expect(() -> orgCall("{\"name\":\"matrix\",\"role\":\"VIEWER\"}"), 401, 403, 403, 201, 404, 404));
        m.put("DELETE /api/v1/orgs/{orgId}/api-keys/{keyId}", expect(this::freshKey, 401, 403, 403, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/audit", expect(() -> orgCall(""), 401, 403, 403, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/license", expect(() -> orgCall(""), 401, 403, 403, 200, 404, 404));
        m.put(
                "POST /api/v1/orgs/{orgId}/nodes/enrollment-tokens",
                expect(() -> orgCall("{}"), 401, 403, 403, 201, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/nodes", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/nodes/{nodeId}", expect(this::freshNode, 401, 200, 200, 200, 404, 404));
        m.put("DELETE /api/v1/orgs/{orgId}/nodes/{nodeId}", expect(this::freshNode, 401, 403, 403, 200, 404, 404));
        m.put("POST /api/v1/node/enroll", everyone(() -> call(Fixtures.enrollBody("wpe_unknown", "n")), 401));
        m.put("POST /api/v1/node/heartbeat", everyone(() -> call(Fixtures.nodeReport("x")), 401));
        m.put("POST /api/v1/node/sessions", everyone(() -> call(SESSION_BATCH), 401));
        m.put("POST /api/v1/node/sessions/progress", everyone(() -> call("{\"progress\":[],\"dropped\":0}"), 401));
        m.put(
                "GET /api/v1/orgs/{orgId}/nodes/{nodeId}/sessions",
                expect(this::freshNode, 401, 200, 200, 200, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/nodes/{nodeId}/sessions/export",
                expect(this::freshNode, 401, 200, 200, 200, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/nodes/{nodeId}/sessions/events",
                expect(this::freshNode, 401, 200, 200, 200, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/nodes/{nodeId}/sessions/{sessionId}",
                expect(this::storedSession, 401, 200, 200, 200, 404, 404));
        // People's tokens are not node credentials.
        m.put(
                "POST /api/v1/node/runs/{runId}/artefacts/{name}",
                everyone(
                        () -> new Call(Map.of("runId", UUID.randomUUID().toString(), "name", "capture.pcap"), "{}"),
                        401));
        m.put("GET /api/v1/orgs/{orgId}/tests", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("POST /api/v1/orgs/{orgId}/tests", expect(() -> orgCall(TEST_BODY), 401, 403, 201, 201, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/tests/{testId}", expect(this::freshTest, 401, 200, 200, 200, 404, 404));
        m.put("PUT /api/v1/orgs/{orgId}/tests/{testId}", expect(this::freshTest, 401, 403, 200, 200, 404, 404));
        m.put("DELETE /api/v1/orgs/{orgId}/tests/{testId}", expect(this::freshTest, 401, 403, 403, 204, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/tiers", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put(
                "PUT /api/v1/orgs/{orgId}/tiers/{tier}",
                expect(
                        () -> new Call(
                                Map.of("orgId", org.id().toString(), "tier", "2"),
                                "{\"timeoutSeconds\":60,\"retentionDays\":30,\"thresholds\":{\"jitterMs\":40}}"),
                        401,
                        403,
                        200,
                        200,
                        404,
                        404));
        m.put("POST /api/v1/orgs/{orgId}/runs", expect(() -> orgCall(TIER_RUN_BODY), 401, 403, 202, 202, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/runs", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/runs/{runId}", expect(this::finishedRun, 401, 200, 200, 200, 404, 404));
        // The org has no nodes, so its runs fail at once; canceling a finished run is a conflict.
        m.put("POST /api/v1/orgs/{orgId}/runs/{runId}/cancel", expect(this::finishedRun, 401, 403, 409, 409, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/runs/{runId}/events", expect(this::finishedRun, 401, 200, 200, 200, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/runs/{runId}/artefacts",
                expect(this::finishedRun, 401, 200, 200, 200, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/runs/{runId}/artefacts/{name}/link",
                expect(this::storedArtefact, 401, 200, 200, 200, 404, 404));

        m.put(
                "POST /api/v1/orgs/{orgId}/results",
                expect(
                        () -> new Call(
                                Map.of("orgId", org.id().toString()),
                                RESULT_BODY,
                                Map.of("Idempotency-Key", UUID.randomUUID().toString())),
                        401,
                        403,
                        201,
                        201,
                        404,
                        404));
        m.put("GET /api/v1/orgs/{orgId}/results", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/results/{resultId}", expect(this::freshResult, 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/results/export", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        // AutoPerf monitors: MAINTAINER and ADMIN write, VIEWER reads, deletes are ADMIN's.
        m.put("GET /api/v1/orgs/{orgId}/monitors", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("POST /api/v1/orgs/{orgId}/monitors", expect(() -> orgCall(MONITOR_BODY), 401, 403, 201, 201, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/monitors/{monitorId}",
                expect(this::freshMonitor, 401, 200, 200, 200, 404, 404));
        m.put(
                "PUT /api/v1/orgs/{orgId}/monitors/{monitorId}",
                expect(this::freshMonitor, 401, 403, 200, 200, 404, 404));
        m.put(
                "DELETE /api/v1/orgs/{orgId}/monitors/{monitorId}",
                expect(this::freshMonitor, 401, 403, 403, 204, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/monitors/{monitorId}/series",
                expect(this::freshMonitor, 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/monitors/board", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/metrics", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/monitors/board/events",
                expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        // Alerts: rules and maintenance windows as monitors (MAINTAINER writes, ADMIN deletes);
        // MAINTAINER acknowledges and resolves; everyone reads.
        m.put("GET /api/v1/orgs/{orgId}/alert-rules", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put(
                "POST /api/v1/orgs/{orgId}/alert-rules",
                expect(() -> orgCall(ALERT_RULE_BODY), 401, 403, 201, 201, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/alert-rules/{ruleId}",
                expect(this::freshAlertRule, 401, 200, 200, 200, 404, 404));
        m.put(
                "PUT /api/v1/orgs/{orgId}/alert-rules/{ruleId}",
                expect(this::freshAlertRule, 401, 403, 200, 200, 404, 404));
        m.put(
                "DELETE /api/v1/orgs/{orgId}/alert-rules/{ruleId}",
                expect(this::freshAlertRule, 401, 403, 403, 204, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/alerts", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/alerts/by-monitor", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/alerts/{alertId}", expect(this::openAlert, 401, 200, 200, 200, 404, 404));
        m.put(
                "POST /api/v1/orgs/{orgId}/alerts/{alertId}/acknowledge",
                expect(this::openAlert, 401, 403, 200, 200, 404, 404));
        m.put(
                "POST /api/v1/orgs/{orgId}/alerts/{alertId}/resolve",
                expect(this::openAlert, 401, 403, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/maintenance-windows", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put(
                "POST /api/v1/orgs/{orgId}/maintenance-windows",
                expect(() -> orgCall(WINDOW_BODY), 401, 403, 201, 201, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/maintenance-windows/{windowId}",
                expect(this::freshWindow, 401, 200, 200, 200, 404, 404));
        m.put(
                "PUT /api/v1/orgs/{orgId}/maintenance-windows/{windowId}",
                expect(this::freshWindow, 401, 403, 200, 200, 404, 404));
        m.put(
                "DELETE /api/v1/orgs/{orgId}/maintenance-windows/{windowId}",
                expect(this::freshWindow, 401, 403, 403, 204, 404, 404));
        // Notification channels: ADMIN configures and tests them; MAINTAINER (alert rules) reads them.
        m.put(
                "GET /api/v1/orgs/{orgId}/notification-channels",
                expect(() -> orgCall(""), 401, 403, 200, 200, 404, 404));
        m.put(
                "POST /api/v1/orgs/{orgId}/notification-channels",
                expect(() -> orgCall(channelBody()), 401, 403, 403, 201, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/notification-channels/{channelId}",
                expect(this::freshChannel, 401, 403, 200, 200, 404, 404));
        m.put(
                "PUT /api/v1/orgs/{orgId}/notification-channels/{channelId}",
                expect(this::freshChannel, 401, 403, 403, 200, 404, 404));
        m.put(
                "DELETE /api/v1/orgs/{orgId}/notification-channels/{channelId}",
                expect(this::freshChannel, 401, 403, 403, 204, 404, 404));
        // The receiver is a closed loopback port: the test answers 200 with the failure in its body.
        m.put(
                "POST /api/v1/orgs/{orgId}/notification-channels/{channelId}/test",
                expect(this::freshChannel, 401, 403, 403, 200, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/notification-channels/{channelId}/attempts",
                expect(this::freshChannel, 401, 403, 200, 200, 404, 404));
        m.put("POST /api/v1/orgs/{orgId}/speedtests", expect(this::speedTest, 401, 403, 201, 201, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/heatmap", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/heatmap/report.csv", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("GET /api/v1/orgs/{orgId}/heatmap/report.pdf", expect(() -> orgCall(""), 401, 200, 200, 200, 404, 404));
        m.put("POST /api/v1/orgs/{orgId}/heatmap/rebuild", expect(() -> orgCall(""), 401, 403, 403, 202, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/heatmap/rebuilds/{rebuildId}",
                expect(this::freshRebuild, 401, 403, 403, 200, 404, 404));
        m.put(
                "GET /api/v1/orgs/{orgId}/nodes/{nodeId}/location",
                expect(this::freshNode, 401, 200, 200, 200, 404, 404));
        m.put(
                "PUT /api/v1/orgs/{orgId}/nodes/{nodeId}/location",
                expect(
                        () -> freshNode("{\"latitude\":52.52,\"longitude\":13.4,\"countryCode\":\"DE\"}"),
                        401,
                        403,
                        403,
                        200,
                        404,
                        404));
        m.put(
                "DELETE /api/v1/orgs/{orgId}/nodes/{nodeId}/location",
                expect(this::freshNode, 401, 403, 403, 204, 404, 404));
        // Node settings: everyone in the org reads them; MAINTAINERs and ADMINs change them (SPEC section 3).
        m.put(
                "GET /api/v1/orgs/{orgId}/nodes/{nodeId}/settings",
                expect(this::freshNode, 401, 200, 200, 200, 404, 404));
        m.put(
                "PUT /api/v1/orgs/{orgId}/nodes/{nodeId}/settings",
                expect(
                        () -> freshNode("{\"allowlist\":[\"192.0.2.0/24\"],\"capacity\":2,\"labels\":[\"edge\"]}"),
                        401,
                        403,
                        200,
                        200,
                        404,
                        404));
        m.put("GET /api/v1/orgs/{orgId}/sso", expect(this::withSso, 401, 403, 403, 200, 404, 404));
        m.put("PUT /api/v1/orgs/{orgId}/sso", expect(() -> orgCall(ssoBody()), 401, 403, 403, 200, 404, 404));
        m.put("DELETE /api/v1/orgs/{orgId}/sso", expect(this::withSso, 401, 403, 403, 204, 404, 404));
        return m;
    }

    @Test
    void everyOperationAnswersExactlyWhatTheMatrixDeclares() {
        Map<String, Expectation> matrix = matrix();
        TreeSet<String> documented = documentedOperations();

        assertThat(new TreeSet<>(matrix.keySet()))
                .as("operations in /v3/api-docs and in the access matrix")
                .isEqualTo(documented);

        List<String> mismatches = new ArrayList<>();
        int calls = 0;
        for (var entry : matrix.entrySet()) {
            String method = entry.getKey().split(" ", 2)[0];
            String template = entry.getKey().split(" ", 2)[1];
            for (var expected : entry.getValue().statuses().entrySet()) {
                Call call = entry.getValue().call().get();
                String path = expand(template, call.variables());
                if (call.variables().containsKey("?")) {
                    path += "?" + call.variables().get("?");
                }
                Response response = send(method, path, call.body(), call.headers(), expected.getKey());
                calls++;
                if (response.status() != expected.getValue()) {
                    mismatches.add(entry.getKey() + " as " + expected.getKey() + ": expected " + expected.getValue()
                            + " got " + response.status() + " " + response.body());
                } else if (response.status() >= 400) {
                    assertThat(response.header("Content-Type"))
                            .as("%s as %s", entry.getKey(), expected.getKey())
                            .startsWith("application/problem+json");
                }
            }
        }
        System.out.printf(
                "Access matrix: %d operations x %d principals = %d calls%n",
                matrix.size(), Principal.values().length, calls);
        assertThat(mismatches).isEmpty();
    }

    private TreeSet<String> documentedOperations() {
        JsonNode paths = http.get("/v3/api-docs").json().path("paths");
        TreeSet<String> operations = new TreeSet<>();
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
            }
        }
        return operations;
    }

    private Response send(String method, String path, String body, Map<String, String> headers, Principal principal) {
        HttpRequest.Builder request = http.request(path);
        headers.forEach(request::header);
        if (authorization.containsKey(principal)) {
            request.header("Authorization", authorization.get(principal));
        }
        if (path.endsWith("/monitors/board/events") || path.endsWith("/sessions/events")) {
            // A stream that never ends by itself: its status is the answer.
            try (SseClient.Live live = SseClient.open(request)) {
                return new Response(live.status(), Map.of("content-type", live.contentType()), "");
            }
        }
        HttpRequest.BodyPublisher publisher =
                body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, publisher).build());
    }

    private static String expand(String template, Map<String, String> variables) {
        String path = template;
        for (var variable : variables.entrySet()) {
            path = path.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        return path;
    }

    private Call call(String body) {
        return new Call(Map.of(), body);
    }

    private Call orgCall(String body) {
        return new Call(Map.of("orgId", org.id().toString()), body);
    }

    private Call freshMember(String body) {
        Member member = fixtures.invite(org, "VIEWER");
        return new Call(
                Map.of("orgId", org.id().toString(), "userId", member.userId().toString()), body);
    }

    private Call freshKey() {
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/api-keys",
                "{\"name\":\"matrix\",\"role\":\"VIEWER\"}",
                "Authorization",
                bearer(org.adminToken()));
        String keyId = created.json().path("key").path("id").asString();
        return new Call(Map.of("orgId", org.id().toString(), "keyId", keyId), "");
    }

    static final String TEST_BODY = "{\"name\":\"m\",\"type\":\"tcp_connect\",\"target\":\"example.com:443\","
            + "\"nodeSelector\":{\"region\":\"eu\"}}";

    private Call freshTest() {
        String id = http.post(
                        "/api/v1/orgs/" + org.id() + "/tests", TEST_BODY, "Authorization", bearer(org.adminToken()))
                .json()
                .path("id")
                .asString();
        return new Call(Map.of("orgId", org.id().toString(), "testId", id), TEST_BODY);
    }

    // Paused, and a region no node has: the matrix checks access, not rounds.
    static final String MONITOR_BODY = "{\"name\":\"m\",\"target\":\"example.com\","
            + "\"vantage\":[{\"region\":\"matrix-nowhere\"}],\"enabled\":false}";

    private Call freshMonitor() {
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/monitors", MONITOR_BODY, "Authorization", bearer(org.adminToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Call(
                Map.of(
                        "orgId",
                        org.id().toString(),
                        "monitorId",
                        created.json().path("id").asString()),
                MONITOR_BODY);
    }

    /** A webhook to a closed port on 127.0.0.1 (the address tests allow past the SSRF guard). */
    private static String channelBody() {
        return "{\"name\":\"matrix-" + UUID.randomUUID() + "\",\"type\":\"webhook\",\"severities\":[\"CRITICAL\"],"
                + "\"url\":\"http://127.0.0.1:9/hook\"}";
    }

    private Call freshChannel() {
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/notification-channels",
                channelBody(),
                "Authorization",
                bearer(org.adminToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Call(
                Map.of(
                        "orgId",
                        org.id().toString(),
                        "channelId",
                        created.json().path("id").asString()),
                channelBody());
    }

    static final String ALERT_RULE_BODY = "{\"name\":\"matrix\",\"condition\":{\"type\":\"thresholds\"}}";

    private Call freshAlertRule() {
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/alert-rules",
                ALERT_RULE_BODY,
                "Authorization",
                bearer(org.adminToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Call(
                Map.of(
                        "orgId",
                        org.id().toString(),
                        "ruleId",
                        created.json().path("id").asString()),
                ALERT_RULE_BODY);
    }

    static final String WINDOW_BODY =
            "{\"name\":\"matrix\",\"cron\":\"0 2 * * SUN\",\"durationSeconds\":3600,\"timeZone\":\"UTC\"}";

    private Call freshWindow() {
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/maintenance-windows",
                WINDOW_BODY,
                "Authorization",
                bearer(org.adminToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Call(
                Map.of(
                        "orgId",
                        org.id().toString(),
                        "windowId",
                        created.json().path("id").asString()),
                WINDOW_BODY);
    }

    /**
     * An open alert of the organisation, stored as the alert rules store one: the matrix checks who
     * may read, acknowledge and resolve it, not how rounds raise it (AlertsIT does).
     */
    private Call openAlert() {
        String id = UUID.randomUUID().toString();
        String rule = UUID.randomUUID().toString();
        String monitor = UUID.randomUUID().toString();
        jdbc.update(
                "INSERT INTO alerts (id, org_id, rule_id, rule_name, monitor_id, monitor_name, severity, state,"
                        + " open_key, suppressed, cause, raised_at, timeline) VALUES (?, ?, ?, 'matrix', ?, 'matrix',"
                        + " 'WARNING', 'OPEN', ?, FALSE, 'matrix', UTC_TIMESTAMP(6), '[]')",
                id,
                org.id().toString(),
                rule,
                monitor,
                rule + ":" + monitor);
        return new Call(Map.of("orgId", org.id().toString(), "alertId", id), "");
    }

    private Call freshRebuild() {
        String id = http.post(
                        "/api/v1/orgs/" + org.id() + "/heatmap/rebuild", "", "Authorization", bearer(org.adminToken()))
                .json()
                .path("id")
                .asString();
        return new Call(Map.of("orgId", org.id().toString(), "rebuildId", id), "");
    }

    static final String TIER_RUN_BODY = "{\"tier\":1,\"target\":\"example.com\"}";

    private Call finishedRun() {
        String id = fixtures.startTierRun(org, bearer(org.adminToken()), 1, "example.com");
        // Dispatched for real: by now the org has enrolled fake nodes (freshNode) that nobody
        // answers for, so dispatch gives up on each probe run, by its deadline at the latest
        // (issue 20: on Galera after a node loss this once outlasted the wait; the matrix then
        // canceled its runs instead).
        fixtures.awaitRunEnd(org, bearer(org.adminToken()), id, Duration.ofSeconds(45));
        return new Call(Map.of("orgId", org.id().toString(), "runId", id), "");
    }

    /** A probe run of a finished tier run whose samples have reached the archive. */
    private Call storedArtefact() {
        Call run = finishedRun();
        String artefacts =
                "/api/v1/orgs/" + org.id() + "/runs/" + run.variables().get("runId") + "/artefacts";
        JsonNode stored = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> http.get(artefacts, "Authorization", bearer(org.adminToken()))
                                .json()
                                .path("items")
                                .path(0),
                        item -> "stored".equals(item.path("state").asString(null)));
        return new Call(
                Map.of(
                        "orgId",
                        org.id().toString(),
                        "runId",
                        stored.path("runId").asString(),
                        "name",
                        stored.path("name").asString()),
                "");
    }

    static final String RESULT_BODY = "{\"type\":\"dns\",\"target\":\"example.com\",\"status\":\"succeeded\","
            + "\"finishedAt\":\"2026-11-21T08:00:00Z\",\"summary\":{\"timeMillis\":12.5}}";

    private Call freshResult() {
        Response created = http.post(
                "/api/v1/orgs/" + org.id() + "/results",
                RESULT_BODY,
                "Authorization",
                bearer(org.adminToken()),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Call(
                Map.of(
                        "orgId",
                        org.id().toString(),
                        "resultId",
                        created.json().path("id").asString()),
                "");
    }

    private Call speedTest() {
        var node = fixtures.enrollNode(org, "matrix-speed");
        return orgCall("{\"nodeId\":\"" + node.id() + "\",\"downloadMbps\":90,\"uploadMbps\":20,\"pingMs\":12,"
                + "\"jitterMs\":1.5}");
    }

    private Call freshNode() {
        return freshNode("");
    }

    static final String SESSION_BATCH = "{\"sessions\":[{\"sessionId\":\"matrix-1\",\"clientAddress\":\"198.51.100.7\","
            + "\"clientPort\":50000,\"startedAt\":\"2026-12-01T10:00:00Z\",\"endedAt\":\"2026-12-01T10:00:00Z\","
            + "\"streams\":0,\"receivedBytes\":0,\"sentBytes\":0,\"durationSeconds\":0,\"outcome\":\"refused\","
            + "\"reason\":\"busy\"}],\"dropped\":0}";

    /** A node of the organisation with one session it reported, as a node reports one. */
    private Call storedSession() {
        var node = fixtures.enrollNode(org, "matrix-sessions");
        Response reported =
                http.post("/api/v1/node/sessions", SESSION_BATCH, "Authorization", bearer(node.credential()));
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        String id = http.get(
                        "/api/v1/orgs/" + org.id() + "/nodes/" + node.id() + "/sessions",
                        "Authorization",
                        bearer(org.adminToken()))
                .json()
                .path("items")
                .path(0)
                .path("id")
                .asString();
        return new Call(Map.of("orgId", org.id().toString(), "nodeId", node.id().toString(), "sessionId", id), "");
    }

    private Call freshNode(String body) {
        var node = fixtures.enrollNode(org, "matrix-node");
        return new Call(Map.of("orgId", org.id().toString(), "nodeId", node.id().toString()), body);
    }

    private Call withSso() {
        Response configured =
                http.send(http.request("/api/v1/orgs/" + org.id() + "/sso", "Authorization", bearer(org.adminToken()))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(ssoBody()))
                        .build());
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        return orgCall("");
    }

    /** SSO with a client id, discovered by the organisation's slug (a query parameter). */
    private Call discoverableSso() {

        Response configured =
                http.send(http.request("/api/v1/orgs/" + org.id() + "/sso", "Authorization", bearer(org.adminToken()))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                ssoBody().replace("\"audience\"", "\"clientId\":\"wp-web\",\"audience\"")))
                        .build());
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        String slug = http.get("/api/v1/orgs/" + org.id(), "Authorization", bearer(org.adminToken()))
                .json()
                .path("slug")
                .asString();
        return new Call(Map.of("?", "org=" + slug), "");
    }

    private String ssoBody() {
        return "{\"issuerUri\":\"https://idp.example.test/" + org.id() + "\",\"audience\":\"waddleperf\","
                + "\"roleClaim\":\"groups\",\"roleMapping\":{\"wp-admins\":\"ADMIN\"}}";
    }

    private static Expectation everyone(Supplier<Call> call, int status) {
        return expect(call, status, status, status, status, status, status);
    }

    private static Expectation expect(
            Supplier<Call> call, int anonymous, int viewer, int maintainer, int admin, int otherAdmin, int operator) {
        Map<Principal, Integer> statuses = new EnumMap<>(Principal.class);
        statuses.put(Principal.ANONYMOUS, anonymous);
        statuses.put(Principal.VIEWER, viewer);
        statuses.put(Principal.MAINTAINER, maintainer);
        statuses.put(Principal.ADMIN, admin);
        statuses.put(Principal.OTHER_ORG_ADMIN, otherAdmin);
        statuses.put(Principal.OPERATOR, operator);
        return new Expectation(call, statuses);
    }
}
