package io.waddleperf.api.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.notifications.Notifications;
import io.waddleperf.api.notifications.Severity;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.ApiIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

    final UUID org = Ids.newId();

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
