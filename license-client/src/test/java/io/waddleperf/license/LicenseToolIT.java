package io.waddleperf.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the documented command against the packaged jar alone, which proves the offline tool needs
 * nothing else on the class path of an air-gapped host.
 */
class LicenseToolIT {

    private static final Path JAR = Path.of(System.getProperty("license-client.jar", "target/missing.jar"));

    @TempDir
    Path dir;

    @Test
    void theJarAloneCreatesAndVerifiesALicenseFile() throws Exception {
        assertThat(JAR).as("packaged jar").isRegularFile();
        Path payload =
                Files.write(dir.resolve("payload.json"), Payloads.enterprise(Instant.parse("2099-01-01T00:00:00Z")));

        assertThat(tool("keygen", "--private-key", path("issuer.key"), "--public-key", path("issuer.pub"))
                        .exit())
                .isZero();
        assertThat(tool("sign", payload.toString(), "--private-key", path("issuer.key"), "--out", path("site.license"))
                        .exit())
                .isZero();
        Result verified = tool("verify", path("site.license"), "--public-key", path("issuer.pub"));

        assertThat(verified.exit()).isZero();
        assertThat(verified.out())
                .contains("license file OK: signature verified")
                .contains("tier:         enterprise")
                .contains("expires at:   2099-01-01T00:00:00Z")
                .contains("features:     autoperf, tier3, api_keys (25 units)");
    }

    @Test
    void theJarExitsNonZeroWithAReasonForAForeignKey() throws Exception {
        Path payload =
                Files.write(dir.resolve("payload.json"), Payloads.enterprise(Instant.parse("2099-01-01T00:00:00Z")));
        tool("keygen", "--private-key", path("issuer.key"), "--public-key", path("issuer.pub"));
        tool("keygen", "--private-key", path("other.key"), "--public-key", path("other.pub"));
        tool("sign", payload.toString(), "--private-key", path("issuer.key"), "--out", path("site.license"));

        Result verified = tool("verify", path("site.license"), "--public-key", path("other.pub"));

        assertThat(verified.exit()).isEqualTo(1);
        assertThat(verified.err()).contains("license file rejected: signature does not match the public key");
    }

    private Result tool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                JAR.toString(),
                "io.waddleperf.license.LicenseTool"));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "out", ".txt");
        Path stderr = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("LicenseTool did not finish within 60 s: " + command);
        }
        return new Result(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private record Result(int exit, String out, String err) {}
}
