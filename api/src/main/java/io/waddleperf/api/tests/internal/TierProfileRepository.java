package io.waddleperf.api.tests.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Tenant-filtered. */
interface TierProfileRepository extends JpaRepository<TierProfileEntity, UUID> {

    Optional<TierProfileEntity> findByTier(int tier);
}
