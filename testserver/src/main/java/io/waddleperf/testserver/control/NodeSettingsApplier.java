package io.waddleperf.testserver.control;

import io.waddleperf.protocol.NodeSettings;
import io.waddleperf.protocol.Violation;
import io.waddleperf.testserver.settings.IperfSettingsChanged;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Applies the node settings the API pushes in heartbeat answers (docs/node-protocol.md): the
 * iperf3 server's allowlist, idle timeout and capacity on the running server, region and labels
 * in what the node reports. The node checks a pushed record against the same rules as the API
 * and refuses one that breaks them, or that a server cannot take, as a whole; the heartbeat then
 * reports the refused version with the reason instead of the applied one changing.
 *
 * <p>Nothing is kept on disk: a restarted node starts from its configuration and reports version
 * 0, and the API pushes its settings again in the next heartbeat answer.
 */
@Component
class NodeSettingsApplier {

    private static final Logger log = LoggerFactory.getLogger(NodeSettingsApplier.class);

    private final ApplicationEventPublisher events;
    private final NodeStatus status;
    private long applied;
    private NodeSettings.@Nullable Rejection rejected;

    NodeSettingsApplier(ApplicationEventPublisher events, NodeStatus status) {
        this.events = events;
        this.status = status;
    }

    /** The version last applied; 0 until the API pushed any. */
    synchronized long appliedVersion() {
        return applied;
    }

    /** The latest pushed version the node refused, while no later one was applied. */
    synchronized NodeSettings.@Nullable Rejection rejected() {
        return rejected;
    }

    /** Applies {@code settings} unless they are the version already applied or already refused. */
    synchronized void apply(NodeSettings settings) {
        long version = settings.version();
        if (version == applied || (rejected != null && rejected.version() == version)) {
            return;
        }
        List<Violation> violations = settings.check();
        if (!violations.isEmpty()) {
            refuse(version, Violation.describe(violations));
            return;
        }
        try {
            events.publishEvent(new IperfSettingsChanged(
                    settings.allowlist(),
                    settings.idleTimeoutSeconds() == null ? null : Duration.ofSeconds(settings.idleTimeoutSeconds()),
                    settings.capacity()));
        } catch (IllegalArgumentException e) {
            refuse(version, e.getMessage());
            return;
        }
        status.select(settings.region(), settings.labels());
        applied = version;
        rejected = null;
        log.info("Applied node settings version {} from the API", version);
    }

    /** Records that pushed settings could not even be read, so the API hears why. */
    synchronized void unreadable(long version, String why) {
        refuse(version, "unreadable settings: " + why);
    }

    private void refuse(long version, String reason) {
        String bounded = reason.length() > 500 ? reason.substring(0, 500) : reason;
        rejected = new NodeSettings.Rejection(version, bounded);
        log.warn("Refused node settings version {} from the API: {}", version, bounded);
    }
}
