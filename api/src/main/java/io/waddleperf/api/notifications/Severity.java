package io.waddleperf.api.notifications;

/** How loud a notification is; channels choose the severities they hear. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
