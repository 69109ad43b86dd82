package io.waddleperf.api.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Tokens signed with the API's real key but expired, or for another issuer, are refused. */
@ApiIntegrationTest
class ExpiredTokenIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    SigningKeys keys;

    @Test
    void expiredTokenSignedWithOurKeyGets401() throws Exception {
        String expired = sign(
                "waddleperf", Instant.now().minusSeconds(3600), Instant.now().minusSeconds(120));

        Response response = new HttpTestClient(port).get("/api/v1/me", "Authorization", "Bearer " + expired);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void validTokenSignedWithOurKeyIsAccepted() throws Exception {
        String valid = sign("waddleperf", Instant.now(), Instant.now().plusSeconds(300));

        Response response = new HttpTestClient(port).get("/api/v1/orgs", "Authorization", "Bearer " + valid);

        assertThat(response.status())
                .as("control case: same construction, not expired")
                .isEqualTo(200);
    }

    private String sign(String issuer, Instant issued, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .claim("roles", List.of())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(keys.rsaKey().getKeyID())
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(keys.rsaKey()));
        return jwt.serialize();
    }
}
