package io.waddleperf.api.monitors;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A monitor was deleted. Published in the deleting transaction, so a listener's changes (the
 * alerts module resolving the monitor's open alerts) commit with the deletion or not at all.
 *
 * @param name the monitor's name, for what listeners record about it
 * @param actorUserId who deleted it, null for a caller without a user (an API key)
 * @param actorName who deleted it, as the audit trail names them
 */
public record MonitorDeleted(
        UUID orgId, UUID monitorId, String name, @Nullable UUID actorUserId, String actorName) {}
