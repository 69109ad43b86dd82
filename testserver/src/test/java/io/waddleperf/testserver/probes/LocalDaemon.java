package io.waddleperf.testserver.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Debian daemon (dnsmasq, sshd) started by a test on a loopback port and stopped by it. CI
 * installs the packages (.ci/run); a machine without them fails with the package to install.
 */
final class LocalDaemon implements AutoCloseable {

    private final Process process;
    private final Path log;

    private LocalDaemon(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Path require(String binary, String debianPackage) {
        Path path = Path.of(binary);
        assertThat(Files.isExecutable(path))
                .as("%s is missing: apt-get install -y %s (.ci/run installs it)", binary, debianPackage)
                .isTrue();
        return path;
    }

    static LocalDaemon start(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new LocalDaemon(process, log);
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** A port free for both TCP and UDP on 127.0.0.1 a moment ago. */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp = new DatagramSocket(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort()))) {
                return udp.getLocalPort();
            } catch (IOException e) {
                // The UDP side of that port was taken; try another.
            }
        }
        throw new IOException("no free loopback port");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
