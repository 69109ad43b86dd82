package io.waddleperf.api.audit;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEventRepository extends JpaRepository<AuditEventEntity, UUID> {

    // Scoped to the current organisation by Hibernate's tenant filter.
    Page<AuditEventEntity> findAllByOrderByCreatedAtDescIdDesc(Pageable page);
}
