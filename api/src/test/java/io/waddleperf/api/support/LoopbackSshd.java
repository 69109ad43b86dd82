package io.waddleperf.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A throwaway OpenSSH server on 127.0.0.1 with a host key made for the test, for the ssh probe. */
public final class LoopbackSshd implements AutoCloseable {

    private final Process process;
    private final int port;

    private LoopbackSshd(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static LoopbackSshd start() throws IOException, InterruptedException {
        Path sshd = Path.of("/usr/sbin/sshd");
        Path keygen = Path.of("/usr/bin/ssh-keygen");
        assertThat(Files.isExecutable(sshd) && Files.isExecutable(keygen))
                .as("sshd and ssh-keygen are missing: apt-get install -y openssh-server (.ci/run installs it)")
                .isTrue();
        Path dir = Files.createTempDirectory("wp-sshd");
        Path hostKey = dir.resolve("host_ed25519");
        Process keys = new ProcessBuilder(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(keys.waitFor(30, TimeUnit.SECONDS) && keys.exitValue() == 0)
                .as(new String(keys.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isTrue();
        // sshd insists on its privilege-separation directory, which only its init script creates.
        Files.createDirectories(Path.of("/run/sshd"));
        int port = TestNode.freeTcpPort();
        Process process = new ProcessBuilder(
                        sshd.toString(),
                        "-D",
                        "-e",
                        "-f",
                        "/dev/null",
                        "-h",
                        hostKey.toString(),
                        "-p",
                        String.valueOf(port),
                        "-o",
                        "ListenAddress=127.0.0.1",
                        "-o",
                        "PidFile=none")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        LoopbackSshd started = new LoopbackSshd(process, port);
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(process.isAlive()).as("sshd exited").isTrue();
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        assertThat(socket.isConnected()).isTrue();
                    }
                });
        return started;
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
