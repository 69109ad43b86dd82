/**
 * Alerts (SPEC section 7): rules over AutoPerf rounds (X of the last Y rounds, a minimum of
 * breaching vantage points, a clear rule of its own), the alert lifecycle (open, acknowledged,
 * resolved; one unresolved alert per rule x monitor), storm grouping and maintenance windows.
 * It decides what to tell and when; the notifications module delivers it.
 */
@ApplicationModule(
        displayName = "Alerts",
        allowedDependencies = {"notifications", "monitors", "results", "tests", "audit", "licensing", "shared"})
package io.waddleperf.api.alerts;

import org.springframework.modulith.ApplicationModule;
