package io.waddleperf.api.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.api.notifications.DeliveryAttempt;
import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.notifications.Notifications;
import io.waddleperf.api.notifications.Severity;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.ApiIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox side of {@link Notifications}: routing, the caller's transaction, repeats. */
@ApiIntegrationTest
class OutboxIT {

    @Autowired
    Notifications notifications;

    @Autowired
    ChannelStore channels;

    @Autowired
    OutboxStore outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AttemptStore attempts;

    @Autowired
    NotificationRetention retention;

    @Autowired
    JdbcTemplate jdbc;

    final UUID org = Ids.newId();

    /** Its channels have no receiver: what is queued here is not for the running sender to retry. */
    @AfterEach
    void dropQueue() {
        jdbc.update("DELETE FROM notification_outbox WHERE org_id = ?", org.toString());
    }

    @Test
    void refusesToEnqueueOutsideTheCallersTransaction() {
        channel("all", EnumSet.allOf(Severity.class));

        assertThatThrownBy(() -> notifications.enqueue(notification(Severity.CRITICAL, Set.of())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void routesBySeverityWhenNoChannelIsNamed() {
        UUID critical = channel("critical only", EnumSet.of(Severity.CRITICAL));
        UUID everything = channel("everything", EnumSet.allOf(Severity.class));
        channel("info only", EnumSet.of(Severity.INFO));
        Notification warning = notification(Severity.WARNING, Set.of());
        Notification alarm = notification(Severity.CRITICAL, Set.of());

        assertThat(enqueue(warning)).isEqualTo(1);
        assertThat(enqueue(alarm)).isEqualTo(2);

        assertThat(outbox.states(warning.id())).isEqualTo(Map.of(everything, OutboxStore.PENDING));
        assertThat(outbox.states(alarm.id()).keySet()).containsExactlyInAnyOrder(critical, everything);
    }

    @Test
    void namedChannelsGetItWhateverTheirSeveritiesAndAnEnqueueRepeatedAddsNothing() {
        UUID infoOnly = channel("info only", EnumSet.of(Severity.INFO));
        UUID gone = Ids.newId();
        Notification named = notification(Severity.CRITICAL, Set.of(infoOnly, gone));

        assertThat(enqueue(named)).isEqualTo(1);
        assertThat(enqueue(named)).isZero();

        assertThat(outbox.states(named.id())).isEqualTo(Map.of(infoOnly, OutboxStore.PENDING));
    }

    @Test
    void aRolledBackCallerLeavesNothingQueued() {
        channel("all", EnumSet.allOf(Severity.class));
        Notification lost = notification(Severity.CRITICAL, Set.of());

        transactions.executeWithoutResult(status -> {
            assertThat(notifications.enqueue(lost)).isEqualTo(1);
            status.setRollbackOnly();
        });

        assertThat(outbox.states(lost.id())).isEmpty();
    }

    @Test
    void namesTheChannelsThatAreNotTheOrganisations() {
        UUID mine = channel("mine", EnumSet.allOf(Severity.class));
        UUID foreign = insert(channels, Ids.newId(), "theirs", EnumSet.allOf(Severity.class));
        UUID unknown = Ids.newId();

        assertThat(notifications.unknownChannels(org, List.of(mine, foreign, unknown)))
                .containsExactlyInAnyOrder(foreign, unknown);
        assertThat(notifications.unknownChannels(org, List.of())).isEmpty();
        assertThat(notifications.attemptsFor(org, Ids.newId())).isEmpty();
    }

    @Test
    void retentionDeletesAttemptsAndFinishedRowsOlderThanTheLongestResultsRetention() {
        UUID channel = channel("kept", EnumSet.allOf(Severity.class));
        Notification old = notification(Severity.CRITICAL, Set.of());
        Notification recent = notification(Severity.CRITICAL, Set.of());
        Notification pending = notification(Severity.CRITICAL, Set.of());
        enqueue(old);
        enqueue(recent);
        enqueue(pending);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long days = retention.retention(org).toDays();
        assertThat(days).as("the tier defaults' longest retention").isPositive();
        Instant expired = now.minus(Duration.ofDays(days + 1));
        Instant kept = now.minus(Duration.ofDays(days - 1));
        finish(old, expired);
        finish(recent, kept);
        attempt(old, channel, expired);
        attempt(recent, channel, kept);

        assertThat(retention.purge(now)).isGreaterThanOrEqualTo(2);

        assertThat(outbox.states(old.id())).isEmpty();
        assertThat(outbox.states(recent.id())).isEqualTo(Map.of(channel, OutboxStore.DELIVERED));
        assertThat(outbox.states(pending.id()))
                .as("pending rows are never purged")
                .isEqualTo(Map.of(channel, OutboxStore.PENDING));
        // Only the attempts written above, days old: the sender (woken when they were queued) may
        // have tried the queued rows meanwhile, and its attempts of now are kept as they should be.
        assertThat(jdbc.queryForList(
                        "SELECT notification_id FROM notification_attempts WHERE org_id = ? AND attempted_at < ?",
                        String.class,
                        org.toString(),
                        LocalDateTime.ofInstant(now.minus(Duration.ofDays(1)), ZoneOffset.UTC)))
                .containsExactly(recent.id().toString());
    }

    private void finish(Notification notification, Instant at) {
        jdbc.update(
                "UPDATE notification_outbox SET state = 'delivered', finished_at = ? WHERE notification_id = ?",
                LocalDateTime.ofInstant(at, ZoneOffset.UTC),
                notification.id().toString());
    }

    private void attempt(Notification notification, UUID channel, Instant at) {
        attempts.insert(
                org,
                notification.subject(),
                new DeliveryAttempt(
                        notification.id(), channel, "kept", notification.kind(), 1, at, true, 200, 12, null));
    }

    private int enqueue(Notification notification) {
        Integer queued = transactions.execute(status -> notifications.enqueue(notification));
        return queued == null ? -1 : queued;
    }

    private UUID channel(String name, Set<Severity> severities) {
        return insert(channels, org, name, severities);
    }

    private static UUID insert(ChannelStore store, UUID orgId, String name, Set<Severity> severities) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = Ids.newId();
        store.insert(new Channel(
                id,
                orgId,
                name,
                ChannelType.EMAIL,
                severities,
                "ops@example.test",
                List.of("ops@example.test"),
                null,
                Channel.Health.NEW,
                now,
                now));
        return id;
    }

    private Notification notification(Severity severity, Set<UUID> channelIds) {
        return new Notification(
                Ids.newId(),
                org,
                Notification.Kind.RAISED,
                severity,
                Ids.newId(),
                "Latency above 100 ms",
                "3 of the last 5 rounds breached",
                List.of(new Notification.Field("monitor", "example.com")),
                "/alerts/x",
                Instant.now(),
                channelIds);
    }
}
