/**
 * Notifications (SPEC section 7): an organisation's channels (signed webhook, Slack, Microsoft
 * Teams, Discord, e-mail) and the delivery of what other modules tell them through an outbox
 * written in the caller's transaction, so nothing accepted is lost. The module knows nothing of
 * alerts: the alerts module decides what to say and when, this one who hears it and how.
 */
@ApplicationModule(
        displayName = "Notifications",
        allowedDependencies = {"audit", "tests", "shared"})
package io.waddleperf.api.notifications;

import org.springframework.modulith.ApplicationModule;
