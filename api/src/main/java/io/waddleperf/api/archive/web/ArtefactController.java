package io.waddleperf.api.archive.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.archive.ArtefactView;
import io.waddleperf.api.archive.CaptureArchive;
import io.waddleperf.api.archive.DownloadLink;
import io.waddleperf.api.archive.internal.ArtefactKeys;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.security.RequiresFeature;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.license.WaddlePerfFeature;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/runs/{runId}/artefacts")
@Tag(name = "Capture archive")
@RequiresFeature(WaddlePerfFeature.CAPTURE_ARCHIVE)
class ArtefactController {

    private final CaptureArchive archive;

    ArtefactController(CaptureArchive archive) {
        this.archive = archive;
    }

    record ArtefactList(List<ArtefactView> items) {}

    @Operation(
            summary = "A run's archived artefacts (a tier run: its probe runs'), with size and SHA-256",
            description = "state: spooled (waiting for S3), stored (downloadable), conflict. See docs/archive.md.")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    ArtefactList list(@PathVariable UUID orgId, @PathVariable UUID runId) {
        return new ArtefactList(archive.artefacts(orgId, runId));
    }

    @Operation(
            summary = "A presigned download URL for one stored artefact, valid 5 minutes",
            description = "409 artefact-not-stored while it waits in the spool for S3.")
    @GetMapping("/{name}/link")
    @RequiresRole(Role.VIEWER)
    DownloadLink link(@PathVariable UUID orgId, @PathVariable UUID runId, @PathVariable String name) {
        // Checked before the lookup, so a name outside the key layout is a 400, not a 404.
        if (!ArtefactKeys.validName(name)) {
            throw Refused.invalid(
                    "invalid-artefact-name",
                    "An artefact name is 1 to 100 of a-z, 0-9, '.', '_', '-', starts with a letter or digit and"
                            + " has no '..'");
        }
        return archive.download(orgId, runId, name);
    }
}
