package io.waddleperf.api.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.notifications.DeliveryAttempt;
import io.waddleperf.api.notifications.LoopbackReceiver;
import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.notifications.Notifications;
import io.waddleperf.api.notifications.Severity;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.ApiIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A replica that dies after the receiver took a notification but before it recorded so: the row's
 * lease runs out, another sender delivers the same id again (at least once), and when the first
 * replica's late record arrives it does not count a second delivery.
 */
@ApiIntegrationTest
class RedeliveryIT {

    @Autowired
    Notifications notifications;

    @Autowired
    ChannelStore channels;

    @Autowired
    OutboxStore outbox;

    @Autowired
    Deliverer deliverer;

    @Autowired
    DeliveryLog deliveryLog;

    @Autowired
    SecretBox secrets;

    @Autowired
    JsonMapper json;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReplicaKilledMidSendLeavesOneRecordedDeliveryOfTheSameId() {
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            UUID org = Ids.newId();
            Channel channel = webhook(org, receiver.url("/hook"));
            UUID subject = Ids.newId();
            Notification notification = new Notification(
                    Ids.newId(),
                    org,
                    Notification.Kind.RAISED,
                    Severity.CRITICAL,
                    subject,
                    "Replica killed mid-send",
                    "",
                    List.of(),
                    null,
                    Instant.now(),
                    Set.of());
            OutboxStore.Row row = new OutboxStore.Row(
                    notification.id(),
                    channel.id(),
                    org,
                    subject,
                    notification.kind(),
                    notification.severity(),
                    json.writeValueAsString(Payload.of(notification)),
                    0,
                    notification.occurredAt(),
                    Instant.now());
            String dyingReplica = UUID.randomUUID().toString();
            // Queued and claimed in one transaction, so the running sender cannot take it first.
            transactions.executeWithoutResult(status -> {
                assertThat(notifications.enqueue(notification)).isEqualTo(1);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                assertThat(outbox.claim(row, dyingReplica, now.plusSeconds(1), now.plusSeconds(2)))
                        .isTrue();
            });
            DeliveryResult sentByDyingReplica = deliverer.deliver(channel, Payload.of(notification));
            assertThat(sentByDyingReplica.delivered()).isTrue();
            // ...and the replica dies here, before recording. Its lease runs out; the sender takes over.

            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            notifications.attemptsFor(org, subject).stream().anyMatch(DeliveryAttempt::delivered));
            assertThat(receiver.received())
                    .as("at least once: the receiver sees the same id twice and drops the repeat")
                    .extracting(r -> r.header("webhook-id"))
                    .containsExactly(
                            notification.id().toString(), notification.id().toString());

            // A receiver that drops repeats of an id, as docs/alerts.md asks, acts on it once: both
            // deliveries carry the same id and the same notification.
            Set<String> seen = new java.util.HashSet<>();
            List<LoopbackReceiver.Received> actedOn = receiver.received().stream()
                    .filter(r -> seen.add(r.header("webhook-id")))
                    .toList();
            assertThat(actedOn).hasSize(1);
            assertThat(receiver.received())
                    .extracting(
                            r -> json.readTree(r.body()).path("data").path("id").asString())
                    .containsOnly(notification.id().toString());

            boolean recorded =
                    deliveryLog.outboxAttempt(row, dyingReplica, channel, sentByDyingReplica, Instant.now(), null);

            assertThat(recorded).as("the lease was lost").isFalse();
            List<DeliveryAttempt> attempts = notifications.attemptsFor(org, subject);
            assertThat(attempts).filteredOn(DeliveryAttempt::delivered).hasSize(1);
            assertThat(attempts)
                    .filteredOn(a -> !a.delivered())
                    .singleElement()
                    .satisfies(a -> assertThat(a.error()).isEqualTo(DeliveryLog.LEASE_LOST));
            assertThat(jdbc.queryForObject(
                            "SELECT state FROM notification_outbox WHERE notification_id = ?",
                            String.class,
                            notification.id().toString()))
                    .isEqualTo(OutboxStore.DELIVERED);
        }
    }

    private Channel webhook(UUID org, String url) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = Ids.newId();
        Channel channel = new Channel(
                id,
                org,
                "receiver",
                ChannelType.WEBHOOK,
                EnumSet.allOf(Severity.class),
                url,
                List.of(),
                secrets.encrypt(id, json.writeValueAsString(new ChannelSecret(url, ChannelAdmin.signingSecret()))),
                Channel.Health.NEW,
                now,
                now);
        channels.insert(channel);
        return channel;
    }
}
