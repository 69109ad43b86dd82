/**
 * Signals out to the tools people already run (SPEC section 7): each organisation's monitors and
 * unresolved alerts as an OpenMetrics (Prometheus) scrape target, so Prometheus can scrape it with
 * an API key and Grafana can chart it (docs/grafana). Read-only; it keeps nothing of its own.
 */
@ApplicationModule(
        displayName = "OpenMetrics export",
        allowedDependencies = {"monitors", "alerts", "notifications", "shared"})
package io.waddleperf.api.openmetrics;

import org.springframework.modulith.ApplicationModule;
