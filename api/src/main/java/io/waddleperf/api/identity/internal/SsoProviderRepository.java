package io.waddleperf.api.identity.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface SsoProviderRepository extends JpaRepository<SsoProviderEntity, UUID> {

    Optional<SsoProviderEntity> findByIssuerUri(String issuerUri);
}
