package io.waddleperf.api.archive.internal;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Capture archive settings ({@code waddleperf.archive}).
 *
 * @param endpoint S3 endpoint override (an S3-compatible store, or a regional AWS endpoint); blank
 *     starts the embedded S3Proxy under {@code dataDir/s3} and talks to it with the same client
 * @param region signing region
 * @param bucket where artefacts go; must exist on a real store (the embedded one creates it)
 * @param accessKeyId with {@code secretAccessKey}: static credentials; both blank uses the AWS
 *     default provider chain (environment, profile, web identity, instance role)
 * @param pathStyle path-style addressing ({@code endpoint/bucket/key}), which S3-compatible stores
 *     need; AWS itself prefers virtual-host style
 * @param dataDir the spool ({@code spool/}) and the embedded store ({@code s3/})
 * @param spoolLimit bytes the spool may hold; beyond it new artefacts are refused and health says
 *     OUT_OF_SERVICE
 * @param maxArtefactSize largest single artefact (413 above it)
 * @param downloadUrlTtl lifetime of a presigned download URL
 * @param uploadInterval how often each replica's uploader looks for due artefacts in its spool, and the
 *     deletions cluster job for artefacts retention marked
 * @param retryMinDelay first back-off after a failed upload; doubles per attempt
 * @param retryMaxDelay longest back-off
 * @param uploadBatchSize artefacts one uploader run takes at most
 * @param orphanGrace age after which a spool file without an outbox row is deleted; such a file is
 *     left by a crash between the spool write and the commit of the run's end (or a rolled-back
 *     transaction whose clean-up did not run), and no transaction lives this long
 */
@Validated
@ConfigurationProperties("waddleperf.archive")
public record ArchiveProperties(
        @DefaultValue("") String endpoint,
        @DefaultValue("us-east-1") @NotBlank String region,

        @DefaultValue("waddleperf-archive") @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
        String bucket,

        @DefaultValue("") String accessKeyId,
        @DefaultValue("") String secretAccessKey,
        @DefaultValue("true") boolean pathStyle,
        @NotNull Path dataDir,
        @DefaultValue("1GB") @NotNull DataSize spoolLimit,
        @DefaultValue("64MB") @NotNull DataSize maxArtefactSize,
        @DefaultValue("5m") @NotNull Duration downloadUrlTtl,
        @DefaultValue("1s") @NotNull Duration uploadInterval,
        @DefaultValue("1s") @NotNull Duration retryMinDelay,
        @DefaultValue("1m") @NotNull Duration retryMaxDelay,
        @DefaultValue("100") @Min(1) @Max(1000) int uploadBatchSize,
        @DefaultValue("1h") @NotNull Duration orphanGrace) {

    public boolean embedded() {
        return endpoint.isBlank();
    }

    @AssertTrue(message = "set both accessKeyId and secretAccessKey, or neither (default provider chain)")
    boolean isCredentialsPaired() {
        return accessKeyId.isBlank() == secretAccessKey.isBlank();
    }

    @AssertTrue(message = "downloadUrlTtl must be between 1 second and 7 days (SigV4's limit)")
    boolean isDownloadUrlTtlValid() {
        return !downloadUrlTtl.isNegative()
                && downloadUrlTtl.compareTo(Duration.ofSeconds(1)) >= 0
                && downloadUrlTtl.compareTo(Duration.ofDays(7)) <= 0;
    }

    @AssertTrue(message = "maxArtefactSize must not exceed spoolLimit")
    boolean isArtefactSizeWithinSpool() {
        return maxArtefactSize.toBytes() > 0 && maxArtefactSize.toBytes() <= spoolLimit.toBytes();
    }

    @AssertTrue(message = "retryMinDelay must be positive and not above retryMaxDelay")
    boolean isRetryDelaysOrdered() {
        return retryMinDelay.isPositive() && retryMinDelay.compareTo(retryMaxDelay) <= 0;
    }

    @AssertTrue(message = "orphanGrace must be at least 1 minute, longer than any transaction")
    boolean isOrphanGraceLongEnough() {
        return orphanGrace.compareTo(Duration.ofMinutes(1)) >= 0;
    }

    Path spoolDir() {
        return dataDir.resolve("spool");
    }

    Path embeddedStoreDir() {
        return dataDir.resolve("s3");
    }
}
