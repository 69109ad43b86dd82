package io.waddleperf.api.identity.internal;

import io.waddleperf.api.shared.security.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Tenant-filtered: within an organisation request these only see that organisation's rows. */
interface MembershipRepository extends JpaRepository<MembershipEntity, UUID> {

    List<MembershipEntity> findByUserId(UUID userId);

    Optional<MembershipEntity> findByOrgIdAndUserId(UUID orgId, UUID userId);

    List<MembershipEntity> findAllByOrderByCreatedAtAsc();

    long countByRole(Role role);
}
