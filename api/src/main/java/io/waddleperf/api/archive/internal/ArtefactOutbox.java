package io.waddleperf.api.archive.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waddleperf.api.shared.ids.Ids;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Takes an artefact into the archive: the content goes to the spool (on disk, forced) and its row
 * into the caller's transaction. If that transaction rolls back, the spool copy is deleted after
 * it; if the process dies in between, the start-up scan counts an orphan file that no row names,
 * which costs disk, never data. Only after S3 confirmed an upload does the uploader delete the
 * spool copy.
 */
@Component
class ArtefactOutbox {

    private static final Logger log = LoggerFactory.getLogger(ArtefactOutbox.class);

    /** Outcome of {@link #accept}. */
    enum Accepted {
        SPOOLED,
        DUPLICATE,
        SPOOL_FULL,
        SPOOL_FAILED
    }

    private final ArtefactSpool spool;
    private final ArtefactStore store;
    private final Clock clock;
    private final Counter refused;

    ArtefactOutbox(ArtefactSpool spool, ArtefactStore store, Clock clock, MeterRegistry meters) {
        this.spool = spool;
        this.store = store;
        this.clock = clock;
        this.refused = Counter.builder("waddleperf.archive.spool.refused")
                .description("Artefacts not archived because the spool was full or its disk failed")
                .register(meters);
    }

    /** Must run inside a transaction: the row commits or rolls back with the caller's work. */
    Accepted accept(
            UUID orgId,
            UUID runId,
            Instant runCreatedAt,
            Instant runFinishedAt,
            String name,
            String contentType,
            byte[] content) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "Artefacts must be recorded inside the transaction that ends their run or takes them over");
        }
        String key = ArtefactKeys.key(orgId, runId, runCreatedAt, name);
        if (store.exists(runId, name)) {
            return Accepted.DUPLICATE;
        }
        if (!spool.hasRoomFor(content.length)) {
            refused.increment();
            log.warn(
                    "Archive spool full ({} of {} bytes): artefact {} of run {} is not archived",
                    spool.usedBytes(),
                    spool.limitBytes(),
                    name,
                    runId);
            return Accepted.SPOOL_FULL;
        }
        UUID id = Ids.newId();
        try {
            spool.write(id, content);
        } catch (UncheckedIOException e) {
            // A broken disk must not keep the run from ending: the run and its result are the
            // record; its archive copy is what is lost, loudly.
            refused.increment();
            log.error("Could not spool artefact {} of run {}; it is not archived", name, runId, e);
            return Accepted.SPOOL_FAILED;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    spool.delete(id);
                }
            }
        });
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.insert(new ArtefactStore.Row(
                id,
                orgId,
                runId,
                name,
                key,
                contentType,
                content.length,
                sha256(content),
                ArtefactStore.SPOOLED,
                spool.id(),
                0,
                runFinishedAt.truncatedTo(ChronoUnit.MICROS),
                now,
                null));
        return Accepted.SPOOLED;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
