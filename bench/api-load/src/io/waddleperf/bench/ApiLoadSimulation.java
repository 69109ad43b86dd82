package io.waddleperf.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One rate step of bench/api-load: arrivals at a constant mean rate (Poisson, open model: a slow
 * answer does not slow the arrivals down, as with many independent clients) for a fixed time, each
 * arrival one of the mixes below, spread over the API replicas round-robin (one base URL per
 * virtual user). Every answer is checked for its documented status; anything else is an error.
 *
 * <p>Set by the run script as system properties: {@code bases} (comma-separated replica URLs),
 * {@code org}, {@code token} (an admin's access token), {@code email}/{@code password} (for the
 * sign-ins), {@code testId} (a tcp_connect test against a node on loopback), {@code seedTarget}
 * and {@code resultIds} (the seeded results the queries and exports read), {@code rate}
 * (arrivals a second) and {@code seconds}.
 */
public class ApiLoadSimulation extends Simulation {

    private static final String BASES = System.getProperty("bases");
    private static final String ORG = "/api/v1/orgs/" + System.getProperty("org");
    private static final String BEARER = "Bearer " + System.getProperty("token");
    private static final String LOGIN = "{\"email\":\"" + System.getProperty("email") + "\",\"password\":\""
            + System.getProperty("password") + "\"}";
    private static final String RUN = "{\"testId\":\"" + System.getProperty("testId") + "\"}";
    private static final String SEED_TARGET = System.getProperty("seedTarget");
    private static final List<String> RESULT_IDS = List.of(System.getProperty("resultIds").split(","));
    private static final double RATE = Double.parseDouble(System.getProperty("rate"));
    private static final int SECONDS = Integer.parseInt(System.getProperty("seconds"));

    private static HttpRequestActionBuilder get(String name, String path) {
        return http(name).get(path).header("Authorization", BEARER).check(status().is(200));
    }

    // The overview page's requests (webui/src/app/routes/dashboard.tsx): its four queries at once,
    // as the browser sends them.
    private static final ChainBuilder DASHBOARD = exec(get("dashboard: runs", ORG + "/runs?limit=10")
            .resources(
                    get("dashboard: running run", ORG + "/runs?limit=1&status=running"),
                    get("dashboard: nodes", ORG + "/nodes"),
                    get("dashboard: recent results", ORG + "/results?limit=8")));

    private static final ChainBuilder SIGN_IN = exec(http("sign-in")
            .post("/api/v1/auth/login")
            .body(StringBody(LOGIN))
            .check(status().is(200)));

    // A filtered page of the results list, as the Results page asks for it.
    private static final ChainBuilder RESULT_QUERY =
            exec(get("results: query", ORG + "/results?target=" + SEED_TARGET + "&type=tcp_connect&limit=50"));

    private static final ChainBuilder RESULT_ONE = exec(session -> session.set(
                    "resultId", RESULT_IDS.get(ThreadLocalRandom.current().nextInt(RESULT_IDS.size()))))
            .exec(get("results: one", ORG + "/results/#{resultId}"));

    // The seeded results only: a fixed number of rows, so that every step exports the same.
    private static final ChainBuilder EXPORT =
            exec(get("results: export", ORG + "/results/export?target=" + SEED_TARGET + "&format=csv"));

    private static final ChainBuilder RUN_START = exec(http("runs: start")
            .post(ORG + "/runs")
            .header("Authorization", BEARER)
            .body(StringBody(RUN))
            .check(status().is(202)));

    private static final ChainBuilder INGEST = exec(http("results: ingest")
            .post(ORG + "/results")
            .header("Authorization", BEARER)
            .header("Idempotency-Key", session -> UUID.randomUUID().toString())
            .body(StringBody(session -> {
                double rtt = ThreadLocalRandom.current().nextDouble(1, 50);
                return "{\"type\":\"tcp_connect\",\"target\":\"ingest.bench.example:443\",\"status\":\"succeeded\","
                        + "\"finishedAt\":\"" + Instant.now() + "\",\"summary\":{\"rtt\":{\"samples\":5,\"avg\":"
                        + rtt + ",\"p50\":" + rtt + ",\"p95\":" + rtt + ",\"p99\":" + rtt + "}}}";
            }))
            .check(status().is(201)));

    // The mix, in arrivals: reads dominate, as people look more than they start.
    private final ScenarioBuilder mix = scenario("mix")
            .exec(randomSwitch()
                    .on(
                            percent(2.0).then(SIGN_IN),
                            percent(30.0).then(DASHBOARD),
                            percent(20.0).then(RESULT_QUERY),
                            percent(10.0).then(RESULT_ONE),
                            percent(3.0).then(EXPORT),
                            percent(10.0).then(RUN_START),
                            percent(25.0).then(INGEST)));

    private final HttpProtocolBuilder protocol = http.baseUrls(BASES.split(","))
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            // One connection pool for all virtual users, as a reverse proxy in front of the
            // replicas keeps: the figures are the API's, not TCP set-up's per arrival.
            .shareConnections();

    {
        setUp(mix.injectOpen(constantUsersPerSec(RATE).during(SECONDS).randomized()))
                .protocols(protocol)
                // A saturated step stops here instead of draining a long queue.
                .maxDuration(Duration.ofSeconds(SECONDS + 30L));
    }
}
