package io.waddleperf.api.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.shared.database.JdbcTimes;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.ApiIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Alert history is kept as long as tier 1's results, and unresolved alerts whatever their age. */
@ApiIntegrationTest
class AlertRetentionIT {

    @Autowired
    AlertRetention retention;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void deletesOnlyAlertsResolvedLongerAgoThanTierOnesRetention() {
        UUID org = Ids.newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Duration kept = retention.retention(org);
        UUID expired = alert(org, now.minus(kept).minus(Duration.ofDays(2)), true);
        UUID recent = alert(org, now.minus(kept).plus(Duration.ofDays(1)), true);
        UUID oldButOpen = alert(org, now.minus(kept).minus(Duration.ofDays(30)), false);

        retention.purge(now);

        assertThat(jdbc.queryForList("SELECT id FROM alerts WHERE org_id = ?", String.class, org.toString()))
                .containsExactlyInAnyOrder(recent.toString(), oldButOpen.toString())
                .doesNotContain(expired.toString());
    }

    private UUID alert(UUID org, Instant at, boolean resolved) {
        UUID id = Ids.newId();
        UUID rule = Ids.newId();
        UUID monitor = Ids.newId();
        jdbc.update(
                "INSERT INTO alerts (id, org_id, rule_id, rule_name, monitor_id, monitor_name, severity, state,"
                        + " open_key, suppressed, cause, raised_at, resolved_at, timeline) VALUES (?, ?, ?, 'r', ?, 'm',"
                        + " 'INFO', ?, ?, FALSE, 'c', ?, ?, '[]')",
                id.toString(),
                org.toString(),
                rule.toString(),
                monitor.toString(),
                resolved ? "RESOLVED" : "OPEN",
                resolved ? null : rule + ":" + monitor,
                JdbcTimes.utc(at),
                resolved ? JdbcTimes.utc(at) : null);
        return id;
    }
}
