package io.waddleperf.api.geo.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.geo.GeoLocator;
import io.waddleperf.api.geo.GeoProperties;
import io.waddleperf.api.geo.internal.GeoReports;
import io.waddleperf.api.geo.internal.HeatmapRequest;
import io.waddleperf.api.geo.internal.Heatmaps;
import io.waddleperf.api.geo.internal.Heatmaps.Heatmap;
import io.waddleperf.api.geo.internal.Heatmaps.PlaceStats;
import io.waddleperf.api.geo.internal.Level;
import io.waddleperf.api.geo.internal.RollupRebuilds;
import io.waddleperf.api.shared.security.RequiresFeature;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.license.WaddlePerfFeature;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orgs/{orgId}/heatmap")
@Tag(name = "Geo")
@RequiresFeature(WaddlePerfFeature.GEO_HEATMAP)
class HeatmapController {

    private final Heatmaps heatmaps;
    private final GeoReports reports;
    private final RollupRebuilds rebuilds;
    private final GeoLocator locator;
    private final GeoProperties properties;
    private final Clock clock;

    HeatmapController(
            Heatmaps heatmaps,
            GeoReports reports,
            RollupRebuilds rebuilds,
            GeoLocator locator,
            GeoProperties properties,
            Clock clock) {
        this.heatmaps = heatmaps;
        this.reports = reports;
        this.rebuilds = rebuilds;
        this.locator = locator;
        this.properties = properties;
        this.clock = clock;
    }

    /** GeoJSON geometry: a Point ([lon, lat]) for cities, a Polygon for cells, null for countries. */
    record Geometry(String type, Object coordinates) {}

    record PlaceProperties(
            String side,
            String level,
            String place,
            String name,
            String countryCode,
            @Nullable Double latitude,
            @Nullable Double longitude,
            long count,
            double min,
            double max,
            double mean,
            double p50,
            double p95) {}

    record Feature(String type, String id, @Nullable Geometry geometry, PlaceProperties properties) {}

    record Credit(String text, String url) {}

    /** A GeoJSON FeatureCollection with the query it answers as foreign members. */
    record HeatmapCollection(
            String type,
            String metric,
            String unit,
            String level,
            @Nullable String side,
            Instant from,
            Instant to,
            int minSamples,
            double relativeAccuracy,
            @Nullable Credit attribution,
            List<Feature> features) {}

    /** A rollup rebuild and how far the cluster job has got; {@code nextHour} is the first hour not done. */
    record RebuildStatus(
            UUID id,
            String kind,
            String state,
            Instant from,
            Instant to,
            Instant nextHour,
            long hoursDone,
            long hoursTotal,
            long resultsRead,
            Instant requestedAt,
            @Nullable Instant finishedAt) {

        static RebuildStatus of(RollupRebuilds.Rebuild r) {
            return new RebuildStatus(
                    r.id(),
                    r.kind().name().toLowerCase(Locale.ROOT),
                    r.state().name().toLowerCase(Locale.ROOT),
                    r.from(),
                    r.to(),
                    r.nextHour(),
                    r.hoursDone(),
                    r.hoursTotal(),
                    r.resultsRead(),
                    r.requestedAt(),
                    r.finishedAt());
        }
    }

    @Operation(
            summary = "Heatmap of a metric by place over a period, as GeoJSON",
            description = "metric: latency (default), download, upload or loss. level: country (default), city,"
                    + " cell3 or cell5 (H3 hexagons). from/to: ISO-8601 instants, whole UTC hours (from rounds"
                    + " down, to up); default the last 7 days. side: client, node or target (default all)."
                    + " bbox: west,south,east,north (city and cell levels). Places with fewer than the"
                    + " configured minimum of samples (default 5) are left out. Percentiles come from"
                    + " hourly rollups, within relativeAccuracy of the exact value.")
    @GetMapping
    @RequiresRole(Role.VIEWER)
    HeatmapCollection heatmap(
            @PathVariable UUID orgId,
            @Parameter(description = "latency, download, upload or loss") @RequestParam(required = false) @Nullable
                    String metric,
            @Parameter(description = "country, city, cell3 or cell5") @RequestParam(required = false) @Nullable
                    String level,
            @Parameter(description = "ISO-8601 instant") @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "ISO-8601 instant") @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "client, node or target") @RequestParam(required = false) @Nullable String side,
            @Parameter(description = "west,south,east,north") @RequestParam(required = false) @Nullable String bbox) {
        HeatmapRequest request = parse(metric, level, from, to, side, bbox);
        Heatmap heatmap = heatmaps.query(orgId, request);
        List<Feature> features = heatmap.places().stream().map(this::feature).toList();
        GeoLocator.Attribution credit = locator.attribution();
        return new HeatmapCollection(
                "FeatureCollection",
                request.metric().id(),
                request.metric().unit(),
                request.level().id(),
                request.side() == null ? null : request.side().id(),
                request.from(),
                request.to(),
                heatmap.minSamples(),
                GeoReports.RELATIVE_ACCURACY,
                credit == null ? null : new Credit(credit.text(), credit.url()),
                features);
    }

    @Operation(
            summary = "The heatmap's places as CSV",
            description = "Parameters of GET /heatmap. Columns: side, level, place, name, country_code, latitude,"
                    + " longitude, count, min, max, mean, p50, p95, unit; worst places first.")
    @GetMapping("/report.csv")
    @RequiresRole(Role.VIEWER)
    void csv(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable String metric,
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String side,
            @RequestParam(required = false) @Nullable String bbox,
            HttpServletResponse response)
            throws IOException {
        HeatmapRequest request = parse(metric, level, from, to, side, bbox);
        Heatmap heatmap = heatmaps.query(orgId, request);
        attachment(response, request, "csv");
        response.setContentType("text/csv;charset=UTF-8");
        reports.csv(heatmap, response.getOutputStream());
    }

    @Operation(
            summary = "The heatmap as a PDF report: map of cities, worst places, period",
            description = "Parameters of GET /heatmap. The same period gives the same file.")
    @GetMapping("/report.pdf")
    @RequiresRole(Role.VIEWER)
    void pdf(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable String metric,
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String side,
            @RequestParam(required = false) @Nullable String bbox,
            HttpServletResponse response)
            throws IOException {
        HeatmapRequest request = parse(metric, level, from, to, side, bbox);
        Heatmap heatmap = heatmaps.query(orgId, request);
        Heatmap cities = request.level() == Level.CITY
                ? heatmap
                : heatmaps.query(
                        orgId,
                        new HeatmapRequest(
                                request.metric(), Level.CITY, request.from(), request.to(), request.side(), null));
        attachment(response, request, "pdf");
        response.setContentType("application/pdf");
        reports.pdf(heatmap, cities, response.getOutputStream());
    }

    @Operation(
            summary = "Queue a recomputation of the rollups of a period from stored results (backfill or repair)",
            description = "ADMIN. from/to as for GET /heatmap (default the last 7 days). Answers 202 with the"
                    + " rebuild's status; the cluster job geo-rollup-rebuild does the work, one short transaction per"
                    + " hour, on one replica; results stored meanwhile are counted once. Follow it with"
                    + " GET /heatmap/rebuilds/{rebuildId}.")
    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresRole(Role.ADMIN)
    RebuildStatus rebuild(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        HeatmapRequest request = parse(null, null, from, to, null, null);
        return RebuildStatus.of(rebuilds.request(orgId, request.from(), request.to()));
    }

    @Operation(summary = "A rollup rebuild's progress", description = "ADMIN. Another organisation's rebuild is 404.")
    @GetMapping("/rebuilds/{rebuildId}")
    @RequiresRole(Role.ADMIN)
    RebuildStatus rebuildStatus(@PathVariable UUID orgId, @PathVariable UUID rebuildId) {
        return RebuildStatus.of(rebuilds.get(orgId, rebuildId));
    }

    private HeatmapRequest parse(
            @Nullable String metric,
            @Nullable String level,
            @Nullable String from,
            @Nullable String to,
            @Nullable String side,
            @Nullable String bbox) {
        return HeatmapRequest.parse(metric, level, from, to, side, bbox, properties.maxPeriodDays(), clock);
    }

    private Feature feature(PlaceStats p) {
        Geometry geometry = null;
        if (p.level().isCell()) {
            geometry = new Geometry("Polygon", List.of(reports.outline(p.place())));
        } else if (p.latitude() != null && p.longitude() != null) {
            geometry = new Geometry("Point", List.of(p.longitude(), p.latitude()));
        }
        return new Feature(
                "Feature",
                p.side().id() + ":" + p.place(),
                geometry,
                new PlaceProperties(
                        p.side().id(),
                        p.level().id(),
                        p.place(),
                        p.name(),
                        p.countryCode(),
                        p.latitude(),
                        p.longitude(),
                        p.count(),
                        p.min(),
                        p.max(),
                        p.mean(),
                        p.p50(),
                        p.p95()));
    }

    private static void attachment(HttpServletResponse response, HeatmapRequest r, String extension) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH'Z'").withZone(java.time.ZoneOffset.UTC);
        String name = "heatmap-" + r.metric().id() + "-" + r.level().id() + "-" + f.format(r.from()) + "-"
                + f.format(r.to()) + "." + extension;
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name).build().toString());
    }
}
