package io.waddleperf.testserver.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node's "API unreachable" message names the URL and the cause. Refusal, timeout and TLS
 * failure are real, on 127.0.0.1, so the test reads what the JDK client really throws; a failed
 * DNS lookup is built as the client builds it, since a real one would leave loopback.
 */
class ApiUnreachableTests {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        http.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRefusedConnectionSaysRefusedAndWhere() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/api/v1/node/heartbeat");

        String message = ApiUnreachable.describe(url, failureOf(url));

        assertThat(message).isEqualTo("API unreachable at " + url + ": connection refused");
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() throws Exception {
        // Connections land in the listen backlog and are never read: connected, no answer.
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/v1/node/enroll");

        String message = ApiUnreachable.describe(url, failureOf(url));

        assertThat(message).isEqualTo("API unreachable at " + url + ": no answer within the request timeout");
    }

    @Test
    void plainHttpWhereTlsWasExpectedIsATlsFailure() throws Exception {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept();
                    OutputStream out = socket.getOutputStream()) {
                // As a plain HTTP server does: read what the client sent (the TLS ClientHello's
                // record header) and then answer it. Answering before the client has written
                // raced its handshake: in CI the client once sat until its connect timeout.
                socket.getInputStream().readNBytes(5);
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.getInputStream().readAllBytes();
            } catch (IOException ignored) {
                // The client hangs up once the handshake fails; nothing more to serve.
            }
        });
        URI url = URI.create("https://127.0.0.1:" + server.getLocalPort() + "/api/v1/node/heartbeat");

        // The JDK client counts the TLS handshake (and setting up TLS: loading the trust store) in
        // its connect timeout, which took more than 2 s on a loaded build machine: a client of its
        // own with time enough, so the failure is the handshake's and not the clock's.
        Throwable failure;
        try (HttpClient patient =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()) {
            failure = catchThrowable(() -> patient.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        assertThat(failure).isInstanceOf(IOException.class);
        String message = ApiUnreachable.describe(url, failure);

        assertThat(message).startsWith("API unreachable at " + url + ": TLS failed (");
    }

    @Test
    void anUnknownHostSaysDns() {
        URI url = URI.create("https://api.example.invalid/api/v1/node/heartbeat");
        // What the JDK client throws when the host does not resolve.
        Throwable failure = new ConnectException().initCause(new UnresolvedAddressException());

        assertThat(ApiUnreachable.describe(url, failure))
                .isEqualTo("API unreachable at " + url + ": host name not found (DNS)");
    }

    @Test
    void anUnknownCauseKeepsItsOwnMessage() {
        URI url = URI.create("http://127.0.0.1:1/");

        assertThat(ApiUnreachable.describe(url, new IOException("HTTP/1.1 header parser received no bytes")))
                .isEqualTo("API unreachable at " + url + ": HTTP/1.1 header parser received no bytes");
    }

    private Throwable failureOf(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofMillis(300))
                .GET()
                .build();
        Throwable thrown = catchThrowable(() -> http.send(request, HttpResponse.BodyHandlers.discarding()));
        assertThat(thrown).isInstanceOf(IOException.class);
        return thrown;
    }
}
