package io.waddleperf.api.tests.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Tenant-filtered: only the current organisation's tests. */
interface TestRepository extends JpaRepository<TestEntity, UUID> {

    List<TestEntity> findAllByOrderByNameAsc();
}
