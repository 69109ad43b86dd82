package io.waddleperf.api.identity.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs per-run node tokens with the same key as access tokens, so nodes verify both against the
 * one JWKS; the {@code aud} keeps them apart (a node accepts only its audience, and the API's
 * resource server never sees these).
 */
@Component
public class RunTokenIssuer {

    private final NimbusJwtEncoder encoder;
    private final SigningKeys keys;
    private final IdentityProperties properties;

    RunTokenIssuer(SigningKeys keys, IdentityProperties properties) {
        this.keys = keys;
        this.properties = properties;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.rsaKey())));
    }

    public String sign(String audience, UUID runId, UUID nodeId, Instant issuedAt, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject("run:" + runId)
                .audience(List.of(audience))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim("run", runId.toString())
                .claim("node", nodeId.toString())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(keys.rsaKey().getKeyID())
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
