package io.waddleperf.testserver.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP probe against the JDK's own HTTP and HTTPS servers on 127.0.0.1; the HTTPS server
 * uses a self-signed certificate keytool makes for this test, valid for 30 days.
 */
class HttpProbeIT {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final byte[] BODY = new byte[10_000];

    @TempDir
    static Path temp;

    static HttpsServer https;
    static HttpServer http;

    @BeforeAll
    static void startServers() throws Exception {
        Path keystore = temp.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "30",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue())
                .as("keytool: %s", new String(process.getInputStream().readAllBytes()))
                .isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        https.start();

        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", "https://example.test/");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        http.createContext("/chunked", exchange -> {
            // Length 0 makes the JDK server stream the body chunked.
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY, 0, 3000);
            }
        });
        http.start();
    }

    @AfterAll
    static void stopServers() {
        https.stop(0);
        http.stop(0);
    }

    @Test
    void measuresEveryPhaseOfAnHttpsRequestAndReadsTheCertificate() throws Exception {
        var result = (ProbeResult.Http) TestProbes.run(
                ProbeType.HTTP,
                "https://127.0.0.1:" + https.getAddress().getPort() + "/file?x=1",
                "{\"insecure\": true}");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.httpVersion()).isEqualTo("HTTP/1.1");
        assertThat(result.bodyBytes()).isEqualTo(BODY.length);
        assertThat(result.bodyTruncated()).isFalse();
        assertThat(result.address()).isEqualTo("127.0.0.1");
        assertThat(result.tlsVersion()).startsWith("TLSv1.");
        assertThat(result.cipherSuite()).isNotBlank();
        assertThat(result.certificateDaysLeft()).isBetween(29L, 30L);
        assertThat(result.certificateSubject()).isEqualTo("CN=localhost");
        assertThat(result.connectMillis()).isPositive();
        assertThat(result.tlsMillis()).isPositive();
        assertThat(result.ttfbMillis()).isPositive();
        assertThat(result.totalMillis())
                .isGreaterThanOrEqualTo(result.connectMillis() + result.tlsMillis() + result.ttfbMillis());
    }

    @Test
    void refusesAnUntrustedCertificateUnlessInsecureIsAsked() throws Exception {
        Probe probe = TestProbes.loopbackAllowed()
                .prepare(
                        ProbeType.HTTP,
                        "https://localhost:" + https.getAddress().getPort() + "/",
                        null);

        assertThatThrownBy(probe::run)
                .isInstanceOf(ProbeFailed.class)
                .extracting(e -> ((ProbeFailed) e).kind())
                .isEqualTo("tls-failed");
    }

    @Test
    void stopsReadingAtTheBodyLimit() throws Exception {
        var result = (ProbeResult.Http) TestProbes.run(
                ProbeType.HTTP,
                "https://127.0.0.1:" + https.getAddress().getPort() + "/",
                "{\"insecure\": true, \"maxBodyBytes\": 1000}");

        assertThat(result.bodyBytes()).isEqualTo(1000);
        assertThat(result.bodyTruncated()).isTrue();
    }

    @Test
    void reportsRedirectsWithoutFollowingThem() throws Exception {
        var result = (ProbeResult.Http) TestProbes.run(
                ProbeType.HTTP, "http://127.0.0.1:" + http.getAddress().getPort() + "/moved", "{}");

        assertThat(result.status()).isEqualTo(301);
        assertThat(result.location()).isEqualTo("https://example.test/");
        assertThat(result.tlsMillis()).isNull();
        assertThat(result.certificateDaysLeft()).isNull();
    }

    @Test
    void readsACloseDelimitedChunkedBody() throws Exception {
        var result = (ProbeResult.Http) TestProbes.run(
                ProbeType.HTTP,
                "http://localhost:" + http.getAddress().getPort() + "/chunked",
                "{\"method\": \"GET\"}");

        assertThat(result.status()).isEqualTo(200);
        // 3000 body bytes plus chunk framing ("bb8\r\n...\r\n0\r\n\r\n").
        assertThat(result.bodyBytes()).isGreaterThanOrEqualTo(3000);
    }
}
