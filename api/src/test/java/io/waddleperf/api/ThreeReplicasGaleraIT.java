package io.waddleperf.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.waddleperf.api.support.ApiReplicas;
import io.waddleperf.api.support.ApiReplicas.Replica;
import io.waddleperf.api.support.GaleraCluster;
import io.waddleperf.api.support.RoundRobinProxy;
import io.waddleperf.api.support.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Three API replicas as separate processes (the packaged jar) on the 3-node Galera cluster, one
 * test-server node, and one address in front of them: {@link RoundRobinProxy}, as Caddy or an
 * Ingress would be. Headless Chromium (webui/e2e/replicas.js) signs in through it, enrols the
 * node, and starts runs; while a run streams samples, the replica that accepted it is stopped
 * (SIGTERM, then for a second run SIGKILL) and the run must still end, visibly in the UI through
 * the proxy, with the session intact (access tokens are signed with the key in the database,
 * refresh tokens live there too, so any replica honours them).
 *
 * <p>Each replica's JDBC URL is the sequential list starting at a different Galera node (replica
 * 1 writes through node 1, replica 2 through node 2, ...). The documented production setup sends
 * every replica to the same first node; this is the harder case for the application (a request
 * that reads what the previous one wrote through another node, two replicas' writes certified
 * against each other), so passing it covers the easier one.
 *
 * <p>Galera only (the *GaleraIT naming keeps it out of the plain-MariaDB Failsafe run; picked by
 * name there, it skips itself). Like WebUiE2eIT it needs the packaged jars, Chromium and webui's
 * npm ci, and skips without Chromium.
 */
class ThreeReplicasGaleraIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("waddleperf.e2e.chromium", "/usr/bin/chromium"));
    private static final Path API_JAR = Path.of("target", "waddleperf-api.jar");
    private static final Path NODE_JAR = Path.of("..", "testserver", "target", "waddleperf-testserver.jar");
    private static final Path WEBUI = Path.of("..", "webui");
    private static final String DATABASE = "waddleperf_replicas";
    // The proxy's own source address; the replicas believe X-Forwarded-For only from it.
    private static final String PROXY_SOURCE = "127.0.0.2";
    private static final Pattern RUN_START = Pattern.compile("^/api/v1/orgs/[^/]+/runs$");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ApiReplicas apiReplicas;
    private List<Replica> replicas = List.of();
    private final List<Stop> stops = new CopyOnWriteArrayList<>();
    // The replica that answered the latest POST .../runs: the one that dispatches that run.
    private final AtomicInteger runsReplica = new AtomicInteger(-1);
    private RoundRobinProxy proxy;
    private HttpServer control;
    private Path data;
    // Set at the test's end: otherwise the replicas' logs are printed before they are deleted.
    private boolean passed;

    /** A replica stopped on the script's request, and when its process was gone. */
    private record Stop(Replica replica, String signal, long at, CompletableFuture<Long> exitedAt) {
        String describe() throws Exception {
            long exited = exitedAt.get(90, TimeUnit.SECONDS);
            return replica.name() + " " + signal + ": exit " + replica.process().exitValue() + " after "
                    + TimeUnit.NANOSECONDS.toMillis(exited - at) + " ms";
        }
    }

    @Test
    void theUiSignsInAndRunsEndThroughOneAddressWhileTheRunsReplicaIsStopped() throws Exception {
        if (!Boolean.getBoolean(TestDatabase.GALERA)) {
            System.out.println("ThreeReplicasGaleraIT skipped: it runs in the galera-it Failsafe execution,"
                    + " on the 3-node cluster (-D" + TestDatabase.GALERA + "=true)");
            Assumptions.abort("needs the Galera cluster of the galera-it execution");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("ThreeReplicasGaleraIT skipped: no Chromium at " + CHROMIUM
                    + " (Debian: apt-get install chromium; .ci/run installs it)");
            Assumptions.abort("no Chromium at " + CHROMIUM);
        }
        assertThat(API_JAR).as("the packaged API jar").exists();
        assertThat(NODE_JAR).as("the packaged test-server jar").exists();
        assertThat(WEBUI.resolve("node_modules/playwright-core"))
                .as("webui's npm ci")
                .exists();

        long began = System.nanoTime();
        GaleraCluster cluster = TestDatabase.galera();
        cluster.createDatabase(DATABASE);
        // One data directory for all: the archive's spool and embedded store, shared as the
        // replicas share one volume in Compose and Kubernetes.
        data = Files.createTempDirectory("waddleperf-replicas-");
        String password = "e2e-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

        // ApiReplicas starts the first replica alone (it migrates), then the others.
        apiReplicas = new ApiReplicas(
                cluster,
                DATABASE,
                data,
                Map.of(
                        "WADDLEPERF_IDENTITY_BOOTSTRAPADMINPASSWORD", password,
                        "WADDLEPERF_WEB_TRUSTEDPROXIES", PROXY_SOURCE,
                        // A run whose replica died is ended by the sweeper 30 s after its time
                        // limit by default; 2 s keeps the test short and changes nothing else.
                        "WADDLEPERF_RUNS_SWEEPGRACE", "2s"));
        replicas = apiReplicas.start(3);
        long allReady = System.nanoTime();
        List<Integer> ports = ApiReplicas.freePorts(2);

        proxy = RoundRobinProxy.start(
                ports.get(0),
                replicas.stream().map(Replica::port).toList(),
                InetAddress.getByName(PROXY_SOURCE),
                Duration.ofMillis(500),
                (method, path, status, upstream) -> {
                    if (method.equals("POST")
                            && status / 100 == 2
                            && RUN_START.matcher(path).matches()) {
                        runsReplica.set(upstream);
                    }
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.healthy(0) && proxy.healthy(1) && proxy.healthy(2));
        control = startControl(ports.get(1));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path screenshots = Path.of("target", "e2e").toAbsolutePath();
        ProcessBuilder script = new ProcessBuilder("node", "e2e/replicas.js")
                .directory(WEBUI.toFile())
                .redirectErrorStream(true);
        script.environment()
                .putAll(Map.of(
                        "WADDLEPERF_E2E_URL", proxy.url(),
                        "WADDLEPERF_E2E_CONTROL_URL", "http://127.0.0.1:" + ports.get(1),
                        "WADDLEPERF_E2E_PASSWORD", password,
                        "WADDLEPERF_E2E_TESTSERVER_JAR",
                                NODE_JAR.toAbsolutePath().toString(),
                        "WADDLEPERF_E2E_JAVA", java,
                        "WADDLEPERF_E2E_SCREENSHOTS", screenshots.toString(),
                        "CHROMIUM_PATH", CHROMIUM.toString()));
        Process browser = script.start();
        // Echoed through System.out, which Failsafe forwards (see WebUiE2eIT).
        Thread echo = Thread.ofVirtual().start(() -> {
            try (var lines = browser.inputReader().lines()) {
                lines.forEach(line -> System.out.println("[e2e] " + line));
            }
        });
        boolean finished = browser.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            browser.descendants().forEach(ProcessHandle::destroy);
            browser.destroy();
        }
        echo.join(Duration.ofSeconds(10));
        int exit = finished ? browser.exitValue() : -1;
        assertThat(exit)
                .as("node e2e/replicas.js (its output is above, prefixed [e2e]; screenshots in " + screenshots + ")")
                .isZero();

        // Two replicas were stopped, by the signals asked for, and are gone (a SIGTERM'd one within
        // its graceful shutdown); the third served on, and the proxy has the others out.
        assertThat(stops).extracting(Stop::signal).containsExactly("SIGTERM", "SIGKILL");
        List<String> stopped = new ArrayList<>();
        for (Stop stop : stops) {
            stopped.add(stop.describe());
            // 143 = 128 + SIGTERM (the JVM's exit after a graceful stop), 137 = 128 + SIGKILL.
            assertThat(stop.replica().process().exitValue())
                    .isEqualTo(stop.signal().equals("SIGTERM") ? 143 : 137);
            assertThat(proxy.healthy(stop.replica().index())).isFalse();
        }
        Replica survivor =
                replicas.stream().filter(r -> r.process().isAlive()).findFirst().orElseThrow();
        assertThat(proxy.healthy(survivor.index())).isTrue();
        System.out.printf(
                "ThreeReplicasGaleraIT: replicas ready in %d s; %s; requests" + " per replica %d/%d/%d; %d s in all%n",
                TimeUnit.NANOSECONDS.toSeconds(allReady - began),
                stopped,
                proxy.served(0),
                proxy.served(1),
                proxy.served(2),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
        passed = true;
    }

    /**
     * The test's side door for the browser script: {@code POST /stop-runs-replica?signal=TERM|KILL}
     * signals the replica that accepted the latest run and answers which one it was. It does not
     * wait for a SIGTERM'd replica to finish its graceful shutdown: the point is what the others
     * do meanwhile.
     */
    private HttpServer startControl(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        server.createContext("/stop-runs-replica", exchange -> {
            try (exchange) {
                String query = String.valueOf(exchange.getRequestURI().getQuery());
                boolean kill = query.contains("signal=KILL");
                int index = runsReplica.get();
                if (!exchange.getRequestMethod().equals("POST") || index < 0) {
                    answer(exchange, 409, "{\"detail\":\"no run was started through the proxy yet\"}");
                    return;
                }
                Replica replica = replicas.get(index);
                if (!replica.process().isAlive()) {
                    answer(exchange, 409, "{\"detail\":\"" + replica.name() + " is already stopped\"}");
                    return;
                }
                long at = System.nanoTime();
                if (kill) {
                    replica.process().destroyForcibly();
                } else {
                    replica.process().destroy();
                }
                stops.add(new Stop(
                        replica,
                        kill ? "SIGKILL" : "SIGTERM",
                        at,
                        replica.process().onExit().thenApply(p -> System.nanoTime())));
                answer(
                        exchange,
                        200,
                        "{\"replica\":\"" + replica.name() + "\",\"pid\":"
                                + replica.process().pid() + "}");
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (!passed) {
            if (apiReplicas != null) {
                apiReplicas.printLogTails();
            }
        }
        if (control != null) {
            control.stop(0);
        }
        if (proxy != null) {
            proxy.close();
        }
        if (apiReplicas != null) {
            apiReplicas.close();
        }
        if (data != null) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
