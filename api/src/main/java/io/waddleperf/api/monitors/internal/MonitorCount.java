package io.waddleperf.api.monitors.internal;

import io.waddleperf.api.licensing.UsageSource;
import org.springframework.stereotype.Component;

/** Monitors of the installation (enabled or paused), for the licence keepalive. */
@Component
class MonitorCount implements UsageSource {

    private final MonitorStore store;

    MonitorCount(MonitorStore store) {
        this.store = store;
    }

    @Override
    public Kind kind() {
        return Kind.MONITORS;
    }

    @Override
    public long count() {
        return store.countAll();
    }
}
