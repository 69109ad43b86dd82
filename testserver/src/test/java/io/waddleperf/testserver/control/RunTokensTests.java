package io.waddleperf.testserver.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.ErrorResponseException;

/** Run tokens as the API issues them: RS256, checked against a JWKS document served on 127.0.0.1. */
class RunTokensTests {

    static RSAKey apiKey;
    static HttpServer jwks;
    static JwtDecoder decoder;

    @BeforeAll
    static void serveJwks() throws Exception {
        apiKey = new RSAKeyGenerator(2048).keyID("api-1").generate();
        byte[] document = new JWKSet(apiKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, document.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(document);
            }
        });
        jwks.start();
        ControlProperties properties = new ControlProperties(
                URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json"),
                null,
                "waddleperf-node",
                "https://api.example.test",
                Duration.ofMinutes(15),
                Duration.ofMinutes(10),
                Duration.ofSeconds(60));
        decoder = RunTokens.decoder(properties, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    @Test
    void acceptsAnRs256TokenSignedByTheApiKey() {
        Jwt jwt = decoder.decode(TestTokens.rsa(
                apiKey, TestTokens.claims("run-7", Duration.ofMinutes(2)).build()));

        assertThat(jwt.getClaimAsString(RunTokens.RUN_CLAIM)).isEqualTo("run-7");
        RunTokens.requireRun(jwt, "run-7", null);
        assertThatThrownBy(() -> RunTokens.requireRun(jwt, "run-8", null))
                .isInstanceOf(ErrorResponseException.class)
                .extracting(e -> ((ErrorResponseException) e).getStatusCode().value())
                .isEqualTo(403);
    }

    @Test
    void refusesTokensSignedByAnotherKey() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("api-1").generate();

        assertThatThrownBy(() -> decoder.decode(TestTokens.rsa(
                        stranger,
                        TestTokens.claims("run-7", Duration.ofMinutes(2)).build())))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void refusesHmacTokensWhereRs256IsExpected() {
        // Algorithm confusion: an HS256 token must not pass for one signed with the API's key.
        assertThatThrownBy(() -> decoder.decode(TestTokens.forRun("run-7"))).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesTokensForAnotherAudienceOrIssuerOrWithoutRun() {
        String userAccessToken = TestTokens.rsa(
                apiKey,
                TestTokens.claims("run-7", Duration.ofMinutes(2))
                        .audience(List.of("waddleperf-api"))
                        .build());
        String otherIssuer = TestTokens.rsa(
                apiKey,
                TestTokens.claims("run-7", Duration.ofMinutes(2))
                        .issuer("https://evil.example.test")
                        .build());
        String noRun = TestTokens.rsa(
                apiKey,
                TestTokens.claims("run-7", Duration.ofMinutes(2))
                        .claim(RunTokens.RUN_CLAIM, null)
                        .build());

        assertThatThrownBy(() -> decoder.decode(userAccessToken)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(otherIssuer)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(noRun)).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesExpiredAndLongLivedTokens() {
        String expired = TestTokens.rsa(
                apiKey, TestTokens.claims("run-7", Duration.ofMinutes(-5)).build());
        String longLived = TestTokens.rsa(
                apiKey, TestTokens.claims("run-7", Duration.ofDays(1)).build());

        assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(longLived))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("expire within");
    }

    @Test
    void bindsTokensToTheNodeOnceEnrolled() {
        Jwt forNodeA = decoder.decode(TestTokens.rsa(
                apiKey,
                TestTokens.claims("run-7", Duration.ofMinutes(2))
                        .claim(RunTokens.NODE_CLAIM, "node-a")
                        .build()));

        RunTokens.requireRun(forNodeA, "run-7", "node-a");
        assertThatThrownBy(() -> RunTokens.requireRun(forNodeA, "run-7", "node-b"))
                .isInstanceOf(ErrorResponseException.class);
    }
}
