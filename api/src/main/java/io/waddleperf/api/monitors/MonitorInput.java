package io.waddleperf.api.monitors;

import io.waddleperf.api.monitors.Monitor.ActiveWindow;
import io.waddleperf.api.monitors.Monitor.VantagePoint;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a client sends to create or replace a monitor. Checked as a whole by {@link Monitors}, so
 * every field's problem is answered at once.
 *
 * @param probes tier-1 probe types to run; null runs all of tier 1
 * @param schedule null runs every 300 s
 * @param escalation null: the defaults (15 min for tier 2, 1 h for tier 3)
 * @param enabled null: enabled
 */
public record MonitorInput(
        String name,
        @Nullable String target,
        @Nullable List<String> probes,
        @Nullable List<VantagePoint> vantage,
        Monitor.@Nullable MonitorSchedule schedule,
        @Nullable ActiveWindow activeWindow,
        @Nullable Integer udpEchoPort,
        @Nullable Integer iperfPort,
        Monitor.@Nullable Escalation escalation,
        @Nullable Boolean enabled) {}
