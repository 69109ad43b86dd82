package io.waddleperf.api.archive.internal;

import io.waddleperf.api.shared.scheduling.ClusterJob;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Deletes from S3 the artefacts retention marked ({@code deleting}), then their rows. A cluster
 * job: the objects are shared, so one replica at a time is enough. The spool copy of an artefact
 * that never reached S3 is deleted if it is in this replica's spool; in another's it becomes an
 * orphan, which that replica's uploader sweeps after {@code orphan-grace}.
 */
@Component
class ArchiveDeletions implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(ArchiveDeletions.class);

    private final ArtefactStore store;
    private final ArtefactSpool spool;
    private final S3Connection s3;
    private final ArchiveProperties properties;

    ArchiveDeletions(ArtefactStore store, ArtefactSpool spool, S3Connection s3, ArchiveProperties properties) {
        this.store = store;
        this.spool = spool;
        this.s3 = s3;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "archive-deletions";
    }

    @Override
    public Duration interval() {
        return properties.uploadInterval();
    }

    @Override
    public void run() {
        for (ArtefactStore.Row row : store.deleting(properties.uploadBatchSize())) {
            try {
                // Deleting a missing key succeeds, so a repeat after a crash is harmless.
                s3.client().deleteObject(b -> b.bucket(s3.bucket()).key(row.key()));
            } catch (SdkException e) {
                log.warn("Archive delete of {} failed, retried next run: {}", row.key(), e.toString());
                return;
            }
            spool.delete(row.id());
            store.delete(row.id());
        }
    }
}
