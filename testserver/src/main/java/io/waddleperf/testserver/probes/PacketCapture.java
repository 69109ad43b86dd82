package io.waddleperf.testserver.probes;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Header-only packet capture with tcpdump, for throughput runs that ask for it. Whether this node
 * can capture is found out once, by trying: tcpdump must exist and be allowed to open a capture
 * (root or CAP_NET_RAW), and only a real attempt tells both apart from the many ways a system
 * grants or refuses that.
 */
public final class PacketCapture {

    private static final Logger log = LoggerFactory.getLogger(PacketCapture.class);

    /** Enough for Ethernet/cooked, IP (v6 with extension headers) and TCP with options; no payload. */
    static final int SNAPLEN = 128;

    /** Matches no packet: the availability check opens a capture and records nothing. */
    private static final String NOTHING = "less 1";

    private final @Nullable Path tcpdump;
    private final @Nullable String unavailable;
    private final Duration startTimeout;
    private final int maxPackets;

    private PacketCapture(@Nullable Path tcpdump, @Nullable String unavailable, Duration startTimeout, int maxPackets) {
        this.tcpdump = tcpdump;
        this.unavailable = unavailable;
        this.startTimeout = startTimeout;
        this.maxPackets = maxPackets;
    }

    /** Finds tcpdump and tries to open a capture with it. */
    public static PacketCapture detect(CaptureProperties properties) {
        if (!properties.enabled()) {
            log.info("Packet capture is off on this node (waddleperf.capture.enabled=false)");
            return new PacketCapture(
                    null, "capture unavailable: disabled on this node (waddleperf.capture.enabled)", Duration.ZERO, 0);
        }
        Path binary = properties.tcpdump() != null ? properties.tcpdump() : locate();
        if (binary == null || !Files.isExecutable(binary)) {
            return unavailable(binary, "capture unavailable: tcpdump not found");
        }
        PacketCapture candidate = new PacketCapture(binary, null, properties.startTimeout(), properties.maxPackets());
        try {
            candidate.start(NOTHING, Path.of("/dev/null")).stop();
            log.info("Packet capture available with {}", binary);
            return candidate;
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            String lower = message.toLowerCase(Locale.ROOT);
            String reason = lower.contains("permission") || lower.contains("not permitted")
                    ? "capture unavailable: not permitted (tcpdump needs root or CAP_NET_RAW)"
                    : "capture unavailable: " + message;
            return unavailable(binary, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(binary, "capture unavailable: interrupted while checking");
        }
    }

    private static PacketCapture unavailable(@Nullable Path binary, String reason) {
        // Capture was asked for and cannot work: said once, loudly, with what would fix it, so an
        // operator reads it in the log before a tier-3 run reports "capture unavailable".
        log.warn(
                "Packet capture is NOT available on this node ({}). Tier-3 runs will carry no capture. It needs"
                        + " tcpdump and CAP_NET_RAW: in a container, add the NET_RAW capability and allow"
                        + " privilege escalation (the image's tcpdump must have file capabilities"
                        + " cap_net_raw+ep); on a host, run as root or setcap cap_net_raw+ep on tcpdump.",
                reason);
        return new PacketCapture(binary, reason, Duration.ZERO, 0);
    }

    private static @Nullable Path locate() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                if (!directory.isBlank()) {
                    Path candidate = Path.of(directory, "tcpdump");
                    if (Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        Path fallback = Path.of("/usr/sbin/tcpdump");
        return Files.isExecutable(fallback) ? fallback : null;
    }

    public boolean available() {
        return unavailable == null;
    }

    /** Why this node cannot capture, as a run's {@code captureNote} says it; null when it can. */
    public @Nullable String unavailable() {
        return unavailable;
    }

    /**
     * Starts tcpdump writing the headers of the packets {@code filter} selects to {@code file}, and
     * returns once tcpdump says it is listening, so no packet of the test is missed.
     *
     * @throws IOException when tcpdump cannot start or exits, with what it said
     */
    Recording start(String filter, Path file) throws IOException, InterruptedException {
        if (tcpdump == null || unavailable != null) {
            throw new IOException(unavailable);
        }
        // -U: write each packet as it comes, so SIGTERM leaves a complete file. -c: a fast test
        // stops being recorded rather than growing past what the API stores.
        Process process = new ProcessBuilder(
                        tcpdump.toString(),
                        "-i",
                        "any",
                        "-s",
                        String.valueOf(SNAPLEN),
                        "-c",
                        String.valueOf(maxPackets),
                        "-n",
                        "-U",
                        "-w",
                        file.toString(),
                        filter)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        List<String> said = new ArrayList<>();
        Thread.ofVirtual().name("tcpdump-stderr").start(() -> {
            // Reads to the end, so tcpdump never blocks on a full pipe when it reports its counts.
            try (BufferedReader stderr =
                    new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = stderr.readLine()) != null) {
                    if (line.contains("listening on")) {
                        listening.complete(null);
                    } else {
                        said.add(line);
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IOException("tcpdump exited: " + String.join("; ", said)));
        });
        try {
            listening.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            destroy(process);
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            destroy(process);
            throw new IOException("tcpdump did not start listening within " + startTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            destroy(process);
            throw e;
        }
        return new Recording(process, file, maxPackets);
    }

    private static void destroy(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A running tcpdump. */
    static final class Recording {

        private final Process process;
        private final Path file;
        private final int maxPackets;

        private Recording(Process process, Path file, int maxPackets) {
            this.process = process;
            this.file = file;
            this.maxPackets = maxPackets;
        }

        Path file() {
            return file;
        }

        /**
         * SIGTERM, then waits for tcpdump to close the file. Answers what the run's
         * {@code captureNote} should say when the file does not cover the whole test: tcpdump that
         * exited on its own before the test ended either reached {@code max-packets} (exit 0) or
         * failed; null when it recorded until stopped.
         */
        @Nullable
        String stop() {
            if (process.isAlive()) {
                destroy(process);
                return null;
            }
            int exit = process.exitValue();
            return exit == 0
                    ? "capture cut short: the first " + maxPackets + " packets only (max-packets)"
                    : "capture ended early: tcpdump exited with status " + exit;
        }
    }
}
