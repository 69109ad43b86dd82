package io.waddleperf.api.alerts;

import io.waddleperf.api.notifications.Severity;
import java.util.UUID;

/**
 * A monitor's unresolved alerts, for the live board and the monitor page.
 *
 * @param open alerts open and not yet acknowledged
 * @param acknowledged alerts acknowledged and not yet resolved
 * @param highestSeverity the highest severity among them
 */
public record MonitorAlerts(UUID monitorId, int open, int acknowledged, Severity highestSeverity) {}
