package io.waddleperf.testserver.control;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the control API checks per-run tokens. With neither a JWKS URI nor a static key the node
 * still serves echo and speed tests but accepts no runs.
 *
 * @param jwksUri the API's JWKS document; run tokens are RS256 JWTs signed by the API
 * @param staticKey standalone mode: an HMAC-SHA256 secret (at least 32 bytes) shared with whoever
 *     dispatches runs
 * @param audience the {@code aud} a run token must carry, so the API's user access tokens (same
 *     signing key) are not accepted here
 * @param issuer the {@code iss} a run token must carry, when set
 * @param maxTokenLifetime tokens that expire later than this from now are refused: a leaked token
 *     must be worthless soon
 * @param retention how long a finished run's events stay readable
 * @param throughputQueueWait how long an accepted throughput run may wait for a free slot when the
 *     node is at capacity before it fails with {@code node-busy}
 */
@Validated
@ConfigurationProperties("waddleperf.control")
record ControlProperties(
        @Nullable URI jwksUri,

        @Nullable @Size(min = 32, message = "must be at least 32 bytes (HS256)")
        String staticKey,

        @DefaultValue("waddleperf-node") @NotBlank String audience,
        @Nullable String issuer,
        @DefaultValue("15m") Duration maxTokenLifetime,
        @DefaultValue("10m") Duration retention,
        @DefaultValue("60s") Duration throughputQueueWait) {}
