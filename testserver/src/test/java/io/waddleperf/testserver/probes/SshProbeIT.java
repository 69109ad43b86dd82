package io.waddleperf.testserver.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH probe against a throwaway OpenSSH server with a host key made for this test. */
class SshProbeIT {

    @TempDir
    static Path temp;

    static LocalDaemon sshd;
    static int port;
    static String expectedFingerprint;

    @BeforeAll
    static void startSshd() throws Exception {
        Path binary = LocalDaemon.require("/usr/sbin/sshd", "openssh-server");
        Path keygen = LocalDaemon.require("/usr/bin/ssh-keygen", "openssh-client");
        Path hostKey = temp.resolve("host_ed25519");
        run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
        String listing = run(List.of(keygen.toString(), "-l", "-f", hostKey + ".pub"));
        expectedFingerprint = listing.split(" ")[1];

        // sshd insists on its privilege-separation directory, which only its init script creates.
        Path privsep = Path.of("/run/sshd");
        if (!Files.isDirectory(privsep)) {
            Files.createDirectories(privsep);
        }
        port = LocalDaemon.freePort();
        sshd = LocalDaemon.start(
                List.of(
                        binary.toString(),
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
                        "PidFile=none"),
                temp.resolve("sshd.log"));
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(sshd.alive())
                            .as("sshd exited: %s", sshd.output())
                            .isTrue();
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        assertThat(socket.isConnected()).isTrue();
                    }
                });
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void readsTheBannerAndTimesTheKeyExchange() throws Exception {
        var result = (ProbeResult.Ssh) TestProbes.run(ProbeType.SSH, "127.0.0.1:" + port, "{\"timeoutMillis\": 5000}");

        assertThat(result.banner()).startsWith("SSH-2.0-OpenSSH_");
        assertThat(result.kexAlgorithm()).isEqualTo("curve25519-sha256");
        assertThat(result.hostKeyAlgorithm()).isEqualTo("ssh-ed25519");
        assertThat(result.hostKeyFingerprint()).isEqualTo(expectedFingerprint);
        assertThat(result.connectMillis()).isPositive();
        assertThat(result.keyExchangeMillis()).isPositive();
        assertThat(result.totalMillis()).isGreaterThanOrEqualTo(result.keyExchangeMillis());
    }

    @Test
    void failsClearlyAgainstSomethingThatIsNotSsh() throws Exception {
        // Accepts and closes at once, like a firewall or a different service would.
        try (ServerSocket notSsh = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = notSsh.accept()) {
                    socket.getOutputStream()
                            .write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // The test asserts on the probe's side.
                }
            });
            Probe probe =
                    TestProbes.loopbackAllowed().prepare(ProbeType.SSH, "127.0.0.1:" + notSsh.getLocalPort(), null);

            assertThatThrownBy(probe::run).isInstanceOf(ProbeFailed.class);
        }
    }
}
