package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waddleperf.testserver.iperf.client.IperfClient;
import io.waddleperf.testserver.iperf.client.IperfClientCli;
import io.waddleperf.testserver.iperf.client.IperfClientRequest;
import io.waddleperf.testserver.iperf.client.IperfClientResult;
import io.waddleperf.testserver.iperf.client.IperfDirection;
import io.waddleperf.testserver.iperf.server.IperfProperties;
import io.waddleperf.testserver.iperf.server.IperfServer;
import io.waddleperf.testserver.iperf.server.IperfStreamResult;
import io.waddleperf.testserver.iperf.server.IperfTestResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accuracy against ground truth the kernel provides: a token-bucket shaper for throughput, an
 * nftables drop rule, with its own counter, for loss, the namespace's {@code TcpRetransSegs} for
 * retransmits, and a tcpdump capture of the arrivals for UDP jitter.
 *
 * <p>Topology: a network namespace made for this run, joined to the root namespace by a veth
 * pair. The stock iperf3 runs inside the namespace ({@code ip netns exec}); our client and our
 * server run in this JVM in the root namespace, our server bound to the root end's address, so
 * every test byte crosses the veth pair. Names and addresses are random per run, and {@link
 * #tearDown} removes the namespace, the pair and the nftables table even after a failure.
 *
 * <p>Needs root, iproute2 ({@code ip}, {@code tc}), nftables and iperf3 (and tcpdump for the
 * jitter test); without them the tests are skipped with the reason.
 */
class NetnsAccuracyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Shaper rate: tbf's {@code rate 100mbit}. */
    private static final double RATE = 100e6;

    private static final int MTU = 1500;

    private static String suffix;
    private static String namespace;
    private static String rootEnd;
    private static String nsEnd;
    private static String rootAddress;
    private static String nsAddress;
    private static String nftTable;
    private static boolean created;

    @BeforeAll
    static void createNamespace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create network namespaces");
        for (String tool : List.of("/usr/sbin/ip", "/usr/sbin/tc", "/usr/sbin/nft", "/usr/bin/iperf3")) {
            assumeTrue(
                    Files.isExecutable(Path.of(tool)), "needs " + tool + " (apt-get install iproute2 nftables iperf3)");
        }
        suffix = HexFormat.of()
                .toHexDigits(ThreadLocalRandom.current().nextInt())
                .substring(0, 6);
        namespace = "wpt-" + suffix;
        rootEnd = "wpa" + suffix;
        nsEnd = "wpb" + suffix;
        nftTable = "wpt" + suffix;
        int octet2 = 200 + ThreadLocalRandom.current().nextInt(50);
        int octet3 = ThreadLocalRandom.current().nextInt(256);
        rootAddress = "10." + octet2 + "." + octet3 + ".1";
        nsAddress = "10." + octet2 + "." + octet3 + ".2";
        Result probe = exec("ip", "netns", "add", namespace);
        assumeTrue(probe.code() == 0, "cannot create a network namespace here: " + probe.output());
        created = true;
        Runtime.getRuntime().addShutdownHook(new Thread(NetnsAccuracyIT::tearDown));
        check("ip", "link", "add", rootEnd, "mtu", "" + MTU, "type", "veth", "peer", "name", nsEnd, "mtu", "" + MTU);
        check("ip", "link", "set", nsEnd, "netns", namespace);
        check("ip", "addr", "add", rootAddress + "/24", "dev", rootEnd);
        check("ip", "link", "set", rootEnd, "up");
        inNamespace("ip", "addr", "add", nsAddress + "/24", "dev", nsEnd);
        inNamespace("ip", "link", "set", nsEnd, "up");
        inNamespace("ip", "link", "set", "lo", "up");
    }

    @AfterAll
    static void tearDown() {
        if (!created) {
            return;
        }
        created = false;
        exec("nft", "delete", "table", "netdev", nftTable);
        exec("ip", "link", "del", rootEnd);
        exec("ip", "netns", "del", namespace);
    }

    /**
     * What TCP can deliver through {@code tbf rate R}. tbf charges each frame's length as the
     * device sees it: IP packet plus the 14-byte Ethernet header (no preamble, FCS or gap on a
     * veth; GSO packets are charged per segment). Each full segment carries MTU − 20 (IP) − 20
     * (TCP) − 12 (timestamp option, when enabled) bytes of payload, so
     *
     * <pre>goodput = R × (MTU − 40 − ts) / (MTU + 14) = 100 Mbit/s × 1448 / 1514 = 95.64 Mbit/s.</pre>
     *
     * ACKs travel the other way and are not shaped.
     */
    private static double expectedGoodput() throws IOException {
        int timestamps = sysctl("net.ipv4.tcp_timestamps") != 0 ? 12 : 0;
        return RATE * (MTU - 40 - timestamps) / (MTU + 14);
    }

    @Test
    void tcpThroughputThroughA100MbitShaperIsTheGoodputTheShaperAllows() throws Exception {
        // Shape both directions: root → namespace for our client, namespace → root for our server.
        check(
                "tc", "qdisc", "replace", "dev", rootEnd, "root", "tbf", "rate", "100mbit", "burst", "32kb", "latency",
                "20ms");
        inNamespace(
                "tc", "qdisc", "replace", "dev", nsEnd, "root", "tbf", "rate", "100mbit", "burst", "32kb", "latency",
                "20ms");
        double expected = expectedGoodput();
        try {
            // Our client to the stock server in the namespace; the first second (slow start) omitted.
            int port = StockIperf3Server.freePort();
            IperfClientResult client;
            try (StockIperf3Server stock = StockIperf3Server.start(nsPrefix(), nsAddress, port)) {
                client = IperfClient.run(
                        IperfClientRequest.tcp(new InetSocketAddress(nsAddress, port), 4)
                                .withOmit(1),
                        i -> {});
                stock.result();
            }

            // The stock client in the namespace to our server.
            RecordingListener listener = new RecordingListener();
            IperfTestResult server;
            try (IperfServer ours = IperfServer.start(settings(rootAddress), listener, new SimpleMeterRegistry())) {
                Result stockClient = inNamespaceResult(
                        "iperf3", "-c", rootAddress, "-p", "" + ours.localPort(), "-t", "4", "-O", "1", "-J");
                assertThat(stockClient.code()).as(stockClient.output()).isZero();
                server = listener.awaitResult(1);
            }
            IperfStreamResult stream = server.streams().getFirst();

            System.out.printf(
                    "tbf 100mbit: expected goodput %.2f Mbit/s; our client %.2f, our server %.2f%n",
                    expected / 1e6, client.uploadBitsPerSecond() / 1e6, stream.bitsPerSecond() / 1e6);
            assertThat(client.uploadBitsPerSecond()).isCloseTo(expected, within(0.03 * expected));
            assertThat(stream.bitsPerSecond()).isCloseTo(expected, within(0.03 * expected));
        } finally {
            exec("tc", "qdisc", "del", "dev", rootEnd, "root");
            exec("ip", "netns", "exec", namespace, "tc", "qdisc", "del", "dev", nsEnd, "root");
        }
    }

    /**
     * An nftables rule on our side's ingress drops about 1 % of the stock server's datagrams and
     * counts each drop. Nothing else loses packets here (4 MiB receive buffers at 50 Mbit/s), so
     * our loss count must equal the rule's counter exactly, tail drops after the last datagram
     * received included.
     */
    @Test
    void udpLossEqualsWhatTheDropRuleCounted() throws Exception {
        int port = StockIperf3Server.freePort();
        // Only datagrams bigger than the 4-byte stream hello, so the set-up itself is never dropped.
        String rules = "table netdev " + nftTable + " {\n"
                + "  counter drops {}\n"
                + "  chain ingress {\n"
                + "    type filter hook ingress device " + rootEnd + " priority 0; policy accept;\n"
                + "    ip saddr " + nsAddress + " udp sport " + port + " udp length > 100"
                + " numgen random mod 100 < 1 counter name drops drop\n"
                + "  }\n"
                + "}\n";
        Path file = Files.createTempFile("wpt-nft", ".conf");
        try {
            Files.writeString(file, rules);
            check("nft", "-f", file.toString());
        } finally {
            Files.delete(file);
        }
        IperfClientResult result;
        try (StockIperf3Server stock = StockIperf3Server.start(nsPrefix(), nsAddress, port)) {
            result = IperfClient.run(
                    IperfClientRequest.tcp(new InetSocketAddress(nsAddress, port), 4)
                            .withDirection(IperfDirection.REVERSE)
                            .udp(1400, 50_000_000, true),
                    i -> {});
            stock.result();
        }
        JsonNode listed = JSON.readTree(check("nft", "-j", "list", "counter", "netdev", nftTable, "drops"));
        long dropped =
                listed.path("nftables").findValue("counter").path("packets").asLong();
        exec("nft", "delete", "table", "netdev", nftTable);

        System.out.printf(
                "nft 1%% drop: %d of %d datagrams dropped by the rule, %d reported lost%n",
                dropped, result.sentPackets(), result.lostPackets());
        assertThat(dropped).isPositive();
        assertThat(result.lostPackets()).isEqualTo(dropped);
        assertThat(result.downloadReceivedBytes() / 1400 + result.lostPackets()).isEqualTo(result.sentPackets());
    }

    /**
     * An nftables rule on the receiver's ingress drops about 1 % of our client's data packets.
     * Our client runs in its own JVM inside the namespace, so the namespace's {@code
     * TcpRetransSegs} (/proc/net/snmp there) counts its sockets and nothing else: the retransmits
     * it reports, read from TCP_INFO, must be within 5 % of that counter's growth (the rest being
     * the control connection's, which the rule spares by size).
     */
    @Test
    void tcpRetransmitsAreWhatTheSendersKernelCounted() throws Exception {
        assumeTrue(TcpInfoReader.available(), "TCP_INFO needs Linux and the JDK 22+ build");
        int port = StockIperf3Server.freePort();
        String rules = "table netdev " + nftTable + " {\n"
                + "  counter drops {}\n"
                + "  chain ingress {\n"
                + "    type filter hook ingress device " + rootEnd + " priority 0; policy accept;\n"
                + "    ip saddr " + nsAddress + " tcp dport " + port + " meta length > 1000"
                + " numgen random mod 100 < 1 counter name drops drop\n"
                + "  }\n"
                + "}\n";
        Path file = Files.createTempFile("wpt-nft", ".conf");
        try {
            Files.writeString(file, rules);
            check("nft", "-f", file.toString());
        } finally {
            Files.delete(file);
        }
        String[] figures;
        long retransSegs;
        try (StockIperf3Server stock = StockIperf3Server.start(List.of(), rootAddress, port)) {
            long before = tcpRetransSegs();
            Result client = inNamespaceResult(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    IperfClientCli.class.getName(),
                    rootAddress,
                    "" + port,
                    "3");
            retransSegs = tcpRetransSegs() - before;
            assertThat(client.code()).as(client.output()).isZero();
            stock.result();
            // The CLI's one line of figures; the JVM may log around it.
            figures = client.output()
                    .lines()
                    .filter(line -> line.matches("[0-9.]+\t.*"))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("no figures from the client: " + client.output()))
                    .split("\t");
        } finally {
            exec("nft", "delete", "table", "netdev", nftTable);
        }
        long reported = Long.parseLong(figures[3]);

        System.out.printf(
                "nft 1%% TCP drop: %s Gbit/s, our client reported %d retransmits, TcpRetransSegs grew by %d%n",
                figures[0], reported, retransSegs);
        assertThat(retransSegs).isPositive();
        assertThat(reported).isCloseTo(retransSegs, within(Math.round(0.05 * retransSegs)));
    }

    /**
     * Jitter against ground truth: a stock client in the namespace sends paced UDP to our server
     * and then to the stock server, through a tbf shaper slower than its bursts, and tcpdump on
     * the receiving end of the pair records each datagram's arrival. RFC 3550's jitter of those
     * arrivals against the iperf3 header's send times ({@link CapturedJitter}) is what a server
     * that stamped each datagram the moment it arrived would report.
     *
     * <p>The shaper makes the jitter: the client sends 10 datagrams at once every 7.5 ms ({@code
     * -b 15M/10}), and tbf at 20 Mbit/s lets them out 0.58 ms apart, so transit grows through each
     * burst and falls back at the next, about a millisecond of jitter against the tens of
     * microseconds a receiver's wake-up adds.
     */
    @Test
    void udpJitterIsTheRfc3550JitterOfTheCapturedArrivals() throws Exception {
        Path tcpdump = Stream.of("/usr/bin/tcpdump", "/usr/sbin/tcpdump")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(tcpdump != null, "needs tcpdump (apt-get install tcpdump)");
        inNamespace(
                "tc", "qdisc", "replace", "dev", nsEnd, "root", "tbf", "rate", "20mbit", "burst", "3kb", "latency",
                "50ms");
        Path directory = Files.createTempDirectory("wpt-jitter");
        try {
            RecordingListener listener = new RecordingListener();
            JitterRun ours;
            try (IperfServer server = IperfServer.start(settings(rootAddress), listener, new SimpleMeterRegistry())) {
                ours = jitterRun(tcpdump, directory.resolve("ours.pcap"), server.localPort(), () -> {
                    IperfStreamResult stream = listener.awaitResult(1).streams().getFirst();
                    return new Received(stream.jitterSeconds(), stream.packets() - stream.lostPackets());
                });
            }
            int port = StockIperf3Server.freePort();
            JitterRun stock;
            try (StockIperf3Server server = StockIperf3Server.start(List.of(), rootAddress, port)) {
                stock = jitterRun(tcpdump, directory.resolve("stock.pcap"), port, () -> {
                    // 3.12's server puts bytes 0 in its own end.sum; packets and loss are right.
                    JsonNode sum = server.result().path("end").path("sum");
                    return new Received(
                            sum.path("jitter_ms").asDouble() / 1000,
                            sum.path("packets").asLong()
                                    - sum.path("lost_packets").asLong());
                });
            }

            System.out.printf(
                    "tbf 20mbit, stock client -u -b 15M/10 -l 1400 -t 3; jitter in ms, truth = RFC 3550 over"
                            + " tcpdump's arrivals:%n%s%n%s%n",
                    ours.describe("ours "), stock.describe("stock"));
            // The stock client's -J carries what our server reported, and the shaper made jitter to measure.
            assertThat(ours.clientJitterSeconds()).isCloseTo(ours.received().jitterSeconds(), within(1e-9));
            assertThat(ours.truth().jitterSeconds()).isGreaterThan(100e-6);
            assertThat(ours.received().jitterSeconds())
                    .isCloseTo(
                            ours.truth().jitterSeconds(),
                            within(0.05 * ours.truth().jitterSeconds()));
            // The stock server's figure is there to compare with; held only to the same order of size.
            assertThat(stock.received().jitterSeconds())
                    .isBetween(stock.truth().jitterSeconds() / 2, stock.truth().jitterSeconds() * 2);
        } finally {
            exec("ip", "netns", "exec", namespace, "tc", "qdisc", "del", "dev", nsEnd, "root");
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
    }

    /** What a server reported for the stream: its jitter, and how many datagrams it took in. */
    private record Received(double jitterSeconds, long datagrams) {}

    /** One shaped UDP test: the server's report, the capture's truth, the stock client's -J. */
    private record JitterRun(Received received, CapturedJitter truth, double clientJitterSeconds) {

        String describe(String server) {
            return String.format(
                    Locale.ROOT,
                    "  %s: reported %.4f, truth %.4f over %d datagrams, deviation %+.2f %%",
                    server,
                    received.jitterSeconds() * 1000,
                    truth.jitterSeconds() * 1000,
                    truth.datagrams(),
                    (received.jitterSeconds() / truth.jitterSeconds() - 1) * 100);
        }
    }

    /**
     * Runs the stock client in the namespace against the server on {@code port} while tcpdump
     * records, on our end of the pair, the datagrams it sends there; the truth is taken over as
     * many datagrams as the server says it received (a server may stop reading before the last of
     * them, and J is a running figure).
     */
    private static JitterRun jitterRun(Path tcpdump, Path pcap, int port, Callable<Received> server) throws Exception {
        Path log = pcap.resolveSibling(pcap.getFileName() + ".log");
        // 64 bytes: Ethernet, IP and UDP headers and iperf3's 12 or 16. Immediate mode and -U: each
        // packet is in the file as soon as it is captured, not when a ring block fills or times out,
        // so the file can be waited for rather than cut short by SIGTERM.
        Process capture = new ProcessBuilder(
                        tcpdump.toString(),
                        "-i",
                        rootEnd,
                        "-n",
                        "-s",
                        "64",
                        "--immediate-mode",
                        "-U",
                        "--time-stamp-precision=nano",
                        "-w",
                        pcap.toString(),
                        "udp and dst port " + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !capture.isAlive() || Files.readString(log).contains("listening on"));
            assertThat(capture.isAlive()).as(() -> readQuietly(log)).isTrue();
            Result client = inNamespaceResult(
                    "iperf3", "-c", rootAddress, "-p", "" + port, "-u", "-b", "15M/10", "-l", "1400", "-t", "3", "-J");
            assertThat(client.code()).as(client.output()).isZero();
            double clientJitter =
                    JSON.readTree(client.output().substring(client.output().indexOf('{')))
                                    .path("end")
                                    .path("sum")
                                    .path("jitter_ms")
                                    .asDouble()
                            / 1000;
            Received received = server.call();
            assertThat(received.datagrams()).isPositive();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            CapturedJitter.of(pcap, port, received.datagrams()).datagrams() == received.datagrams());
            return new JitterRun(received, CapturedJitter.of(pcap, port, received.datagrams()), clientJitter);
        } finally {
            capture.destroy();
            if (!capture.waitFor(10, TimeUnit.SECONDS)) {
                capture.destroyForcibly();
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** {@code TcpRetransSegs} from the namespace's /proc/net/snmp. */
    private static long tcpRetransSegs() {
        String[] lines =
                check("ip", "netns", "exec", namespace, "cat", "/proc/net/snmp").split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("Tcp:") && lines[i + 1].startsWith("Tcp:")) {
                List<String> names = List.of(lines[i].trim().split("\\s+"));
                String[] values = lines[i + 1].trim().split("\\s+");
                return Long.parseLong(values[names.indexOf("RetransSegs")]);
            }
        }
        throw new AssertionError("no Tcp counters in /proc/net/snmp");
    }

    private static IperfProperties settings(String address) {
        return new IperfProperties(
                true,
                0,
                address,
                2,
                2,
                Duration.ofSeconds(10),
                Duration.ofSeconds(300),
                DataSize.ofKilobytes(8),
                List.of());
    }

    private static List<String> nsPrefix() {
        return List.of("ip", "netns", "exec", namespace);
    }

    private static int sysctl(String name) throws IOException {
        return Integer.parseInt(
                check("ip", "netns", "exec", namespace, "sysctl", "-n", name).trim());
    }

    private record Result(int code, String output) {}

    private static void inNamespace(String... command) {
        List<String> full = new ArrayList<>(nsPrefix());
        full.addAll(List.of(command));
        check(full.toArray(String[]::new));
    }

    private static Result inNamespaceResult(String... command) {
        List<String> full = new ArrayList<>(nsPrefix());
        full.addAll(List.of(command));
        return exec(full.toArray(String[]::new));
    }

    private static String check(String... command) {
        Result result = exec(command);
        if (result.code() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.code() + "): " + result.output());
        }
        return result.output();
    }

    private static Result exec(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            // A thread of its own: the common pool may have one thread (two CPUs), taken by a
            // stock server's reader for as long as that server runs.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            return "";
                        }
                    },
                    task -> Thread.ofPlatform().daemon().start(task));
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output.join());
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
