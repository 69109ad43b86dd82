package io.waddleperf.api.identity.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "users")
class UserEntity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash")
    private String passwordHash;

    private boolean operator;

    @Column(name = "failed_logins")
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected UserEntity() {}

    UserEntity(UUID id, String email, String displayName, String passwordHash, boolean operator, Instant createdAt) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.operator = operator;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    String email() {
        return email;
    }

    String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean operator() {
        return operator;
    }

    int failedLogins() {
        return failedLogins;
    }

    Instant lockedUntil() {
        return lockedUntil;
    }

    void loginFailed(int failures, Instant lockedUntil) {
        this.failedLogins = failures;
        this.lockedUntil = lockedUntil;
    }

    void changePassword(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    void loginSucceeded() {
        this.failedLogins = 0;
        this.lockedUntil = null;
    }
}
