package io.waddleperf.api.runs.internal;

import io.waddleperf.api.licensing.UsageSource;
import io.waddleperf.api.shared.tenant.TenantContext;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Runs started in the last hour across the installation, for the licence keepalive. */
@Component
class RunCount implements UsageSource {

    private final RunStore store;
    private final Clock clock;

    RunCount(RunStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Kind kind() {
        return Kind.RUNS_LAST_HOUR;
    }

    @Override
    public long count() {
        return TenantContext.asPlatform(
                () -> store.countStartedSince(clock.instant().minus(Duration.ofHours(1))));
    }
}
