package io.waddleperf.testserver.control;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Per-run tokens: short-lived JWTs the API signs for one run (docs/node-protocol.md). A token
 * must carry {@code run} (the run id it is good for), {@code aud} (this node's audience),
 * {@code exp} (no later than the configured lifetime from now) and, once the node has enrolled,
 * {@code node} (its id), so a token leaked from one run or one node is no use anywhere else.
 */
final class RunTokens {

    static final String RUN_CLAIM = "run";
    static final String NODE_CLAIM = "node";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private RunTokens() {}

    static JwtDecoder decoder(ControlProperties properties, Clock clock) {
        NimbusJwtDecoder decoder;
        if (properties.jwksUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else if (properties.staticKey() != null && !properties.staticKey().isBlank()) {
            SecretKeySpec key =
                    new SecretKeySpec(properties.staticKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            decoder = NimbusJwtDecoder.withSecretKey(key)
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        } else {
            return token -> {
                throw new BadJwtException("This node has no run-token key: set waddleperf.control.jwks-uri"
                        + " or waddleperf.control.static-key");
            };
        }
        decoder.setJwtValidator(validator(properties, clock));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(ControlProperties properties, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(
                timestamps,
                shortLived(properties.maxTokenLifetime(), clock),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(properties.audience())),
                new JwtClaimValidator<Object>(RUN_CLAIM, run -> run instanceof String id && !id.isBlank())));
        if (properties.issuer() != null && !properties.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(properties.issuer()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Requires {@code exp}, and refuses tokens that would stay valid for long. */
    private static OAuth2TokenValidator<Jwt> shortLived(Duration maxLifetime, Clock clock) {
        return jwt -> {
            Instant expiry = jwt.getExpiresAt();
            if (expiry == null) {
                return failure("run tokens must carry exp");
            }
            if (expiry.isAfter(clock.instant().plus(maxLifetime).plus(CLOCK_SKEW))) {
                return failure("run tokens must expire within " + maxLifetime);
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }

    /** Throws 403 unless {@code jwt} was issued for this run (and this node, once enrolled). */
    static void requireRun(Jwt jwt, String runId, @Nullable String nodeId) {
        if (!Objects.equals(jwt.getClaimAsString(RUN_CLAIM), runId)) {
            throw NodeProblems.tokenNotForRun(runId);
        }
        if (nodeId != null && !Objects.equals(jwt.getClaimAsString(NODE_CLAIM), nodeId)) {
            throw NodeProblems.tokenNotForRun(runId);
        }
    }
}
