package io.waddleperf.api.runs.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface RunEventRepository extends JpaRepository<RunEventEntity, UUID> {

    List<RunEventEntity> findByRootRunIdAndSeqGreaterThanOrderBySeqAsc(UUID rootRunId, long seq, Limit limit);

    List<RunEventEntity> findByRunIdAndSeqGreaterThanOrderBySeqAsc(UUID runId, long seq, Limit limit);

    List<RunEventEntity> findByRunIdAndEventOrderBySeqAsc(UUID runId, String event);
}
