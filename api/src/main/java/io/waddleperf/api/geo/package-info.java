/**
 * Geolocation and geographic heatmaps: IP addresses to places (the bundled DB-IP Lite City
 * database, or a configured GeoIP2/GeoLite2 City database), hourly rollups with mergeable
 * quantile sketches kept as results arrive, and the heatmap with its CSV and PDF reports.
 */
@ApplicationModule(
        displayName = "Geo",
        allowedDependencies = {"results", "nodes", "licensing", "shared"})
package io.waddleperf.api.geo;

import org.springframework.modulith.ApplicationModule;
