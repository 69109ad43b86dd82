package io.waddleperf.api.identity.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface SigningKeyRepository extends JpaRepository<SigningKeyEntity, String> {

    Optional<SigningKeyEntity> findFirstByOrderByCreatedAtAsc();
}
