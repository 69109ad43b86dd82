package io.waddleperf.api.archive.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.waddleperf.api.shared.scheduling.ReplicaJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ships this replica's spooled artefacts to S3. A replica job, not a cluster job: the spool is
 * this replica's disk (see {@link ArtefactSpool#id()}), so every replica drains its own every
 * {@code upload-interval}. As a cluster job, one replica at a time, each spool was drained only on
 * the turns its replica happened to take, and a replica that seldom won the poll fell behind.
 * Uploads are create-only ({@code If-None-Match: *}): a 412 means an earlier attempt stored the
 * object but its answer was lost, which the stored SHA-256 confirms (then the artefact counts as
 * stored), or that another object holds the key, which is never overwritten ({@code conflict}).
 * The same 412 makes two replicas that share one spool volume harmless to each other: the second
 * upload of an artefact finds the first's object and confirms it. The spool copy is deleted only
 * after S3 confirmed the object. A failed attempt backs off exponentially; an unreachable store
 * ends the pass early instead of failing every due artefact in turn. Deleting what retention
 * marked is work for the whole cluster: {@link ArchiveDeletions}.
 */
@Component
class ArchiveUploader implements ReplicaJob {

    private static final Logger log = LoggerFactory.getLogger(ArchiveUploader.class);
    static final String SHA256_METADATA = "sha256";
    private static final int ORPHAN_SWEEP_LIMIT = 1000;

    private final ArtefactStore store;
    private final ArtefactSpool spool;
    private final S3Connection s3;
    private final ArchiveProperties properties;
    private final Clock clock;
    private final Timer delay;
    // Once per orphanGrace, over this replica's spool: orphans are a crash's leftovers, rare and
    // harmless until the disk fills, so an hourly look is plenty.
    private volatile Instant nextOrphanSweep = Instant.MIN;

    ArchiveUploader(
            ArtefactStore store,
            ArtefactSpool spool,
            S3Connection s3,
            ArchiveProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.spool = spool;
        this.s3 = s3;
        this.properties = properties;
        this.clock = clock;
        this.delay = Timer.builder("waddleperf.archive.upload.delay")
                .description("From the run's end to its artefact confirmed in S3")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @Override
    public String name() {
        return "archive-uploader";
    }

    @Override
    public Duration interval() {
        return properties.uploadInterval();
    }

    @Override
    public void run() {
        drain();
    }

    /** One pass over every due upload of this spool; answers how many artefacts reached S3. */
    int drain() {
        if (!now().isBefore(nextOrphanSweep)) {
            sweepOrphans();
        }
        int stored = 0;
        List<ArtefactStore.Row> due = new ArrayList<>(store.due(spool.id(), now(), properties.uploadBatchSize()));
        // The oldest batch, in no fixed order: replicas that share a spool then seldom upload the
        // same artefact at the same moment (which would be harmless, see above, but wasted).
        Collections.shuffle(due);
        for (ArtefactStore.Row row : due) {
            Outcome outcome = upload(row);
            if (outcome == Outcome.STORED) {
                stored++;
            } else if (outcome == Outcome.UNREACHABLE) {
                break;
            }
        }
        return stored;
    }

    enum Outcome {
        STORED,
        FAILED,
        UNREACHABLE,
        CONFLICT
    }

    private Outcome upload(ArtefactStore.Row row) {
        UUID id = row.id();
        if (!spool.exists(id)) {
            // The row names this spool but the file is gone (the disk was replaced): nothing left
            // to ship. Kept as a conflict for people to see rather than retried forever.
            store.markConflict(id, "The spool file is missing; the artefact cannot be shipped");
            return Outcome.CONFLICT;
        }
        try {
            s3.client()
                    .putObject(
                            b -> b.bucket(s3.bucket())
                                    .key(row.key())
                                    .ifNoneMatch("*")
                                    .contentType(row.contentType())
                                    .contentLength(row.sizeBytes())
                                    .metadata(Map.of(SHA256_METADATA, row.sha256())),
                            RequestBody.fromFile(spool.path(id)));
            return confirmed(row);
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return alreadyThere(row);
            }
            return failed(row, e, e.statusCode() >= 500 ? Outcome.UNREACHABLE : Outcome.FAILED);
        } catch (SdkClientException e) {
            return failed(row, e, Outcome.UNREACHABLE);
        }
    }

    private Outcome alreadyThere(ArtefactStore.Row row) {
        try {
            HeadObjectResponse head =
                    s3.client().headObject(b -> b.bucket(s3.bucket()).key(row.key()));
            if (row.sha256().equals(head.metadata().get(SHA256_METADATA)) && head.contentLength() == row.sizeBytes()) {
                return confirmed(row);
            }
            store.markConflict(row.id(), "A different object already exists under " + row.key());
            log.error("Archive key {} holds a different object; artefact {} is kept in the spool", row.key(), row.id());
            return Outcome.CONFLICT;
        } catch (SdkException e) {
            return failed(row, e, Outcome.UNREACHABLE);
        }
    }

    private Outcome confirmed(ArtefactStore.Row row) {
        Instant now = now();
        if (store.markStored(row.id(), now) == 1) {
            delay.record(Duration.between(row.runFinishedAt(), now));
        }
        spool.delete(row.id());
        return Outcome.STORED;
    }

    private Outcome failed(ArtefactStore.Row row, SdkException e, Outcome outcome) {
        int attempts = row.attempts() + 1;
        Duration backOff = backOff(attempts);
        store.reschedule(
                row.id(), attempts, now().plus(backOff), e.getMessage() == null ? e.toString() : e.getMessage());
        log.warn(
                "Archive upload of {} failed (attempt {}), next in {}: {}", row.key(), attempts, backOff, e.toString());
        return outcome;
    }

    /** {@code min × 2^(attempts-1)}, at most {@code max}. */
    Duration backOff(int attempts) {
        Duration min = properties.retryMinDelay();
        Duration max = properties.retryMaxDelay();
        int shift = Math.min(attempts - 1, 30);
        Duration wanted = min.multipliedBy(1L << shift);
        return wanted.compareTo(max) > 0 ? max : wanted;
    }

    /**
     * Deletes spool files older than {@code orphanGrace} that no outbox row names (a crash between
     * the spool write and the commit of the run's end); answers how many. A file whose row exists
     * in any state is kept: it is shipped, or kept for people to look at ({@code conflict}).
     */
    int sweepOrphans() {
        Instant now = now();
        nextOrphanSweep = now.plus(properties.orphanGrace());
        List<UUID> old = spool.writtenBefore(now.minus(properties.orphanGrace()), ORPHAN_SWEEP_LIMIT);
        Set<UUID> known = store.known(old);
        int deleted = 0;
        for (UUID id : old) {
            if (!known.contains(id) && spool.delete(id)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            log.info("Archive spool: deleted {} orphaned file(s) that no artefact row names", deleted);
        }
        return deleted;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
