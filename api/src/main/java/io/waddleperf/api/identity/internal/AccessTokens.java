package io.waddleperf.api.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.waddleperf.api.shared.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Issues and verifies this API's own RS256 access tokens. */
@Component
class AccessTokens {

    static final String ORG_CLAIM = "org";
    static final String ROLES_CLAIM = "roles";
    static final String OPERATOR_ROLE = "OPERATOR";

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final SigningKeys keys;
    private final IdentityProperties properties;
    private final Clock clock;

    AccessTokens(SigningKeys keys, IdentityProperties properties, Clock clock) throws JOSEException {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.rsaKey())));
        this.decoder = NimbusJwtDecoder.withPublicKey(keys.rsaKey().toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(properties.issuer())));
    }

    record Issued(String token, Instant expiresAt) {}

    Issued issue(UUID userId, String email, @Nullable UUID orgId, @Nullable Role role, boolean operator) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(userId.toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim("email", email)
                .claim(ROLES_CLAIM, roles(role, operator));
        if (orgId != null) {
            claims.claim(ORG_CLAIM, orgId.toString());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(keys.rsaKey().getKeyID())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build()))
                .getTokenValue();
        return new Issued(token, expiresAt);
    }

    /** The {@code roles} claim: the role in the token's organisation, plus OPERATOR for operators. */
    static List<String> roles(@Nullable Role role, boolean operator) {
        List<String> roles = new ArrayList<>();
        if (role != null) {
            roles.add(role.name());
        }
        if (operator) {
            roles.add(OPERATOR_ROLE);
        }
        return List.copyOf(roles);
    }

    JwtDecoder decoder() {
        return decoder;
    }

    String issuer() {
        return properties.issuer();
    }
}
