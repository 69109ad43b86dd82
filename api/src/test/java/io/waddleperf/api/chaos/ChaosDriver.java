package io.waddleperf.api.chaos;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.waddleperf.api.notifications.LoopbackReceiver;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.ApiReplicas;
import io.waddleperf.api.support.ApiReplicas.Replica;
import io.waddleperf.api.support.GaleraCluster;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import io.waddleperf.api.support.LicenseServer;
import io.waddleperf.api.support.NetworkNamespace;
import io.waddleperf.api.support.RoundRobinProxy;
import io.waddleperf.api.support.TestNode;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chaos suite (issue #20): API replicas as processes on the 3-node Galera cluster behind
 * {@link RoundRobinProxy}, test-server node processes, AutoPerf running monitors with an alert rule
 * and tier-2/3 escalations, a webhook receiver ({@link LoopbackReceiver}) and an SMTP server
 * (GreenMail) on loopback, the license server stand-in ({@link LicenseServer}; release mode). Faults
 * are injected one after another while the load runs, each held for {@link Settings#faultDuration};
 * after each, the driver measures how long the system took to recover and then checks, over the
 * whole run so far, that nothing was lost or duplicated (see {@link #check}). ChaosGaleraIT runs it
 * with short settings in ./mvnw verify, bench/chaos with long ones; docs/reliability.md explains
 * the table.
 */
public final class ChaosDriver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String DATABASE = "waddleperf_chaos";
    private static final String ADMIN = "admin@waddleperf.local";
    // The proxy's own source address; the replicas believe X-Forwarded-For only from it.
    private static final String PROXY_SOURCE = "127.0.0.2";
    private static final List<String> FEATURES =
            List.of("autoperf", "tier3", "capture_archive", "geo_heatmap", "sso", "audit_log", "api_keys");
    private static final String BUCKET = "chaos";
    private static final String S3_IDENTITY = "chaos-identity";
    private static final String S3_CREDENTIAL = "chaos-credential";
    private static final String TERMINAL = "('SUCCEEDED','FAILED','TIMED_OUT','CANCELED','SKIPPED')";

    /** The faults, in the order they are injected. */
    public enum Fault {
        API_REPLICA_KILL("kill -9 of an API replica, restarted after the hold"),
        GALERA_NODE_KILL("kill -9 of a Galera node, restarted (IST/SST) after the hold"),
        NODE_KILL_MID_RUN("kill -9 of a node process while it runs a probe, restarted after the hold"),
        WEBHOOK_DOWN("webhook receiver answers 503 for the hold"),
        LICENSE_DOWN("license server resets every connection for the hold"),
        S3_DOWN("the S3 store (S3Proxy) stopped for the hold, started again on the same port and files"),
        NETWORK_CUT("the link to a node in its own network namespace taken down for the hold: its heartbeats stop");

        final String description;

        Fault(String description) {
            this.description = description;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param replicas API processes (2 or 3)
     * @param nodes node processes
     * @param monitors AutoPerf monitors; one in ten watches a target that flaps (so alerts raise
     *     and clear, notifications flow, and tier 2 and 3 escalate)
     * @param intervalSeconds the monitors' interval (30 s is the least the API accepts)
     * @param faultDuration how long each fault is held
     * @param grace how long past its deadline a run, and past its enqueueing a notification, may
     *     still be open before the checks count it lost
     */
    public record Settings(
            int replicas,
            int nodes,
            int monitors,
            int intervalSeconds,
            Duration faultDuration,
            Duration grace,
            List<Fault> faults) {

        /** The given defaults, each overridable by a {@code waddleperf.chaos.*} system property. */
        public static Settings fromSystemProperties(Settings defaults) {
            String faults = System.getProperty("waddleperf.chaos.faults");
            return new Settings(
                    Integer.getInteger("waddleperf.chaos.replicas", defaults.replicas()),
                    Integer.getInteger("waddleperf.chaos.nodes", defaults.nodes()),
                    Integer.getInteger("waddleperf.chaos.monitors", defaults.monitors()),
                    Integer.getInteger("waddleperf.chaos.interval-seconds", defaults.intervalSeconds()),
                    Duration.ofSeconds(Integer.getInteger("waddleperf.chaos.fault-seconds", (int)
                            defaults.faultDuration().toSeconds())),
                    Duration.ofSeconds(Integer.getInteger("waddleperf.chaos.grace-seconds", (int)
                            defaults.grace().toSeconds())),
                    faults == null || faults.isBlank()
                            ? defaults.faults()
                            : List.of(faults.split(",")).stream()
                                    .map(f -> Fault.valueOf(
                                            f.strip().toUpperCase(Locale.ROOT).replace('-', '_')))
                                    .toList());
        }
    }

    /** One line of the table: a fault (or the final check) and what the checks found after it. */
    public record Row(String fault, Duration held, Duration recovery, long lost, long duplicated, String detail) {}

    /** Counters of one check, each named; {@code lost*} and {@code dup*} sum into a row. */
    record Counts(Map<String, Long> values) {
        long lost() {
            return values.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("lost"))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        long duplicated() {
            return values.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("dup"))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        String nonZero() {
            StringBuilder out = new StringBuilder();
            values.forEach((k, v) -> {
                if (v != 0 && (k.startsWith("lost") || k.startsWith("dup"))) {
                    out.append(out.isEmpty() ? "" : ", ").append(k).append('=').append(v);
                }
            });
            return out.toString();
        }
    }

    private final Settings settings;
    private final GaleraCluster cluster;
    private final Path work;
    private final String password = "chaos-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private final List<Row> rows = new ArrayList<>();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final AtomicBoolean flapperOpen = new AtomicBoolean(true);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private LicenseServer license;
    private LoopbackReceiver webhook;
    private GreenMail smtp;
    private S3Proxy s3;
    private NetworkNamespace netns;
    private String netnsUnavailable;
    private int s3Port;
    private ApiReplicas replicas;
    private RoundRobinProxy proxy;
    private HttpTestClient http;
    private String bearer;
    private String org;
    private String webhookChannel;
    private String emailChannel;
    private int steadyPort;
    private int flapperPort;
    private Instant windowStart;
    private Counts previous = new Counts(Map.of());

    /** A node process and what it needs to start again as the same node. */
    private static final class NodeProcess {
        final String name;
        final Path stateDir;
        final String token;
        volatile TestNode process;
        String id;

        NodeProcess(String name, Path stateDir, String token) {
            this.name = name;
            this.stateDir = stateDir;
            this.token = token;
        }
    }

    public ChaosDriver(Settings settings, GaleraCluster cluster) throws IOException {
        this.settings = settings;
        this.cluster = cluster;
        this.work = Files.createTempDirectory("waddleperf-chaos-");
    }

    /** The long settings bench/chaos runs with; each overridable by a {@code waddleperf.chaos.*} property. */
    public static final Settings LONG =
            new Settings(3, 3, 300, 30, Duration.ofSeconds(60), Duration.ofSeconds(120), List.of(Fault.values()));

    /**
     * bench/chaos: the suite with {@link #LONG} settings on a 3-node Galera cluster of its own
     * (under {@code target/chaos-galera}); run from the api directory (the jars' paths are relative
     * to it). Prints the table, writes it to {@code waddleperf.chaos.report} if set, and exits 1 if
     * any row lost or duplicated anything.
     */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties(LONG);
        long began = System.nanoTime();
        List<Row> rows = List.of();
        boolean clean = false;
        try (GaleraCluster cluster = GaleraCluster.start(Path.of("target", "chaos-galera"), 3)) {
            ChaosDriver driver = new ChaosDriver(settings, cluster);
            try {
                rows = driver.run();
                clean = rows.stream().allMatch(r -> r.lost() == 0 && r.duplicated() == 0);
            } catch (Exception | Error e) {
                rows = driver.rows();
                driver.printLogTails();
                throw e;
            } finally {
                String table = table(rows);
                System.out.println("\nbench/chaos (" + settings + "), "
                        + Duration.ofNanos(System.nanoTime() - began).toMinutes() + " min in all:\n\n" + table);
                String report = System.getProperty("waddleperf.chaos.report");
                if (report != null) {
                    Files.writeString(Path.of(report), table);
                }
                driver.close();
            }
        }
        System.exit(clean ? 0 : 1);
    }

    public Settings settings() {
        return settings;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Sets everything up, lets the load run one interval, then injects the faults in turn. */
    public List<Row> run() throws Exception {
        setUp();
        for (Fault fault : settings.faults()) {
            inject(fault);
        }
        // The final check: after one grace more, everything the last fault touched is due. (Checked
        // at once, what is still in flight, such as an alert notice in its hold or an upload whose
        // row is not marked stored yet, would count as lost.)
        Instant end = Instant.now();
        Duration drained = awaitRecovered(end);
        hold(settings.grace());
        Counts total = check(true);
        rows.add(new Row("end (whole run)", Duration.ZERO, drained, total.lost(), total.duplicated(), total.nonZero()));
        return rows();
    }

    // --- set-up ----------------------------------------------------------------------------------

    private void setUp() throws Exception {
        cluster.createDatabase(DATABASE);
        license = new LicenseServer();
        license.license("enterprise", FEATURES, 100_000);
        webhook = LoopbackReceiver.start();
        int smtpPort = TestNode.freeTcpPort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        s3Port = TestNode.freeTcpPort();
        Files.createDirectories(work.resolve("s3").resolve(BUCKET));
        s3 = startS3();
        steadyPort = listen(new AtomicBoolean(true));
        flapperPort = serveHttp(flapperOpen);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("WADDLEPERF_IDENTITY_BOOTSTRAPADMINPASSWORD", password);
        // The suite outlasts the default 15-minute access token.
        env.put("WADDLEPERF_IDENTITY_ACCESSTOKENTTL", "6h");
        env.put("WADDLEPERF_WEB_TRUSTEDPROXIES", PROXY_SOURCE);
        // A run whose replica died is ended by the sweeper 30 s past its deadline by default; the
        // checks allow for whatever is set here within their grace.
        env.put("WADDLEPERF_RUNS_SWEEPGRACE", "5s");
        env.put("WADDLEPERF_RUNS_TIERPLAN_TIER2THROUGHPUTSECONDS", "2");
        env.put("WADDLEPERF_RUNS_TIERPLAN_TIER3THROUGHPUTSECONDS", "2");
        env.put("WADDLEPERF_NOTIFICATIONS_ALLOWEDTARGETS", "127.0.0.1/32");
        env.put("WADDLEPERF_NOTIFICATIONS_SECRETKEY", ApiIntegrationTest.NOTIFICATIONS_KEY);
        env.put("WADDLEPERF_NOTIFICATIONS_RETRYMINDELAY", "500ms");
        env.put("WADDLEPERF_NOTIFICATIONS_RETRYMAXDELAY", "2s");
        env.put("WADDLEPERF_NOTIFICATIONS_SMTP_HOST", "127.0.0.1");
        env.put("WADDLEPERF_NOTIFICATIONS_SMTP_PORT", Integer.toString(smtpPort));
        env.put("WADDLEPERF_NOTIFICATIONS_SMTP_STARTTLS", "false");
        env.put("WADDLEPERF_NOTIFICATIONS_SMTP_FROM", "waddleperf@example.test");
        // Release mode, licensed by the stand-in, which the LICENSE_DOWN fault takes away.
        env.put("WADDLEPERF_LICENSING_RELEASEMODE", "true");
        env.put("WADDLEPERF_LICENSING_KEY", LicenseServer.KEY);
        env.put("WADDLEPERF_LICENSING_SERVERURL", license.url());
        // The capture archive on the S3 store the S3_DOWN fault stops, the production path (an
        // external endpoint with static keys), retrying soon enough for the checks' grace.
        env.put("WADDLEPERF_ARCHIVE_ENDPOINT", "http://127.0.0.1:" + s3Port);
        env.put("WADDLEPERF_ARCHIVE_ACCESSKEYID", S3_IDENTITY);
        env.put("WADDLEPERF_ARCHIVE_SECRETACCESSKEY", S3_CREDENTIAL);
        env.put("WADDLEPERF_ARCHIVE_BUCKET", BUCKET);
        env.put("WADDLEPERF_ARCHIVE_RETRYMINDELAY", "500ms");
        env.put("WADDLEPERF_ARCHIVE_RETRYMAXDELAY", "5s");
        replicas = new ApiReplicas(cluster, DATABASE, work, env);
        List<Replica> started = replicas.start(settings.replicas());
        proxy = RoundRobinProxy.start(
                TestNode.freeTcpPort(),
                started.stream().map(Replica::port).toList(),
                InetAddress.getByName(PROXY_SOURCE),
                Duration.ofMillis(500),
                (method, path, status, upstream) -> {});
        await().atMost(Duration.ofSeconds(30)).until(() -> started.stream().allMatch(r -> proxy.healthy(r.index())));
        int proxyPort = Integer.parseInt(proxy.url().substring(proxy.url().lastIndexOf(':') + 1));
        http = new HttpTestClient(proxyPort);

        JsonNode login = expect(
                        http.post(
                                "/api/v1/auth/login",
                                "{\"email\":\"" + ADMIN + "\",\"password\":\"" + password + "\"}"),
                        200)
                .json();
        bearer = "Bearer " + login.path("accessToken").asString();
        org = login.path("orgId").asString();

        webhookChannel = expect(
                        post(
                                "/notification-channels",
                                "{\"name\":\"chaos webhook\",\"type\":\"webhook\",\"severities\":[\"INFO\",\"WARNING\",\"CRITICAL\"],"
                                        + "\"url\":\"" + webhook.url("/hooks/chaos") + "\"}"),
                        201)
                .json()
                .path("id")
                .asString();
        emailChannel = expect(
                        post(
                                "/notification-channels",
                                "{\"name\":\"chaos mail\",\"type\":\"email\",\"severities\":[\"INFO\",\"WARNING\",\"CRITICAL\"],"
                                        + "\"recipients\":[\"oncall@example.test\"]}"),
                        201)
                .json()
                .path("id")
                .asString();
        // Tier 1 breaches only when a probe fails (no loopback connect takes 10 s); tier 2 always
        // (below 1 Tbit/s), so every tier-2 run escalates to tier 3.
        tier(1, 60, "{\"latencyMs\":10000}");
        tier(2, 120, "{\"throughputMbps\":1000000}");
        tier(3, 180, "{}");
        expect(
                post(
                        "/alert-rules",
                        "{\"name\":\"chaos: target down\",\"condition\":{\"type\":\"metric\","
                                + "\"metric\":\"tcp_connect.latency_ms\",\"comparison\":\">\",\"threshold\":10000},"
                                + "\"raise\":{\"breaches\":1,\"ofRounds\":1},\"clear\":{\"goodRounds\":1},"
                                + "\"severity\":\"critical\",\"channelIds\":[\"" + webhookChannel + "\",\""
                                + emailChannel + "\"]}"),
                201);
        expect(
                post(
                        "/alert-rules",
                        "{\"name\":\"chaos: web target down\",\"condition\":{\"type\":\"metric\","
                                + "\"metric\":\"http.http_total_ms\",\"comparison\":\">\",\"threshold\":10000},"
                                + "\"raise\":{\"breaches\":1,\"ofRounds\":1},\"clear\":{\"goodRounds\":1},"
                                + "\"severity\":\"critical\",\"channelIds\":[\"" + webhookChannel + "\",\""
                                + emailChannel + "\"]}"),
                201);

        for (int i = 0; i < settings.nodes(); i++) {
            String token = expect(post("/nodes/enrollment-tokens", "{}"), 201)
                    .json()
                    .path("token")
                    .asString();
            NodeProcess node = new NodeProcess("chaos-node-" + i, work.resolve("node-" + i), token);
            startNode(node, proxyPort);
            nodes.add(node);
        }
        // The node whose network the NETWORK_CUT fault cuts: in a namespace of its own, reaching the
        // proxy through a relay on the veth's root end. It is nobody's vantage (the monitors'
        // targets listen on loopback, which it cannot reach): what the fault tests is that its
        // heartbeats stop and come back, and that the rest runs on meanwhile.
        List<NodeProcess> loopbackNodes = List.copyOf(nodes);
        if (settings.faults().contains(Fault.NETWORK_CUT)) {
            netnsUnavailable = NetworkNamespace.unavailable();
            if (netnsUnavailable == null) {
                netns = NetworkNamespace.create();
                String token = expect(post("/nodes/enrollment-tokens", "{}"), 201)
                        .json()
                        .path("token")
                        .asString();
                NodeProcess node = new NodeProcess("chaos-netns-node", work.resolve("node-netns"), token);
                node.process = TestNode.start(
                        netns.prefix(),
                        netns.namespaceAddress(),
                        "http://" + netns.rootAddress() + ":" + netns.forward(proxyPort),
                        node.name,
                        token,
                        node.stateDir,
                        List.of());
                nodes.add(node);
            }
        }
        for (NodeProcess node : nodes) {
            node.id = await().atMost(Duration.ofMinutes(8))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> onlineNodeId(node.name), id -> id != null);
        }

        for (int i = 0; i < settings.monitors(); i++) {
            boolean flapping = i % 10 == 0;
            NodeProcess vantage = loopbackNodes.get(i % loopbackNodes.size());
            expect(
                    post(
                            "/monitors",
                            "{\"name\":\"chaos-" + i + "\",\"target\":\""
                                    // The flappers probe HTTP: a refused connect is a tcp_connect
                                    // result without a latency (no breach), a refused HTTP request
                                    // a failed probe (a breach).
                                    + (flapping
                                            ? "http://127.0.0.1:" + flapperPort + "/\",\"probes\":[\"http\"]"
                                            : "127.0.0.1:" + steadyPort + "\",\"probes\":[\"tcp_connect\"]")
                                    // Tier 2 and 3 measure against the vantage node's own echo and
                                    // iperf3 servers (the target's host is loopback), as EscalationIT.
                                    + ",\"udpEchoPort\":" + vantage.process.echoPort() + ",\"iperfPort\":"
                                    + vantage.process.iperfPort()
                                    + ",\"vantage\":[{\"nodeId\":\"" + vantage.id
                                    + "\"}],\"schedule\":{\"intervalSeconds\":" + settings.intervalSeconds() + "}"
                                    // A flapper escalates at most once per hold; the rest never breach.
                                    + (flapping
                                            ? ",\"escalation\":{\"tier2CooldownSeconds\":"
                                                    + settings.faultDuration().toSeconds()
                                                    + ",\"tier3CooldownSeconds\":"
                                                    + settings.faultDuration().toSeconds() + "}"
                                            : "")
                                    + "}"),
                    201);
        }
        // The flapping target: up and down every two intervals, so the flappers' alerts raise and
        // clear throughout.
        Thread flapper = Thread.ofVirtual().start(() -> {
            long period = settings.intervalSeconds() * 2000L;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
                flapperOpen.set(!flapperOpen.get());
            }
        });
        closeables.add(flapper::interrupt);
        // Slots count from here: every monitor exists and its anchor is before it.
        windowStart = Instant.now();
        System.out.printf(
                "[chaos] %d replicas, %d nodes, %d monitors every %d s; faults held %d s each; work dir %s%n",
                settings.replicas(),
                settings.nodes(),
                settings.monitors(),
                settings.intervalSeconds(),
                settings.faultDuration().toSeconds(),
                work);
        // One interval of undisturbed load first, so every monitor has had a round.
        hold(Duration.ofSeconds(settings.intervalSeconds()));
        Duration warm = awaitRecovered(Instant.now().minusSeconds(settings.intervalSeconds()));
        System.out.printf("[chaos] load running (healthy after %d s more)%n", warm.toSeconds());
    }

    /**
     * A loopback TCP target that accepts and closes connections while {@code open}; while not, it
     * refuses them (the listening socket is closed), as a stopped service would.
     */
    /**
     * A loopback HTTP target answering 200 while {@code open}; while not, it is stopped (connections
     * refused), as a web server that went down.
     */
    private int serveHttp(AtomicBoolean open) {
        int port = TestNode.freeTcpPort();
        AtomicReference<HttpServer> server = new AtomicReference<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (open.get() && server.get() == null) {
                        HttpServer started =
                                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
                        started.createContext("/", exchange -> {
                            exchange.getRequestBody().readAllBytes();
                            exchange.sendResponseHeaders(200, -1);
                            exchange.close();
                        });
                        started.start();
                        server.set(started);
                    } else if (!open.get() && server.get() != null) {
                        server.getAndSet(null).stop(0);
                    }
                    // Polling the flag, not waiting for a condition: the target follows it within 0.2 s.
                    Thread.sleep(200);
                } catch (IOException e) {
                    // the port is briefly busy after a stop; the next pass tries again
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        closeables.add(() -> {
            thread.interrupt();
            HttpServer last = server.getAndSet(null);
            if (last != null) {
                last.stop(0);
            }
        });
        return port;
    }

    private int listen(AtomicBoolean open) throws IOException {
        int port = TestNode.freeTcpPort();
        AtomicReference<ServerSocket> socket = new AtomicReference<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (open.get()) {
                        if (socket.get() == null) {
                            ServerSocket server = new ServerSocket();
                            server.setReuseAddress(true);
                            server.setSoTimeout(200);
                            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
                            socket.set(server);
                        }
                        try (Socket accepted = socket.get().accept()) {
                            accepted.getOutputStream().flush();
                        } catch (java.net.SocketTimeoutException again) {
                            // a chance to see a change of open
                        }
                    } else {
                        ServerSocket server = socket.getAndSet(null);
                        if (server != null) {
                            server.close();
                        }
                        Thread.sleep(200);
                    }
                } catch (IOException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        closeables.add(() -> {
            thread.interrupt();
            ServerSocket server = socket.get();
            if (server != null) {
                server.close();
            }
        });
        return port;
    }

    private S3Proxy startS3() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(
                        work.resolve("s3").toAbsolutePath().toString()))
                .endpoint(URI.create("http://127.0.0.1:" + s3Port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_IDENTITY, S3_CREDENTIAL)
                .build();
        proxy.start();
        return proxy;
    }

    private void startNode(NodeProcess node, int proxyPort) {
        node.process = TestNode.start(node.name, proxyPort, node.token, node.stateDir);
    }

    // --- faults ----------------------------------------------------------------------------------

    private void inject(Fault fault) throws Exception {
        System.out.printf(
                "[chaos] %s: %s for %d s%n",
                fault.label(), fault.description, settings.faultDuration().toSeconds());
        Instant began = Instant.now();
        String note = "";
        switch (fault) {
            case API_REPLICA_KILL -> {
                // The last replica: the first is the one that migrated, which changes nothing here.
                Replica victim = replicas.replica(settings.replicas() - 1);
                replicas.kill(victim);
                hold(settings.faultDuration());
                replicas.restart(victim);
                note = victim.name();
            }
            case GALERA_NODE_KILL -> {
                GaleraCluster.Node victim = cluster.node(2);
                cluster.kill(victim);
                hold(settings.faultDuration());
                Duration rejoined = cluster.restart(victim);
                note = victim + " rejoined in " + rejoined.toSeconds() + " s";
            }
            case NODE_KILL_MID_RUN -> {
                NodeProcess victim = nodes.getFirst();
                // Mid-run: when the node has accepted a probe that has not ended (or, if none comes
                // within two intervals, whenever that wait ends).
                boolean midRun = awaitQuietly(
                        Duration.ofSeconds(settings.intervalSeconds() * 2L), () -> openRunsOn(victim.id) > 0);
                victim.process.kill();
                hold(settings.faultDuration());
                int proxyPort =
                        Integer.parseInt(proxy.url().substring(proxy.url().lastIndexOf(':') + 1));
                startNode(victim, proxyPort);
                note = victim.name + (midRun ? " killed with a run open" : " killed (no run was open)");
            }
            case WEBHOOK_DOWN -> {
                webhook.answer(503);
                hold(settings.faultDuration());
                webhook.answer(200);
                note = webhook.refused() + " deliveries refused so far";
            }
            case LICENSE_DOWN -> {
                license.down();
                hold(settings.faultDuration());
                license.license("enterprise", FEATURES, 100_000);
                note = "";
            }
            case NETWORK_CUT -> {
                if (netns == null) {
                    note = "not run: " + netnsUnavailable;
                    break;
                }
                NodeProcess victim = nodes.getLast();
                netns.cut();
                // The API must see the heartbeats stop: the node goes offline within the hold.
                boolean offline = awaitQuietly(
                        settings.faultDuration().multipliedBy(3),
                        () -> number("SELECT COUNT(*) FROM nodes WHERE id = ? AND status <> 'ONLINE'", victim.id) > 0);
                Instant cut = began;
                Duration left = settings.faultDuration().minus(Duration.between(cut, Instant.now()));
                if (!left.isNegative()) {
                    hold(left);
                }
                netns.restore();
                note = victim.name + (offline ? " went offline" : " stayed ONLINE through the cut");
            }
            case S3_DOWN -> {
                s3.stop();
                hold(settings.faultDuration());
                s3 = startS3();
                note = "";
            }
        }
        Instant restored = Instant.now();
        Duration recovery = awaitRecovered(restored);
        Counts counts = check(false);
        Counts delta = minus(counts, previous);
        previous = counts;
        rows.add(new Row(
                fault.label(),
                Duration.between(began, restored),
                recovery,
                delta.lost(),
                delta.duplicated(),
                (note + (delta.nonZero().isEmpty() ? "" : "; " + delta.nonZero())).replaceFirst("^; ", "")));
        System.out.printf("[chaos] %s%n", rows.getLast());
    }

    /** Holds a fault (or the undisturbed load) for the given time: a duration, not a wait for a condition. */
    private static void hold(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }

    private static boolean awaitQuietly(Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * Waits until the system works again after {@code restored}, and answers how long that took:
     * every API replica passes the proxy's health check, every node has sent a heartbeat since and
     * is online, a monitor's tier-1 run created since has succeeded with its result stored, and no
     * notification enqueued before it is still waiting to be delivered.
     */
    private Duration awaitRecovered(Instant restored) {
        long start = System.nanoTime();
        LocalDateTime since = LocalDateTime.ofInstant(restored, ZoneOffset.UTC);
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> replicas.replicas().stream().allMatch(r -> proxy.healthy(r.index()))
                        && number(
                                        "SELECT COUNT(*) FROM nodes WHERE org_id = ? AND status = 'ONLINE' AND last_heartbeat_at > ?",
                                        org,
                                        since)
                                >= nodes.size()
                        && number(
                                        "SELECT COUNT(*) FROM runs p JOIN runs c ON c.parent_run_id = p.id"
                                                + " JOIN results s ON s.run_id = c.id WHERE p.org_id = ?"
                                                + " AND p.monitor_id IS NOT NULL AND p.tier = 1"
                                                + " AND c.status = 'SUCCEEDED' AND p.created_at > ?",
                                        org,
                                        since)
                                > 0
                        && number(
                                        "SELECT COUNT(*) FROM notification_outbox WHERE state = 'pending' AND enqueued_at < ?",
                                        since)
                                == 0);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    // --- checks ----------------------------------------------------------------------------------

    /**
     * What was lost or duplicated over the whole run so far, each counter by name. Everything that
     * was due more than {@link Settings#grace} ago counts; at the end ({@code last}), the
     * notifications are all due.
     */
    Counts check(boolean last) throws SQLException {
        Map<String, Long> c = new LinkedHashMap<>();
        long grace = settings.grace().toSeconds();
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        LocalDateTime due = now.minusSeconds(grace);
        // Runs: every run reached a final state within its deadline plus the grace.
        c.put(
                "lostRunsNotFinal",
                number(
                        "SELECT COUNT(*) FROM runs WHERE org_id = ? AND status NOT IN " + TERMINAL
                                + " AND deadline_at < ?",
                        org,
                        due));
        // Results: a probe run that succeeded has its result, once (the unique key says at most once;
        // counted anyway, as the check should not trust what it checks).
        c.put(
                "lostResults",
                number(
                        "SELECT COUNT(*) FROM runs r WHERE r.org_id = ? AND r.probe_type IS NOT NULL AND r.status = 'SUCCEEDED'"
                                + " AND NOT EXISTS (SELECT 1 FROM results s WHERE s.run_id = r.id)",
                        org));
        c.put("dupResults", number("SELECT COUNT(*) - COUNT(DISTINCT run_id) FROM results WHERE org_id = ?", org));
        // Monitor slots: every slot due in [window start, now - interval - grace) has exactly one
        // round, on the slot grid (anchor + k x interval), none closer than the interval.
        long intervalUs = settings.intervalSeconds() * 1_000_000L;
        LocalDateTime t0 = LocalDateTime.ofInstant(windowStart, ZoneOffset.UTC);
        // Until the window is older than a slot plus the grace, no slot is due yet: without the
        // floor, the first check of the short run (a 12 s fault) had t1 before t0, "expected" went
        // negative and 20 monitors counted a doubled slot that the next check no longer found.
        LocalDateTime t1 = max(t0, due.minusSeconds(settings.intervalSeconds()));
        String within = "mr.due_at >= ? AND mr.due_at < ?";
        long[] slots = numbers(
                "SELECT COALESCE(SUM(GREATEST(e.expected - e.actual, 0)), 0), COALESCE(SUM(GREATEST(e.actual - e.expected, 0)), 0)"
                        + " FROM (SELECT m.id,"
                        + " FLOOR((TIMESTAMPDIFF(MICROSECOND, m.anchor_at, ?) - 1) / " + intervalUs + ")"
                        + " - FLOOR((TIMESTAMPDIFF(MICROSECOND, m.anchor_at, ?) - 1) / " + intervalUs + ") AS expected,"
                        + " (SELECT COUNT(*) FROM monitor_rounds mr WHERE mr.monitor_id = m.id AND " + within
                        + ") AS actual"
                        + " FROM monitors m WHERE m.org_id = ?) e",
                t1,
                t0,
                t0,
                t1,
                org);
        c.put("lostSlots", slots[0]);
        c.put("dupSlots", slots[1]);
        long[] grid = numbers(
                "SELECT COALESCE(SUM(gap < " + intervalUs + "), 0), COALESCE(SUM(off_grid), 0) FROM (SELECT"
                        + " TIMESTAMPDIFF(MICROSECOND, LAG(mr.due_at) OVER (PARTITION BY mr.monitor_id ORDER BY mr.due_at),"
                        + " mr.due_at) AS gap, MOD(TIMESTAMPDIFF(MICROSECOND, m.anchor_at, mr.due_at), " + intervalUs
                        + ") <> 0 AS off_grid FROM monitor_rounds mr JOIN monitors m ON m.id = mr.monitor_id"
                        + " WHERE m.org_id = ? AND " + within + ") g",
                org,
                t0,
                t1);
        c.put("dupSlotsCloserThanInterval", grid[0]);
        c.put("dupSlotsOffGrid", grid[1]);
        // A round whose probes went nowhere (its vantage node was down) is a slot run, but says so.
        c.put(
                "roundsWithoutNode",
                number(
                        "SELECT COUNT(*) FROM monitor_rounds mr WHERE mr.org_id = ? AND mr.node_count = 0 AND "
                                + within,
                        org,
                        t0,
                        t1));
        // Alerts: every transition was turned into notifications (no notice left behind), every
        // alert raised outside a maintenance window was announced on both channels (alone or in
        // its storm group), and no (channel, alert or group, kind) was announced twice.
        LocalDateTime announced = due;
        c.put(
                "lostAlertNotices",
                number("SELECT COUNT(*) FROM alert_notices WHERE org_id = ? AND created_at < ?", org, announced));
        c.put(
                "lostAlertAnnouncements",
                number(
                        "SELECT COUNT(*) FROM alerts a CROSS JOIN (SELECT ? AS id UNION ALL SELECT ?) ch"
                                + " WHERE a.org_id = ? AND NOT a.suppressed AND a.raised_at < ? AND NOT EXISTS"
                                + " (SELECT 1 FROM notification_outbox o WHERE o.channel_id = ch.id"
                                + " AND o.subject = COALESCE(a.group_id, a.id) AND o.kind IN ('RAISED','GROUP_RAISED'))",
                        webhookChannel,
                        emailChannel,
                        org,
                        announced));
        // A storm group is announced by its first GROUP_RAISED and then one "N more alerts raised
        // in the ongoing storm" per later batch (docs/alerts.md), so several GROUP_RAISED rows per
        // (channel, group) are by design; what must hold is that their "Alerts" counts add up to the
        // group's alerts exactly: fewer (for alerts raised before the due time) is lost, more is
        // an alert announced twice. Every other kind is once per (channel, subject).
        c.put(
                "dupAnnouncements",
                number(
                        "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM notification_outbox"
                                + " WHERE org_id = ? AND subject IS NOT NULL AND kind <> 'GROUP_RAISED'"
                                + " GROUP BY channel_id, subject, kind) g",
                        org));
        long[] group = groupAnnouncements(announced);
        c.put("lostGroupAnnouncements", group[0]);
        c.put("dupGroupAnnouncements", group[1]);
        // Deliveries: nothing left undelivered past the grace, nothing given up.
        c.put(
                "lostUndelivered",
                number(
                        "SELECT COUNT(*) FROM notification_outbox WHERE org_id = ? AND (state = 'given_up'"
                                + " OR (state <> 'delivered' AND enqueued_at < ?))",
                        org,
                        announced));
        // Webhooks, after de-duplication by webhook-id: every row the outbox marked delivered
        // arrived, and nothing arrived that the outbox does not have.
        Set<String> webhookIds = new HashSet<>();
        webhook.received("/hooks/chaos").forEach(r -> webhookIds.add(r.header("webhook-id")));
        Set<String> webhookRows = ids(
                "SELECT notification_id FROM notification_outbox WHERE channel_id = ? AND state = 'delivered'",
                webhookChannel);
        Set<String> allWebhookRows =
                ids("SELECT notification_id FROM notification_outbox WHERE channel_id = ?", webhookChannel);
        c.put(
                "lostWebhooks",
                webhookRows.stream().filter(id -> !webhookIds.contains(id)).count());
        c.put(
                "dupWebhooks",
                webhookIds.stream().filter(id -> !allWebhookRows.contains(id)).count());
        c.put("webhookRetriesDeduplicated", webhook.received("/hooks/chaos").size() - (long) webhookIds.size());
        // E-mails, after de-duplication by Message-ID, likewise.
        Set<String> mailIds = new HashSet<>();
        long mails = 0;
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                String id = message.getMessageID();
                mails++;
                if (id != null) {
                    mailIds.add(id.replaceAll("^<|@waddleperf>$", ""));
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        Set<String> mailRows = ids(
                "SELECT notification_id FROM notification_outbox WHERE channel_id = ? AND state = 'delivered'",
                emailChannel);
        Set<String> allMailRows =
                ids("SELECT notification_id FROM notification_outbox WHERE channel_id = ?", emailChannel);
        c.put(
                "lostEmails",
                mailRows.stream().filter(id -> !mailIds.contains(id)).count());
        c.put(
                "dupEmails",
                mailIds.stream().filter(id -> !allMailRows.contains(id)).count());
        c.put("emailResendsDeduplicated", mails - mailIds.size());
        // Artefacts: every stored result has its archived samples (a row, written with the run's
        // end), every row is in S3 past the grace, and S3 holds exactly the stored rows' objects
        // (one file per key in S3Proxy's filesystem store: a second upload of one artefact under
        // another key would show as an object without a row).
        c.put(
                "lostArtefactRows",
                number(
                        "SELECT COUNT(*) FROM results r WHERE r.org_id = ? AND r.finished_at < ? AND NOT EXISTS"
                                + " (SELECT 1 FROM archive_artefacts a WHERE a.run_id = r.run_id)",
                        org,
                        due));
        c.put(
                "lostArtefactsNotStored",
                number(
                        "SELECT COUNT(*) FROM archive_artefacts WHERE org_id = ? AND state <> 'stored' AND created_at < ?",
                        org,
                        due));
        if (c.get("lostArtefactsNotStored") > 0) {
            // Which spool (replica) they wait in, how often they were tried, when next, and why:
            // a backlog draining, a spool no uploader serves, or a store that refuses them.
            System.out.printf(
                    "[chaos] artefacts not stored in time, by spool and state: %s%n",
                    rows(
                            "SELECT spool_id, state, COUNT(*), MIN(attempts), MAX(attempts), MIN(created_at),"
                                    + " MAX(next_attempt_at), MAX(last_error) FROM archive_artefacts"
                                    + " WHERE org_id = ? AND state <> 'stored' AND created_at < ?"
                                    + " GROUP BY spool_id, state",
                            org,
                            due));
        }
        Set<String> keys = ids("SELECT object_key FROM archive_artefacts WHERE org_id = ? AND state = 'stored'", org);
        Set<String> objects = s3Objects();
        // An object whose row is not marked stored yet is an upload in flight, not a second copy.
        Set<String> named = ids("SELECT object_key FROM archive_artefacts WHERE org_id = ?", org);
        c.put(
                "lostArtefactObjects",
                keys.stream().filter(k -> !objects.contains(k)).count());
        c.put(
                "dupArtefactObjects",
                objects.stream().filter(k -> !named.contains(k)).count());
        c.put(
                "dupArtefactRows",
                number("SELECT COUNT(*) - COUNT(DISTINCT run_id, name) FROM archive_artefacts WHERE org_id = ?", org));
        c.put("artefactsStored", (long) keys.size());
        // Figures for the report (neither lost nor duplicated).
        c.put("runs", number("SELECT COUNT(*) FROM runs WHERE org_id = ?", org));
        c.put(
                "tier3Runs",
                number("SELECT COUNT(*) FROM runs WHERE org_id = ? AND tier = 3 AND parent_run_id IS NULL", org));
        c.put("alerts", number("SELECT COUNT(*) FROM alerts WHERE org_id = ?", org));
        c.put("webhooksDelivered", (long) webhookRows.size());
        c.put("emailsDelivered", (long) mailRows.size());
        System.out.printf("[chaos] check%s: %s%n", last ? " (end)" : "", c);
        return new Counts(c);
    }

    /** The object keys in the S3 store: its filesystem store keeps one file per key. */
    private Set<String> s3Objects() {
        Path bucket = work.resolve("s3").resolve(BUCKET);
        Set<String> out = new HashSet<>();
        try (Stream<Path> files = Files.walk(bucket)) {
            files.filter(Files::isRegularFile)
                    .map(f -> bucket.relativize(f).toString())
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Counts minus(Counts now, Counts before) {
        Map<String, Long> delta = new LinkedHashMap<>();
        // Losses can be made good later (a slot claimed late, a delivery retried), so a row shows
        // how the totals changed; the end row shows the totals.
        now.values().forEach((k, v) -> delta.put(k, v - before.values().getOrDefault(k, 0L)));
        return new Counts(delta);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /**
     * A causal read ({@code wsrep_sync_wait=1}): the node first applies every write set the cluster
     * committed. The replicas write through other nodes; without it the check once found an object
     * in S3 whose row its node had not applied yet, a copy that the next check no longer saw.
     */
    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(cluster.failoverUrl(DATABASE), "root", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION wsrep_sync_wait = 1");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * Per (channel, storm group): the alerts its GROUP_RAISED notifications announced (the sum of
     * their "Alerts" fields) against the group's alerts. Answers {lost, duplicated}: alerts raised
     * before {@code due} that no notification of the group announced, and alerts announced beyond
     * the group's count.
     */
    private long[] groupAnnouncements(LocalDateTime due) throws SQLException {
        Map<String, Long> announcedPerGroup = new HashMap<>();
        Set<String> channels = new HashSet<>();
        try (Connection connection = connect();
                PreparedStatement statement = prepare(
                        connection,
                        "SELECT channel_id, subject, payload FROM notification_outbox"
                                + " WHERE org_id = ? AND kind = 'GROUP_RAISED'",
                        org);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String channel = rs.getString(1);
                channels.add(channel);
                long count = 0;
                for (JsonNode field : JSON.readTree(rs.getString(3)).path("fields")) {
                    if ("Alerts".equals(field.path("name").asString())) {
                        count = Long.parseLong(field.path("value").asString());
                    }
                }
                announcedPerGroup.merge(channel + "/" + rs.getString(2), count, Long::sum);
            }
        }
        long lost = 0;
        long duplicated = 0;
        try (Connection connection = connect();
                PreparedStatement statement = prepare(
                        connection,
                        "SELECT group_id, COUNT(*), SUM(raised_at < ?) FROM alerts"
                                + " WHERE org_id = ? AND group_id IS NOT NULL AND NOT suppressed GROUP BY group_id",
                        due,
                        org);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                for (String channel : channels) {
                    long announced = announcedPerGroup.getOrDefault(channel + "/" + rs.getString(1), 0L);
                    lost += Math.max(0, rs.getLong(3) - announced);
                    duplicated += Math.max(0, announced - rs.getLong(2));
                }
            }
        }
        return new long[] {lost, duplicated};
    }

    private long number(String sql, Object... args) throws SQLException {
        return numbers(sql, args)[0];
    }

    private long[] numbers(String sql, Object... args) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, args);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getLong(i + 1);
            }
            return out;
        }
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    /** Every row of a query, its columns joined by " | ", for a report line. */
    private List<String> rows(String sql, Object... args) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, args);
                ResultSet rs = statement.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getString(i)));
                }
                out.add(String.join(" | ", values));
            }
        }
        return out;
    }

    private Set<String> ids(String sql, Object... args) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, args);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof LocalDateTime time) {
                statement.setTimestamp(i + 1, Timestamp.valueOf(time));
            } else {
                statement.setObject(i + 1, arg);
            }
        }
        return statement;
    }

    private long openRunsOn(String nodeId) throws SQLException {
        return number(
                "SELECT COUNT(*) FROM runs WHERE node_id = ? AND probe_type IS NOT NULL AND status NOT IN " + TERMINAL
                        + " AND dispatched_at IS NOT NULL",
                nodeId);
    }

    private String onlineNodeId(String name) {
        for (JsonNode node : http.get("/api/v1/orgs/" + org + "/nodes", "Authorization", bearer)
                .json()) {
            if (node.path("name").asString().equals(name)
                    && "ONLINE".equals(node.path("status").asString())) {
                return node.path("id").asString();
            }
        }
        return null;
    }

    private Response post(String path, String body) {
        return http.post("/api/v1/orgs/" + org + path, body, "Authorization", bearer);
    }

    private void tier(int tier, int timeoutSeconds, String thresholds) {
        expect(
                http.send(http.request("/api/v1/orgs/" + org + "/tiers/" + tier, "Authorization", bearer)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"timeoutSeconds\":" + timeoutSeconds
                                + ",\"retentionDays\":7,\"thresholds\":" + thresholds + "}"))
                        .build()),
                200);
    }

    private static Response expect(Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException(
                    "expected " + status + ", got " + response.status() + ": " + response.body());
        }
        return response;
    }

    /** The table, in Markdown, as docs/reliability.md keeps it. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(
                "| fault | held | recovery | lost | duplicated | notes |\n|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append(String.format(
                    "| %s | %s | %s | %d | %d | %s |%n",
                    row.fault(),
                    row.held().isZero() ? "-" : row.held().toSeconds() + " s",
                    row.recovery().toMillis() / 100 / 10.0 + " s",
                    row.lost(),
                    row.duplicated(),
                    row.detail()));
        }
        return out.toString();
    }

    /** Prints the last lines of the replicas' logs (for a failed run). */
    public void printLogTails() {
        if (replicas != null) {
            replicas.printLogTails();
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        for (NodeProcess node : nodes) {
            if (node.process != null) {
                node.process.kill();
            }
        }
        if (proxy != null) {
            proxy.close();
        }
        if (replicas != null) {
            replicas.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (license != null) {
            license.close();
        }
        if (s3 != null) {
            s3.stop();
        }
        if (netns != null) {
            netns.close();
        }
        // A Galera node the suite killed is started again, so the cluster is whole for what follows.
        for (GaleraCluster.Node node : cluster.nodes()) {
            if (!node.isRunning()) {
                cluster.restart(node);
            }
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
