package io.waddleperf.api.identity.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The RSA key pair that signs access tokens, shared by every API replica through the database. */
@Entity
@Table(name = "signing_keys")
class SigningKeyEntity {

    @Id
    private String kid;

    @Column(name = "private_key", nullable = false)
    private String privateKey;

    @Column(name = "public_key", nullable = false)
    private String publicKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SigningKeyEntity() {}

    SigningKeyEntity(String kid, String privateKey, String publicKey, Instant createdAt) {
        this.kid = kid;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.createdAt = createdAt;
    }

    String kid() {
        return kid;
    }

    String privateKey() {
        return privateKey;
    }

    String publicKey() {
        return publicKey;
    }
}
