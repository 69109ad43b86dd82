package io.waddleperf.api.nodes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A node's settings as the API shows them: what a MAINTAINER or ADMIN set and whether the node
 * has applied it. {@code null} settings leave the node's own configuration. Who changed them is in
 * the audit log, not here: every member of the organisation reads this.
 *
 * @param version counts changes from 1; 0 when nobody has set anything
 * @param allowlist addresses and CIDR blocks the node's iperf3 server accepts clients from
 * @param idleTimeoutSeconds how long the node's iperf3 server waits for a client at any step
 * @param capacity iperf3 tests the node's iperf3 server runs at once
 * @param region the region monitors and tests select the node by
 * @param labels the labels monitors and tests select the node by
 * @param state whether the node runs this version
 * @param appliedVersion the version the node reported in its latest heartbeat
 * @param rejection why the node refused the current version, when it did
 */
public record NodeSettingsStatus(
        UUID nodeId,
        long version,
        @Nullable List<String> allowlist,
        @Nullable Integer idleTimeoutSeconds,
        @Nullable Integer capacity,
        @Nullable String region,
        @Nullable List<String> labels,
        State state,
        long appliedVersion,
        @Nullable Instant appliedAt,
        @Nullable Instant updatedAt,
        @Nullable String rejection) {

    public enum State {
        /** Nobody has set anything: the node runs its own configuration. */
        DEFAULT,
        /** Waiting for the node's next heartbeat (or for the node to come back online). */
        PENDING,
        /** The node reported this version applied. */
        APPLIED,
        /** The node refused this version; {@code rejection} says why. */
        REJECTED
    }

    /** The status of a node nobody has set anything for. */
    public static NodeSettingsStatus unset(UUID nodeId) {
        return new NodeSettingsStatus(nodeId, 0, null, null, null, null, null, State.DEFAULT, 0, null, null, null);
    }
}
