package io.waddleperf.api.identity.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RefreshTokenRepository extends JpaRepository<RefreshTokenEntity, UUID> {

    Optional<RefreshTokenEntity> findByTokenHash(String tokenHash);

    /** Marks the token used if nobody has; returns 1 for the one caller that got it. */
    @Modifying
    @Query("update RefreshTokenEntity t set t.usedAt = :now where t.tokenHash = :hash and t.usedAt is null"
            + " and t.revokedAt is null")
    int claim(String hash, Instant now);

    @Modifying
    @Query("update RefreshTokenEntity t set t.revokedAt = :now where t.familyId = :familyId and t.revokedAt is null")
    int revokeFamily(UUID familyId, Instant now);
}
