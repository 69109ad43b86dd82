package io.waddleperf.api.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * URLs refused before Spring MVC sees them, sent byte for byte over a raw socket (MockMvc and
 * java.net.http would not send them, or not go through Tomcat): each answer is a problem
 * document, never the container's HTML page.
 */
@ApiIntegrationTest
class ContainerErrorsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    @ParameterizedTest
    @ValueSource(
            strings = {
                // Refused by Spring Security's StrictHttpFirewall:
                "/api/v1/orgs/%00",
                "/api/v1/orgs;jsessionid=1",
                "/api/v1/orgs/%2e%2e/x",
                "/api/v1/orgs/%25",
                // Refused by Tomcat before any filter:
                "/api/v1/orgs/%2F",
                "/api/v1/orgs/a{b",
                "/api/v1/orgs/%zz"
            })
    void aRejectedUrlAnswersWithAProblemDocument(String target) throws IOException {
        String answer = send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(head).startsWith("HTTP/1.1 400");
        assertThat(head.toLowerCase()).contains("content-type: application/problem+json");
        JsonNode problem = JSON.readTree(dechunk(head, body));
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("type").asString()).isEqualTo(Problems.TYPE_BASE + "request-rejected");
        assertThat(problem.path("detail").asString()).isNotBlank();
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private static String dechunk(String head, String body) {
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
