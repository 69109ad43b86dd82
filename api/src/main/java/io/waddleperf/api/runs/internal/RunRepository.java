package io.waddleperf.api.runs.internal;

import io.waddleperf.api.runs.RunStatus;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface RunRepository extends JpaRepository<RunEntity, UUID> {

    /** Every change to a run tree locks its root row first, so one tree's changes serialise. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from RunEntity r where r.id = :id")
    Optional<RunEntity> lockById(UUID id);

    /**
     * The root of a run's tree, as a plain value: loading the entity here would put an unlocked,
     * possibly stale copy of the root into the session, and the locking read that follows would
     * hand back that copy instead of the row it waited for.
     */
    @Query("select r.rootRunId from RunEntity r where r.id = :id")
    Optional<UUID> findRootRunId(UUID id);

    List<RunEntity> findByParentRunIdOrderByCreatedAtAscIdAsc(UUID parentRunId);

    long countByParentRunIdIsNullAndCreatedAtGreaterThanEqual(java.time.Instant since);

    List<RunEntity> findByParentRunIdIn(Collection<UUID> parentRunIds);

    /** Top-level runs, most recent first, after the keyset cursor ({@code createdAt}, {@code id}). */
    @Query("""
            select r from RunEntity r
            where r.parentRunId is null
              and (:status is null or r.status = :status)
              and (:testId is null or r.testId = :testId)
              and (:afterCreated is null or r.createdAt < :afterCreated
                   or (r.createdAt = :afterCreated and r.id < :afterId))
            order by r.createdAt desc, r.id desc
            """)
    List<RunEntity> page(RunStatus status, UUID testId, Instant afterCreated, UUID afterId, Limit limit);

    /** Platform scope: unfinished probe runs past their deadline. */
    @Query("""
            select r from RunEntity r
            where r.probeType is not null and r.status in :open and r.deadlineAt < :before
            """)
    List<RunEntity> overdue(Collection<RunStatus> open, Instant before, Limit limit);

    @Query("""
            select r from RunEntity r where r.monitorId = :monitorId and r.parentRunId is null
            and r.escalation is not null and r.createdAt >= :from and r.createdAt < :to
            order by r.createdAt asc, r.id asc""")
    List<RunEntity> escalations(UUID monitorId, Instant from, Instant to, Limit limit);
}
