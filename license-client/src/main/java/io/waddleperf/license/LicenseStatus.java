package io.waddleperf.license;

import java.time.Instant;
import java.util.Optional;

/**
 * The online license as the client currently sees it, for status pages and health checks.
 *
 * @param license the last good answer while it still stands: not rejected since and, during an
 *     outage, within the grace period; it may have expired since (see {@link License#expiresAt()})
 * @param lastCheck the last time the server was asked, whatever the outcome
 * @param lastSuccess the last time the server confirmed the license
 * @param inGrace the server is unavailable and the last good answer stands in for it
 * @param graceEndsAt when the last good answer stops standing in (last success + grace)
 * @param lastFailure why the last check did not succeed, if it did not
 */
public record LicenseStatus(
        Optional<License> license,
        Optional<Instant> lastCheck,
        Optional<Instant> lastSuccess,
        boolean inGrace,
        Optional<Instant> graceEndsAt,
        Optional<String> lastFailure) {}
