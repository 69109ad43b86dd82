package io.waddleperf.testserver.iperf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the stock {@code iperf3} client (Debian's 3.12 in CI) against a local port with {@code -J}.
 *
 * <p>Missing iperf3 fails the test with the install command rather than skipping it: these tests
 * are the proof of wire compatibility, and a silent skip would hide its absence.
 */
final class StockIperf3 {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one client run printed. */
    record Run(int exitCode, JsonNode json, String stderr) {

        JsonNode end() {
            return json.path("end");
        }

        long bytes(String sum) {
            return end().path(sum).path("bytes").asLong();
        }

        String error() {
            return json.path("error").asString(null);
        }
    }

    static Run run(int port, String... options) {
        String binary = locate();
        List<String> command = new ArrayList<>(List.of(binary, "-c", "127.0.0.1", "-p", Integer.toString(port), "-J"));
        command.addAll(List.of(options));
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String stdout = readAll(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("iperf3 " + command + " did not finish within 60 s");
            }
            JsonNode json = JSON.readTree(stdout.isBlank() ? "{}" : stdout);
            return new Run(process.exitValue(), json, stderr.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running iperf3", e);
        }
    }

    /** Starts a client without waiting for it, for tests that need two at once. */
    static CompletableFuture<Run> start(int port, String... options) {
        return CompletableFuture.supplyAsync(() -> run(port, options));
    }

    private static String locate() {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(directory, "iperf3");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        assertThat(false)
                .as("the stock iperf3 client is required for wire-compatibility tests: "
                        + "apt-get install -y iperf3 (Debian 12 ships 3.12)")
                .isTrue();
        throw new IllegalStateException("unreachable");
    }

    private static String readAll(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private StockIperf3() {}
}
