package io.waddleperf.license;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.license.testsupport.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenseToolTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void keygenSignAndVerifyPrintWhatTheFileGrants() throws IOException {
        Path payload = Files.write(dir.resolve("payload.json"), Payloads.enterprise(Payloads.EXPIRES));

        assertThat(run("keygen", "--private-key", path("issuer.key"), "--public-key", path("issuer.pub")))
                .isEqualTo(LicenseTool.OK);
        assertThat(run("sign", payload.toString(), "--private-key", path("issuer.key"), "--out", path("site.license")))
                .isEqualTo(LicenseTool.OK);
        out.reset();
        assertThat(run("verify", path("site.license"), "--public-key", path("issuer.pub")))
                .isEqualTo(LicenseTool.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                        license file OK: signature verified
                        license id:   lic-2026-0042
                        customer:     Air-Gapped Labs
                        product:      waddleperf
                        tier:         enterprise
                        issued at:    2026-11-01T00:00:00Z
                        expires at:   2027-11-01T00:00:00Z (343 days left)
                        max servers:  50
                        max users:    unlimited
                        retention:    365 days
                        features:     autoperf, tier3, api_keys (25 units)
                        not entitled: sso
                        """);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void keygenKeepsThePrivateKeyPrivateAndNeverOverwrites() throws IOException {
        assertThat(run("keygen", "--private-key", path("k"), "--public-key", path("k.pub")))
                .isEqualTo(LicenseTool.OK);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("k"))))
                .isEqualTo("rw-------");
        String before = Files.readString(dir.resolve("k"));
        assertThat(run("keygen", "--private-key", path("k"), "--public-key", path("other.pub")))
                .isEqualTo(LicenseTool.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to overwrite " + path("k"));
        assertThat(Files.readString(dir.resolve("k"))).isEqualTo(before);
    }

    @Test
    void verifyExplainsARejectionAndExitsNonZero() throws IOException {
        Path payload = Files.write(dir.resolve("payload.json"), Payloads.enterprise(Payloads.EXPIRES));
        run("keygen", "--private-key", path("issuer.key"), "--public-key", path("issuer.pub"));
        run("keygen", "--private-key", path("other.key"), "--public-key", path("other.pub"));
        run("sign", payload.toString(), "--private-key", path("issuer.key"), "--out", path("site.license"));
        out.reset();

        assertThat(run("verify", path("site.license"), "--public-key", path("other.pub")))
                .isEqualTo(LicenseTool.REFUSED);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("license file rejected: signature does not match the public key (the payload was altered"
                        + " or signed with another key)\n");
    }

    @Test
    void namesTheKeyFileItCannotUse() throws IOException {
        Path payload = Files.write(dir.resolve("payload.json"), Payloads.enterprise(Payloads.EXPIRES));
        run("keygen", "--private-key", path("issuer.key"), "--public-key", path("issuer.pub"));
        run("sign", payload.toString(), "--private-key", path("issuer.key"), "--out", path("site.license"));

        assertThat(run("verify", path("site.license"), "--public-key", path("issuer.key")))
                .isEqualTo(LicenseTool.REFUSED);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "cannot use key " + path("issuer.key") + ": expected a PEM block -----BEGIN PUBLIC KEY-----\n");
    }

    @Test
    void signWarnsAboutAnExpiredPayloadAndVerifyRefusesIt() throws IOException {
        Path payload =
                Files.write(dir.resolve("payload.json"), Payloads.enterprise(Instant.parse("2026-01-01T00:00:00Z")));
        run("keygen", "--private-key", path("issuer.key"), "--public-key", path("issuer.pub"));

        assertThat(run("sign", payload.toString(), "--private-key", path("issuer.key"), "--out", path("old.license")))
                .isEqualTo(LicenseTool.OK);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("warning: this license expired at 2026-01-01T00:00:00Z; installations will refuse it");
        err.reset();
        assertThat(run("verify", path("old.license"), "--public-key", path("issuer.pub")))
                .isEqualTo(LicenseTool.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("license expired at 2026-01-01T00:00:00Z\n");
    }

    @Test
    void signWithoutOutPrintsTheFile() throws IOException {
        Path payload = Files.write(dir.resolve("payload.json"), Payloads.enterprise(Payloads.EXPIRES));
        run("keygen", "--private-key", path("issuer.key"), "--public-key", path("issuer.pub"));
        out.reset();

        assertThat(run("sign", payload.toString(), "--private-key", path("issuer.key")))
                .isEqualTo(LicenseTool.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"alg\":\"Ed25519\",\"payload\":\"");
    }

    @Test
    void wrongUsageExitsWithTwoAndShowsHelp() {
        assertThat(run()).isEqualTo(LicenseTool.USAGE);
        assertThat(run("frobnicate")).isEqualTo(LicenseTool.USAGE);
        assertThat(run("verify", "file")).isEqualTo(LicenseTool.USAGE);
        assertThat(run("verify", "file", "--public-key")).isEqualTo(LicenseTool.USAGE);
        assertThat(run("verify", "file", "--public-key", "k", "--colour", "red"))
                .isEqualTo(LicenseTool.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no command given", "unknown command frobnicate", "--public-key is required")
                .contains("--public-key needs a value", "unknown option --colour", "usage:");
    }

    @Test
    void aMissingFileIsReportedNotThrown() {
        assertThat(run("verify", path("absent.license"), "--public-key", path("absent.pub")))
                .isEqualTo(LicenseTool.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cannot access " + path("absent.license"));
    }

    private int run(String... args) {
        return LicenseTool.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                clock);
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }
}
