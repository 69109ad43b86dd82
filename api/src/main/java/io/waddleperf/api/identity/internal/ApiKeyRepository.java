package io.waddleperf.api.identity.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiKeyRepository extends JpaRepository<ApiKeyEntity, UUID> {

    Optional<ApiKeyEntity> findBySecretHash(String secretHash);

    List<ApiKeyEntity> findAllByOrderByCreatedAtDesc();
}
