package io.waddleperf.api.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 key that signs access tokens. Generated on the first start and kept in the database,
 * so every replica signs and verifies with the same key and tokens survive restarts. Replicas
 * starting at once on an empty database may each generate one: every generated first key has the
 * same key id ({@link #FIRST_KID}), so the primary key lets one insert win (a duplicate key on one
 * server, a certification failure on Galera), and the losers read the winner's. Every replica
 * signs with the oldest stored key.
 */
@Component
class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** The key id of a generated key: the same on every replica, so only one insert can win. */
    static final String FIRST_KID = "waddleperf-generated-1";

    private final RSAKey key;

    SigningKeys(
            SigningKeyRepository keys, TransactionTemplate transactions, Clock clock, IdentityProperties properties) {
        if (properties.signingKeyFile() != null) {
            try {
                this.key = fromPem(Files.readString(properties.signingKeyFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the signing key " + properties.signingKeyFile(), e);
            }
            log.info("Signing tokens with the configured key {}", key.getKeyID());
            return;
        }
        SigningKeyEntity stored = null;
        for (int attempt = 1; stored == null; attempt++) {
            stored = transactions.execute(
                    status -> keys.findFirstByOrderByCreatedAtAsc().orElse(null));
            if (stored != null) {
                break;
            }
            try {
                stored = transactions.execute(status -> keys.saveAndFlush(generate(clock)));
                log.info("Generated the token signing key {}", stored.kid());
            } catch (DataIntegrityViolationException | ConcurrencyFailureException raced) {
                if (attempt >= 10) {
                    throw raced;
                }
                // Another replica's key won. On Galera its row is certified but may not be applied
                // on this node yet: read again shortly.
                LockSupport.parkNanos(Duration.ofMillis(50L * attempt).toNanos());
            }
        }
        this.key = toJwk(stored);
    }

    RSAKey rsaKey() {
        return key;
    }

    JWKSet publicJwks() {
        return new JWKSet(key.toPublicJWK());
    }

    private static SigningKeyEntity generate(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return new SigningKeyEntity(
                    FIRST_KID,
                    base64.encodeToString(pair.getPrivate().getEncoded()),
                    base64.encodeToString(pair.getPublic().getEncoded()),
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides RSA", e);
        }
    }

    /** An RSA private key in PKCS#8 PEM; the key id is its RFC 7638 thumbprint. */
    static RSAKey fromPem(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey)
                    rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RSAKey withoutId =
                    new RSAKey.Builder(publicKey).privateKey(privateKey).build();
            return new RSAKey.Builder(withoutId).keyIDFromThumbprint().build();
        } catch (NoSuchAlgorithmException
                | InvalidKeySpecException
                | JOSEException
                | IllegalArgumentException
                | ClassCastException e) {
            throw new IllegalStateException("the signing key file is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    private static RSAKey toJwk(SigningKeyEntity entity) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            Base64.Decoder base64 = Base64.getDecoder();
            RSAPublicKey publicKey =
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(base64.decode(entity.publicKey())));
            RSAPrivateKey privateKey =
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(entity.privateKey())));
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyID(entity.kid())
                    .build();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("stored signing key " + entity.kid() + " is unreadable", e);
        }
    }
}
