package io.waddleperf.api.archive.internal;

import io.waddleperf.api.archive.ArtefactView;
import io.waddleperf.api.archive.DownloadLink;
import io.waddleperf.api.shared.errors.Conflict;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/** Lists a run's artefacts and presigns downloads of stored ones. */
@Component
public class ArchiveCatalogue {

    private final ArtefactStore store;
    private final S3Connection s3;
    private final ArchiveProperties properties;
    private final Clock clock;

    ArchiveCatalogue(ArtefactStore store, S3Connection s3, ArchiveProperties properties, Clock clock) {
        this.store = store;
        this.s3 = s3;
        this.properties = properties;
        this.clock = clock;
    }

    public List<ArtefactView> list(UUID orgId, Collection<UUID> runIds) {
        return store.forRuns(orgId, runIds).stream()
                .map(ArtefactStore.Row::view)
                .toList();
    }

    /**
     * A presigned GET valid for {@code downloadUrlTtl}; signing is local (no call to S3). An
     * artefact still in the spool has no object yet: 409, try again shortly.
     */
    public Optional<DownloadLink> link(UUID orgId, UUID runId, String name) {
        if (!ArtefactKeys.validName(name)) {
            return Optional.empty();
        }
        return store.find(orgId, runId, name).map(row -> {
            if (!ArtefactStore.STORED.equals(row.state())) {
                throw new Conflict(
                        "artefact-not-stored",
                        "Artefact " + name + " is " + row.state() + ", not in the archive yet; try again shortly");
            }
            PresignedGetObjectRequest presigned = s3.presigner()
                    .presignGetObject(p -> p.signatureDuration(properties.downloadUrlTtl())
                            .getObjectRequest(g -> g.bucket(s3.bucket())
                                    .key(row.key())
                                    .responseContentDisposition(
                                            "attachment; filename=\"" + row.runId() + "-" + name + "\"")));
            return new DownloadLink(
                    URI.create(presigned.url().toString()),
                    clock.instant().plus(properties.downloadUrlTtl()),
                    name,
                    row.sizeBytes(),
                    row.sha256());
        });
    }
}
