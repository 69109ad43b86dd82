package io.waddleperf.api.identity.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import org.springframework.data.domain.Persistable;

/** The RSA key pair that signs access tokens, shared by every API replica through the database. */
@Entity
@Table(name = "signing_keys")
class SigningKeyEntity implements Persistable<String> {

    @Id
    private String kid;

    @Column(name = "private_key", nullable = false)
    private String privateKey;

    @Column(name = "public_key", nullable = false)
    private String publicKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /**
     * A key made here is always inserted: with its fixed id, a merge would read another replica's
     * row and overwrite it instead of failing on the primary key.
     */
    @Transient
    private boolean fresh;

    protected SigningKeyEntity() {}

    SigningKeyEntity(String kid, String privateKey, String publicKey, Instant createdAt) {
        this.kid = kid;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.createdAt = createdAt;
        this.fresh = true;
    }

    @Override
    public String getId() {
        return kid;
    }

    @Override
    public boolean isNew() {
        return fresh;
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
