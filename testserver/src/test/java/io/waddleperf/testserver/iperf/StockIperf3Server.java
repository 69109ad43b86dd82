package io.waddleperf.testserver.iperf;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A one-off stock {@code iperf3 -s -1 -J} on a free loopback port (or in a network namespace),
 * for testing our client against the reference server. {@link #result()} waits for it to exit
 * and parses what it printed.
 */
final class StockIperf3Server implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String address;
    final int port;
    private final Process process;
    private final CompletableFuture<String> stdout;

    private StockIperf3Server(String address, int port, Process process) {
        this.address = address;
        this.port = port;
        this.process = process;
        // Its own thread rather than the common pool, which on two CPUs has one thread, and this
        // read holds it for as long as the server runs.
        this.stdout = CompletableFuture.supplyAsync(
                () -> read(process), task -> Thread.ofPlatform().daemon().start(task));
    }

    /** On 127.0.0.1, port probed free. */
    static StockIperf3Server start() {
        return start(List.of(), "127.0.0.1", freePort());
    }

    /**
     * Starts {@code prefix iperf3 -s -1 -J -B address -p port} and waits until the port listens.
     * The wait reads the kernel's socket table rather than connecting: a connection would be
     * taken for the one test a {@code -1} server runs.
     */
    static StockIperf3Server start(List<String> prefix, String address, int port) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("iperf3", "-s", "-1", "-J", "-B", address, "-p", Integer.toString(port)));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            StockIperf3Server server = new StockIperf3Server(address, port, process);
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> listening(prefix, port) || !process.isAlive());
            if (!process.isAlive()) {
                throw new AssertionError("iperf3 -s exited at once: " + server.stdout.join());
            }
            return server;
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command, e);
        }
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** The server's {@code -J} document, once it has finished its one test. */
    JsonNode result() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("iperf3 -s did not exit after its test");
            }
            return JSON.readTree(stdout.get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("no result from iperf3 -s", e);
        }
    }

    /** {@code end.<sum>.<field>} of the server's document. */
    static long end(JsonNode json, String sum, String field) {
        return json.path("end").path(sum).path(field).asLong();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean listening(List<String> prefix, int port) throws IOException, InterruptedException {
        String hex = String.format(Locale.ROOT, ":%04X ", port);
        if (prefix.isEmpty()) {
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && (fields[1] + " ").endsWith(hex) && fields[3].equals("0A")) {
                        return true;
                    }
                }
            }
            return false;
        }
        // In a namespace, /proc/net of this process shows the wrong one; ask ss there instead.
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("ss", "-Hltn", "sport = :" + port));
        Process ss = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(5, TimeUnit.SECONDS);
        return out.contains(":" + port);
    }

    private static String read(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
