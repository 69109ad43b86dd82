package io.waddleperf.testserver.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Signs run tokens the way the API does, with knobs to make them wrong. */
final class TestTokens {

    static final String STATIC_KEY = "test-static-key-0123456789abcdef-0123456789";

    private TestTokens() {}

    static JWTClaimsSet.Builder claims(String runId, Duration validFor) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("https://api.example.test")
                .audience(List.of("waddleperf-node"))
                .claim(RunTokens.RUN_CLAIM, runId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validFor)));
    }

    static String hmac(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(STATIC_KEY.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String forRun(String runId) {
        return hmac(claims(runId, Duration.ofMinutes(5)).build());
    }

    static String rsa(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
