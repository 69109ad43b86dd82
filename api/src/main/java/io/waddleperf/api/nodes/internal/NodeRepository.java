package io.waddleperf.api.nodes.internal;

import io.waddleperf.api.nodes.Node;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface NodeRepository extends JpaRepository<NodeEntity, UUID> {

    Optional<NodeEntity> findByCredentialHash(String credentialHash);

    List<NodeEntity> findAllByOrderByNameAsc();

    long countByStatusNot(Node.Status status);

    /**
     * Marks silent nodes offline. Idempotent and lock-free, so every API replica may run it on its
     * own schedule: on a Galera cluster concurrent runs change the same rows to the same value.
     */
    @Modifying
    @Query("update NodeEntity n set n.status = io.waddleperf.api.nodes.Node.Status.OFFLINE"
            + " where n.status = io.waddleperf.api.nodes.Node.Status.ONLINE and n.lastHeartbeatAt < :before")
    int markOffline(Instant before);
}
