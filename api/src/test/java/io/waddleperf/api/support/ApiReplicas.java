package io.waddleperf.api.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * API replicas as separate processes (the packaged jar, {@code api/target/waddleperf-api.jar}) on
 * the 3-node Galera cluster, as ThreeReplicasGaleraIT and the chaos suite run them. Replica i's
 * JDBC URL is the sequential list starting at Galera node i+1 (replica 1 writes through node 1,
 * replica 2 through node 2, ...): the harder case for the application than the documented one
 * (every replica on the same first node), so passing it covers the easier one. A replica keeps its
 * port, so one killed and started again is behind the same proxy upstream.
 */
public final class ApiReplicas implements AutoCloseable {

    public static final Path JAR = Path.of("target", "waddleperf-api.jar");

    private final GaleraCluster cluster;
    private final String database;
    private final Path data;
    private final Map<String, String> settings;
    private final List<Replica> replicas = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One API process; {@code process} is the latest one started on {@code port}. */
    public static final class Replica {
        private final int index;
        private final int port;
        private final Path log;
        private volatile Process process;

        Replica(int index, int port, Path log) {
            this.index = index;
            this.port = port;
            this.log = log;
        }

        public int index() {
            return index;
        }

        public int port() {
            return port;
        }

        public Process process() {
            return process;
        }

        public Path log() {
            return log;
        }

        public String name() {
            return "replica-" + (index + 1);
        }

        public String base() {
            return "http://127.0.0.1:" + port;
        }
    }

    /**
     * @param data one directory for all (the archive's spool and embedded store, shared as the
     *     replicas share one volume in Compose and Kubernetes); logs go there too
     * @param settings environment variables every replica gets besides the database's, the port's
     *     and the data directory's
     */
    public ApiReplicas(GaleraCluster cluster, String database, Path data, Map<String, String> settings) {
        this.cluster = cluster;
        this.database = database;
        this.data = data;
        this.settings = Map.copyOf(settings);
    }

    /**
     * Starts {@code count} replicas on ports picked free here: the first alone (it migrates, and
     * creates the signing key and the bootstrap administrator, which replicas starting together
     * on an empty database would race for; docs/operations/upgrade.md), then the others together.
     */
    public List<Replica> start(int count) {
        List<Integer> ports = freePorts(count);
        for (int i = 0; i < count; i++) {
            replicas.add(new Replica(i, ports.get(i), data.resolve("replica-" + (i + 1) + ".log")));
        }
        launch(replicas.getFirst(), true);
        awaitReady(replicas.getFirst());
        for (Replica replica : replicas.subList(1, count)) {
            launch(replica, false);
        }
        for (Replica replica : replicas.subList(1, count)) {
            awaitReady(replica);
        }
        return List.copyOf(replicas);
    }

    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    public Replica replica(int index) {
        return replicas.get(index);
    }

    /** Kills the replica's process with SIGKILL (no graceful shutdown) and waits until it is gone. */
    public void kill(Replica replica) {
        replica.process.destroyForcibly();
        try {
            replica.process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a stopped replica again on its port (no migrations) and waits until it is ready. */
    public void restart(Replica replica) {
        if (replica.process.isAlive()) {
            throw new IllegalStateException(replica.name() + " is still running");
        }
        launch(replica, false);
        awaitReady(replica);
    }

    private void launch(Replica replica, boolean migrate) {
        // Replica i connects to node i first, then the others in turn (see the class comment).
        StringBuilder hosts = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            hosts.append(k == 0 ? "" : ",")
                    .append("127.0.0.1:")
                    .append(cluster.node((replica.index + k) % 3 + 1).port());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        // Modest, so three fit beside the build on a 2-core machine: a small heap,
                        // the serial collector, and C1 only (quicker to start, enough for a test).
                        "-Xmx384m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        JAR.toString())
                .redirectErrorStream(true)
                // Appended: a restarted replica's log follows the killed one's.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(replica.log.toFile()));
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(replica.port));
        env.put("SPRING_DATASOURCE_URL", "jdbc:mariadb:sequential://" + hosts + "/" + database);
        env.put("SPRING_DATASOURCE_USERNAME", "root");
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "5");
        env.put("SPRING_FLYWAY_ENABLED", Boolean.toString(migrate));
        env.put("WADDLEPERF_DATA_DIR", data.resolve("data").toString());
        env.put("WADDLEPERF_MONITORS_REPLICANAME", replica.name());
        env.put("WADDLEPERF_LOG_FORMAT", "");
        String geo = System.getProperty("waddleperf.geo.dbip-directory");
        if (geo != null) {
            env.put("WADDLEPERF_GEO_DBIPDIRECTORY", geo);
        }
        env.putAll(settings);
        builder.environment().putAll(env);
        try {
            replica.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the replica answers its readiness probe. */
    public void awaitReady(Replica replica) {
        // Alone, a replica is ready in well under a minute here; the margin covers a machine
        // that other builds keep busy (two replicas starting together took 3 minutes at a load
        // average of 25 on 2 cores).
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .failFast(
                        replica.name() + " exited during start-up; see " + replica.log,
                        () -> !replica.process.isAlive())
                .until(() -> ready(replica));
    }

    public boolean ready(Replica replica) {
        return ready(http, replica.base());
    }

    /** Whether the API at {@code base} answers its readiness probe with 200 (also WebUiE2eIT's wait). */
    public static boolean ready(HttpClient http, String base) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Prints the last lines of every replica's log (for a failed test). */
    public void printLogTails() {
        for (Replica replica : replicas) {
            try {
                List<String> lines = Files.readAllLines(replica.log);
                System.out.println("--- last lines of " + replica.name() + "'s log ---");
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("(no log of " + replica.name() + ": " + e + ")");
            }
        }
    }

    /** Stops every replica (SIGTERM, SIGKILL after a minute). */
    @Override
    public void close() {
        for (Replica replica : replicas) {
            if (replica.process != null) {
                replica.process.destroy();
            }
        }
        for (Replica replica : replicas) {
            if (replica.process == null) {
                continue;
            }
            try {
                if (!replica.process.waitFor(60, TimeUnit.SECONDS)) {
                    replica.process.destroyForcibly();
                    replica.process.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Loopback ports nothing listens on, distinct (the sockets are held open together). */
    public static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket we opened; nothing to do
                }
            }
        }
    }
}
