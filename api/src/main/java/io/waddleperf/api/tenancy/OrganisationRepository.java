package io.waddleperf.api.tenancy;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface OrganisationRepository extends JpaRepository<OrganisationEntity, UUID> {

    boolean existsBySlug(String slug);

    Optional<OrganisationEntity> findBySlug(String slug);
}
