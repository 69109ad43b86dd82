package io.waddleperf.api.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB Galera cluster of local {@code mariadbd} processes on 127.0.0.1, configured as SPEC
 * section 10 demands of production ({@code wsrep_mode=REQUIRED_PRIMARY_KEY,STRICT_REPLICATION},
 * row-based replication, interleaved auto-increment locks, rsync state transfer).
 *
 * <p>Needs the machine's MariaDB 10.6+ and Galera 4 ({@code apt-get install mariadb-server galera-4
 * rsync}); Testcontainers cannot run here, and a cluster must be able to lose a node, which is
 * easier with processes this class owns. Node 1 bootstraps the cluster; the others join it one at
 * a time and receive a full state transfer (SST), as a new node does in production; a killed node
 * restarts as after a crash and catches up. Every wait polls the servers' status with a deadline. {@link #close()} (also run by a shutdown
 * hook) stops every process it started, with their children, and checks that none is left.
 */
public final class GaleraCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GaleraCluster.class);

    private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    // Debian and Ubuntu, then RPM-based distributions.
    private static final List<Path> PROVIDERS =
            List.of(Path.of("/usr/lib/galera/libgalera_smm.so"), Path.of("/usr/lib64/galera-4/libgalera_smm.so"));
    private static final List<Path> SEARCH_PATH =
            List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"));
    // mariadbd refuses to run as root; the Debian package creates this account for it.
    private static final String SERVER_ACCOUNT = "mysql";

    private final Binaries binaries;
    private final List<Node> nodes;
    private final Duration startedIn;

    private GaleraCluster(Path home, Binaries binaries, int size) {
        this.binaries = binaries;
        List<Integer> ports = freePorts(4 * size);
        List<Node> created = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            created.add(new Node(
                    i + 1,
                    home.resolve("node" + (i + 1)),
                    ports.get(4 * i),
                    ports.get(4 * i + 1),
                    ports.get(4 * i + 2),
                    ports.get(4 * i + 3)));
        }
        this.nodes = List.copyOf(created);
        long started = System.nanoTime();
        try {
            bootstrap();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        this.startedIn = Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Starts a cluster of {@code size} nodes with their files in {@code home} (emptied first) and
     * returns when every node reports {@code wsrep_ready=ON}, {@code Synced} and the full cluster
     * size.
     */
    public static GaleraCluster start(Path home, int size) {
        Binaries binaries = Binaries.find();
        Path absolute = home.toAbsolutePath();
        stopLeftovers(absolute);
        deleteRecursively(absolute);
        GaleraCluster cluster = new GaleraCluster(absolute, binaries, size);
        log.info(
                "Galera cluster of {} nodes ready in {} ms: {}",
                size,
                cluster.startedIn.toMillis(),
                cluster.failoverUrl("<db>"));
        return cluster;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** 1-based, as the nodes are named. */
    public Node node(int number) {
        return nodes.get(number - 1);
    }

    /**
     * Connector/J's failover URL: every connection goes to the first node that answers, in this
     * order, so all writes land on one node while it lives (no certification conflicts between
     * the application's own connections).
     */
    public String failoverUrl(String database) {
        return nodes.stream()
                .map(n -> "127.0.0.1:" + n.port)
                .collect(Collectors.joining(",", "jdbc:mariadb:sequential://", "/" + database));
    }

    /**
     * Connector/J's load-balancing URL: each connection goes to a node picked at random, as behind
     * a round-robin proxy or Service, so one replica's pool spans the whole cluster.
     */
    public String loadBalancedUrl(String database) {
        return nodes.stream()
                .map(n -> "127.0.0.1:" + n.port)
                .collect(Collectors.joining(",", "jdbc:mariadb:loadbalance://", "/" + database));
    }

    public void createDatabase(String database) {
        String sql = "CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4";
        try {
            node(1).execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /** Kills the node's server by PID with SIGKILL, as a crash or an OOM kill would. */
    public void kill(Node node) {
        Process process = node.running();
        List<ProcessHandle> children = process.descendants().toList();
        log.info("Killing {} (pid {}) with SIGKILL", node, process.pid());
        // On Unix, destroyForcibly sends SIGKILL: no shutdown, no goodbye to the cluster.
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process, Duration.ofSeconds(30));
        node.process = null;
    }

    /**
     * Starts a stopped node again, as the Debian service does after a crash: first {@code
     * --wsrep-recover} reads the last committed position from InnoDB (a killed node's {@code
     * grastate.dat} says -1), then the server starts from there and asks the cluster for just the
     * write sets it missed (IST) if a donor still has them in its gcache, or a full copy (SST).
     */
    public Duration restart(Node node) {
        if (node.isRunning()) {
            throw new IllegalStateException(node + " is still running");
        }
        long started = System.nanoTime();
        Path recoveryLog = node.dir.resolve("wsrep-recover.log");
        run(
                List.of(
                        binaries.mariadbd.toString(),
                        "--defaults-file=" + node.config,
                        "--wsrep-recover",
                        "--log-error=" + recoveryLog),
                node.dir.resolve("wsrep-recover.out"));
        String position = recoveredPosition(recoveryLog);
        launch(node, "--wsrep-start-position=" + position);
        awaitSynced();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String recoveredPosition(Path recoveryLog) {
        String marker = "WSREP: Recovered position: ";
        try (Stream<String> lines = Files.lines(recoveryLog)) {
            return lines.filter(l -> l.contains(marker))
                    .map(l -> l.substring(l.indexOf(marker) + marker.length()).strip())
                    .reduce((first, last) -> last)
                    .orElseThrow(() -> new IllegalStateException("no recovered position in " + recoveryLog));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until every running node is synced and sees all running nodes as members. */
    public void awaitSynced() {
        List<Node> running = nodes.stream().filter(Node::isRunning).toList();
        running.forEach(n -> awaitNode(n, running.size()));
    }

    /**
     * Stops every node with SIGTERM (SIGKILL after a minute), children included, and fails if any
     * process is left.
     */
    @Override
    public synchronized void close() {
        List<Process> servers =
                nodes.stream().map(node -> node.process).filter(p -> p != null).toList();
        List<ProcessHandle> all = new ArrayList<>();
        for (Process server : servers) {
            // Collected first: once a server is gone, its state transfer helpers are orphans.
            all.addAll(server.descendants().toList());
            all.add(server.toHandle());
            server.destroy();
        }
        for (Process server : servers) {
            try {
                server.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                log.warn("mariadbd pid {} did not stop within {}; killing it", server.pid(), STOP_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                log.warn("pid {} survived SIGKILL for 10 s", handle.pid());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Long> left = all.stream()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .toList();
        nodes.forEach(node -> node.process = null);
        if (!left.isEmpty()) {
            throw new IllegalStateException("Galera test processes still running: " + left);
        }
        if (!all.isEmpty()) {
            log.info("Galera cluster stopped; none of its {} processes is left", all.size());
        }
    }

    private void bootstrap() {
        for (Node node : nodes) {
            createDirectories(node);
        }
        Node first = nodes.getFirst();
        run(
                List.of(
                        binaries.installDb.toString(),
                        "--defaults-file=" + first.config,
                        "--auth-root-authentication-method=normal",
                        "--skip-test-db"),
                first.dir.resolve("install-db.log"));
        launch(first, "--wsrep-new-cluster");
        awaitNode(first, 1);
        // One joiner at a time: joining together, they first form a non-primary component and
        // take longer in all.
        for (Node joiner : nodes.subList(1, nodes.size())) {
            launch(joiner);
            awaitNode(joiner, joiner.number);
        }
        for (Node node : nodes) {
            awaitNode(node, nodes.size());
        }
    }

    private void createDirectories(Node node) {
        try {
            Files.createDirectories(node.dir.resolve("data"));
            Files.createDirectories(node.dir.resolve("tmp"));
            Files.writeString(node.config, config(node), StandardCharsets.UTF_8);
            if (runningAsRoot()) {
                handOver(node.dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + node.dir, e);
        }
    }

    private String config(Node node) {
        String peers = nodes.stream().map(n -> "127.0.0.1:" + n.gmcastPort).collect(Collectors.joining(","));
        String dir = node.dir.toString();
        return String.join(
                "\n",
                "[mariadbd]",
                "datadir=" + dir + "/data",
                "tmpdir=" + dir + "/tmp",
                "socket=" + dir + "/sock",
                "pid-file=" + dir + "/mariadbd.pid",
                "log-error=" + dir + "/error.log",
                "port=" + node.port,
                "bind-address=127.0.0.1",
                runningAsRoot() ? "user=" + SERVER_ACCOUNT : "",
                "skip-name-resolve",
                "character-set-server=utf8mb4",
                "collation-server=utf8mb4_unicode_ci",
                "performance_schema=OFF",
                "innodb_buffer_pool_size=32M",
                "innodb_log_file_size=16M",
                // Galera makes a commit durable on the other nodes; no fsync per commit in tests.
                "innodb_flush_log_at_trx_commit=2",
                "default_storage_engine=InnoDB",
                "binlog_format=ROW",
                "innodb_autoinc_lock_mode=2",
                "wsrep_on=ON",
                "wsrep_provider=" + binaries.provider,
                "wsrep_cluster_name=waddleperf-test",
                "wsrep_cluster_address=gcomm://" + peers,
                "wsrep_node_name=node" + node.number,
                "wsrep_node_address=127.0.0.1",
                "wsrep_node_incoming_address=127.0.0.1:" + node.port,
                "wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:" + node.gmcastPort
                        + ";ist.recv_addr=127.0.0.1:" + node.istPort + ";gcache.size=64M\"",
                "wsrep_sst_receive_address=127.0.0.1:" + node.sstPort,
                "wsrep_sst_method=rsync",
                "wsrep_mode=REQUIRED_PRIMARY_KEY,STRICT_REPLICATION",
                "");
    }

    private void launch(Node node, String... options) {
        List<String> command = new ArrayList<>(List.of(binaries.mariadbd.toString(), "--defaults-file=" + node.config));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        node.dir.resolve("mariadbd.out").toFile()));
        // The state transfer scripts (wsrep_sst_rsync) are found on PATH.
        builder.environment().merge("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", (a, b) -> a + ":" + b);
        try {
            Process process = builder.start();
            node.process = process;
            log.info("Started {} (pid {}) on 127.0.0.1:{}", node, process.pid(), node.port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binaries.mariadbd, e);
        }
    }

    private void awaitNode(Node node, int clusterSize) {
        await("%s synced in a cluster of %d".formatted(node, clusterSize))
                .atMost(JOIN_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(SQLException.class)
                .until(() -> {
                    node.requireRunning();
                    Map<String, String> status = node.status();
                    return "ON".equals(status.get("wsrep_ready"))
                            && "Synced".equals(status.get("wsrep_local_state_comment"))
                            && "Primary".equals(status.get("wsrep_cluster_status"))
                            && Integer.parseInt(status.getOrDefault("wsrep_cluster_size", "0")) == clusterSize;
                });
    }

    private static void awaitExit(Process process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("process " + process.pid() + " did not exit within " + timeout, e);
        }
    }

    private static void run(List<String> command, Path output) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " did not finish within 60 s; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.getFirst() + " failed with exit code " + process.exitValue()
                        + ":\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }

    /**
     * A previous test JVM that died without its shutdown hook (killed by a timeout, say) leaves
     * its servers running on their data directories; they are ours to stop, identified by the pid
     * files in {@code home}.
     */
    private static void stopLeftovers(Path home) {
        if (!Files.isDirectory(home)) {
            return;
        }
        try (Stream<Path> pidFiles = Files.find(home, 2, (p, a) -> p.endsWith("mariadbd.pid"))) {
            for (Path pidFile : pidFiles.toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid)
                        .filter(h -> h.info().command().orElse("").endsWith("mariadbd"))
                        .ifPresent(h -> {
                            log.warn("Stopping mariadbd pid {} left over from an earlier test run", pid);
                            h.descendants().forEach(ProcessHandle::destroyForcibly);
                            h.destroyForcibly();
                            h.onExit().join();
                        });
            }
        } catch (IOException | NumberFormatException e) {
            log.warn("Could not check {} for leftover servers: {}", home, e.toString());
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }

    /** Gives the node's directory to the server account, which must also be able to reach it. */
    private static void handOver(Path dir) throws IOException {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = lookup.lookupPrincipalByName(SERVER_ACCOUNT);
            group = lookup.lookupPrincipalByGroupName(SERVER_ACCOUNT);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "running as root, the Galera tests start mariadbd as '" + SERVER_ACCOUNT
                            + "', which does not exist; install mariadb-server (it creates the account)",
                    e);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("mariadbd runs as '" + SERVER_ACCOUNT + "' and cannot reach " + dir
                        + " because " + p + " is closed to other users (chmod o+x it, or build elsewhere)");
            }
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<Integer> freePorts(int count) {
        // Held open together, so the ports are distinct; closed before the servers bind them.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    log.debug("closing a port probe failed", e);
                }
            }
        }
    }

    /** One {@code mariadbd} of the cluster. */
    public static final class Node {

        private final int number;
        private final Path dir;
        private final Path config;
        private final int port;
        private final int gmcastPort;
        private final int istPort;
        private final int sstPort;
        private volatile Process process;

        private Node(int number, Path dir, int port, int gmcastPort, int istPort, int sstPort) {
            this.number = number;
            this.dir = dir;
            this.config = dir.resolve("my.cnf");
            this.port = port;
            this.gmcastPort = gmcastPort;
            this.istPort = istPort;
            this.sstPort = sstPort;
        }

        public int number() {
            return number;
        }

        public int port() {
            return port;
        }

        public long pid() {
            return running().pid();
        }

        public boolean isRunning() {
            Process current = process;
            return current != null && current.isAlive();
        }

        private Process running() {
            Process current = process;
            if (current == null) {
                throw new IllegalStateException(this + " is not running");
            }
            return current;
        }

        /** Straight to this node, no failover. */
        public String jdbcUrl(String database) {
            return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
        }

        /** A connection to this node, as root; the caller closes it. */
        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database) + "?connectTimeout=2000", "root", "");
        }

        /** The {@code wsrep_%} status variables. */
        public Map<String, String> status() throws SQLException {
            Map<String, String> status = new HashMap<>();
            try (Connection connection = connect("");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'wsrep_%'")) {
                while (rows.next()) {
                    status.put(rows.getString(1), rows.getString(2));
                }
            }
            return status;
        }

        /** The end of this node's error log, for failure messages. */
        public String logTail() {
            Path file = dir.resolve("error.log");
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "(no " + file + ")";
            }
        }

        /**
         * How the last start caught up: "IST of n write sets" (only what it missed, from a
         * donor's gcache), "SST" (a full copy of a donor's data) or "none" (it bootstrapped).
         */
        public String lastStateTransfer() {
            Pattern receiver = Pattern.compile("Prepared IST receiver for (\\d+)-(\\d+)");
            try {
                List<String> lines = Files.readAllLines(dir.resolve("error.log"), StandardCharsets.UTF_8);
                String result = "none";
                for (String line : lines) {
                    Matcher matcher = receiver.matcher(line);
                    if (line.contains("Starting MariaDB")) {
                        result = "none";
                    } else if (matcher.find()) {
                        long first = Long.parseLong(matcher.group(1));
                        long last = Long.parseLong(matcher.group(2));
                        // A joiner without state receives everything from seqno 0 by SST.
                        result = first == 0 ? "SST" : "IST of " + (last - first + 1) + " write sets";
                    }
                }
                return result;
            } catch (IOException e) {
                return "unknown";
            }
        }

        /** Runs one statement on this node (and, through replication, on the others). */
        public void execute(String sql) throws SQLException {
            try (Connection connection = connect("");
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        /**
         * The first column of every row, read with {@code wsrep_sync_wait=1}: the node first
         * applies everything the cluster committed before the query, so a read here sees writes
         * made through other nodes.
         */
        public List<String> query(String sql) throws SQLException {
            try (Connection connection = connect("");
                    Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION wsrep_sync_wait = 1");
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery(sql)) {
                    while (result.next()) {
                        rows.add(result.getString(1));
                    }
                }
                return rows;
            }
        }

        private void requireRunning() {
            Process current = running();
            if (!current.isAlive()) {
                throw new IllegalStateException(
                        this + " exited with code " + current.exitValue() + "; its log ends:\n" + logTail());
            }
        }

        @Override
        public String toString() {
            return "galera node" + number;
        }
    }

    private record Binaries(Path mariadbd, Path installDb, Path provider) {

        static Binaries find() {
            List<String> missing = new ArrayList<>();
            Path mariadbd = locate("mariadbd", missing);
            Path installDb = locate("mariadb-install-db", missing);
            locate("wsrep_sst_rsync", missing);
            locate("rsync", missing);
            Path provider =
                    PROVIDERS.stream().filter(Files::isReadable).findFirst().orElse(null);
            if (provider == null) {
                missing.add("the Galera 4 provider " + PROVIDERS.getFirst());
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The Galera integration tests need MariaDB 10.6+ with Galera 4 and"
                        + " rsync on this machine; missing: " + missing + ". Install them with"
                        + " `apt-get install mariadb-server galera-4 rsync` (.ci/run does), or skip the"
                        + " Galera run with -Dwaddleperf.galera.skip=true.");
            }
            return new Binaries(mariadbd, installDb, provider);
        }

        private static Path locate(String name, List<String> missing) {
            Stream<Path> path = Stream.of(
                            System.getenv().getOrDefault("PATH", "").split(":"))
                    .filter(s -> !s.isBlank())
                    .map(Path::of);
            Optional<Path> found = Stream.concat(path, SEARCH_PATH.stream())
                    .map(dir -> dir.resolve(name))
                    .filter(Files::isExecutable)
                    .findFirst();
            if (found.isEmpty()) {
                missing.add(name);
            }
            return found.orElse(null);
        }
    }
}
