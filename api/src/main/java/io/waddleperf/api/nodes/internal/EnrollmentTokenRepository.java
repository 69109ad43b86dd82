package io.waddleperf.api.nodes.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface EnrollmentTokenRepository extends JpaRepository<EnrollmentTokenEntity, UUID> {

    Optional<EnrollmentTokenEntity> findByTokenHash(String tokenHash);

    /** Uses the token up; exactly one of two racing enrolments gets 1. */
    @Modifying
    @Query("update EnrollmentTokenEntity t set t.usedAt = :now, t.nodeId = :nodeId,"
            + " t.idempotencyKeyHash = :keyHash where t.tokenHash = :hash and t.usedAt is null and t.expiresAt > :now")
    int claim(String hash, UUID nodeId, String keyHash, Instant now);
}
