package io.waddleperf.api.archive;

import io.waddleperf.api.archive.internal.ArchiveCatalogue;
import io.waddleperf.api.runs.RunView;
import io.waddleperf.api.runs.Runs;
import io.waddleperf.api.shared.errors.NotFound;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The archive as people see it: a run's artefacts and short-lived download links. The run is read
 * through {@link Runs} in the caller's organisation, so another organisation's run is a 404 here
 * as everywhere.
 */
@Service
public class CaptureArchive {

    private final Runs runs;
    private final ArchiveCatalogue catalogue;

    CaptureArchive(Runs runs, ArchiveCatalogue catalogue) {
        this.runs = runs;
        this.catalogue = catalogue;
    }

    /** The run's artefacts and, for a tier run, its children's. */
    public List<ArtefactView> artefacts(UUID orgId, UUID runId) {
        RunView run = runs.get(runId);
        List<UUID> ids = new ArrayList<>();
        ids.add(run.id());
        run.children().forEach(child -> ids.add(child.id()));
        return catalogue.list(orgId, ids);
    }

    public DownloadLink download(UUID orgId, UUID runId, String name) {
        runs.get(runId);
        return catalogue.link(orgId, runId, name).orElseThrow(() -> new NotFound("Artefact"));
    }
}
