package io.waddleperf.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real test-server node process ({@code testserver/target/waddleperf-testserver.jar}, built by
 * the reactor before the API's integration tests) enrolled with the API under test. Everything
 * binds to loopback on ports picked free here; probes may reach loopback. The node keeps its
 * credential in {@code stateDir}, so a restart with the same directory is the same node.
 */
public final class TestNode implements AutoCloseable {

    public static final Path JAR = Path.of("..", "testserver", "target", "waddleperf-testserver.jar");

    private final Process process;
    private final int httpPort;
    private final int echoPort;
    private final int iperfPort;

    private TestNode(Process process, int httpPort, int echoPort, int iperfPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.echoPort = echoPort;
        this.iperfPort = iperfPort;
    }

    /** Starts a node that enrols with {@code enrollmentToken} (or its stored credential). */
    public static TestNode start(String name, int apiPort, String enrollmentToken, Path stateDir) {
        return start(name, apiPort, enrollmentToken, stateDir, List.of());
    }

    /** As {@link #start(String, int, String, Path)}, with more {@code --key=value} settings for the node. */
    public static TestNode start(
            String name, int apiPort, String enrollmentToken, Path stateDir, List<String> settings) {
        return start(List.of(), "127.0.0.1", "http://127.0.0.1:" + apiPort, name, enrollmentToken, stateDir, settings);
    }

    /**
     * A node whose command runs after {@code prefix} (such as {@code ip netns exec <namespace>}),
     * listening on {@code bindAddress} and advertising it, reaching the API at {@code api}. Its
     * ports are picked free on loopback, which in another network namespace is as good a guess
     * as any (nothing else listens there).
     */
    public static TestNode start(
            List<String> prefix,
            String bindAddress,
            String api,
            String name,
            String enrollmentToken,
            Path stateDir,
            List<String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    "The node jar " + JAR.toAbsolutePath().normalize()
                            + " is missing: build the reactor (./mvnw package -pl testserver) before the API's"
                            + " integration tests");
        }
        int httpPort = freeTcpPort();
        int echoPort = freeUdpPort();
        int iperfPort = freeTcpPort();
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx192m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toAbsolutePath().normalize().toString(),
                "--server.port=" + httpPort,
                "--server.address=" + bindAddress,
                "--waddleperf.node.name=" + name,
                "--waddleperf.node.advertised-url=http://" + bindAddress + ":" + httpPort,
                "--waddleperf.echo.port=" + echoPort,
                "--waddleperf.echo.bind-address=" + bindAddress,
                "--waddleperf.iperf.port=" + iperfPort,
                "--waddleperf.iperf.bind-address=" + bindAddress,
                "--waddleperf.probes.allow-loopback=true",
                "--waddleperf.control.jwks-uri=" + api + "/.well-known/jwks.json",
                "--waddleperf.enrollment.heartbeat-interval=1s"));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("WADDLEPERF_API_URL", api);
        builder.environment().put("WADDLEPERF_ENROLLMENT_TOKEN", enrollmentToken);
        builder.environment().put("WADDLEPERF_STATE_DIR", stateDir.toString());
        builder.environment().put("WADDLEPERF_LOG_FORMAT", "");
        try {
            Path logs = Files.createDirectories(Path.of("target", "test-nodes"));
            builder.redirectErrorStream(true);
            builder.redirectOutput(
                    ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
            return new TestNode(builder.start(), httpPort, echoPort, iperfPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public int echoPort() {
        return echoPort;
    }

    /** The node's iperf3-compatible server, on loopback. */
    public int iperfPort() {
        return iperfPort;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Kills the process at once, as a crash or a pulled cable would end it. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** A loopback TCP port nothing listens on (at the moment of asking). */
    public static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
