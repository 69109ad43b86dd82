package io.waddleperf.api.archive;

import java.net.URI;
import java.time.Instant;

/** A presigned GET of one stored artefact; anyone holding the URL may fetch it until it expires. */
public record DownloadLink(URI url, Instant expiresAt, String name, long sizeBytes, String sha256) {}
