package io.waddleperf.api.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.alerts.MaintenanceWindow;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WindowsTests {

    static MaintenanceWindow window(Instant from, Instant to, String cron, Integer duration, String zone) {
        return new MaintenanceWindow(
                UUID.randomUUID(),
                "w",
                new AlertRule.Scope(null, null),
                from,
                to,
                cron,
                duration,
                zone,
                false,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void aOneOffWindowIsActiveFromItsStartUntilBeforeItsEnd() {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        MaintenanceWindow w = window(start, start.plusSeconds(3600), null, null, null);
        assertThat(Windows.active(w, start.minusSeconds(1))).isFalse();
        assertThat(Windows.active(w, start)).isTrue();
        assertThat(Windows.active(w, start.plusSeconds(3599))).isTrue();
        assertThat(Windows.active(w, start.plusSeconds(3600))).isFalse();
    }

    @Test
    void aCronWindowIsActiveForItsDurationAfterEachFiringInItsZone() {
        // Sundays 02:00 in Berlin (01:00 UTC in winter) for two hours.
        MaintenanceWindow w = window(null, null, "0 2 * * SUN", 7200, "Europe/Berlin");
        assertThat(Windows.active(w, Instant.parse("2026-12-06T00:59:59Z"))).isFalse();
        assertThat(Windows.active(w, Instant.parse("2026-12-06T01:00:00Z"))).isTrue();
        assertThat(Windows.active(w, Instant.parse("2026-12-06T02:59:59Z"))).isTrue();
        assertThat(Windows.active(w, Instant.parse("2026-12-06T03:00:00Z"))).isFalse();
        assertThat(Windows.active(w, Instant.parse("2026-12-07T01:30:00Z"))).isFalse();
    }

    @Test
    void aWindowCoversItsMonitorItsLabelOrTheWholeOrganisation() {
        UUID monitor = UUID.randomUUID();
        assertThat(Windows.covers(new AlertRule.Scope(null, null), monitor, Set.of()))
                .isTrue();
        assertThat(Windows.covers(new AlertRule.Scope(monitor, null), monitor, Set.of()))
                .isTrue();
        assertThat(Windows.covers(new AlertRule.Scope(UUID.randomUUID(), null), monitor, Set.of("edge")))
                .isFalse();
        assertThat(Windows.covers(new AlertRule.Scope(null, "edge"), monitor, Set.of("edge")))
                .isTrue();
        assertThat(Windows.covers(new AlertRule.Scope(null, "core"), monitor, Set.of("edge")))
                .isFalse();
    }
}
