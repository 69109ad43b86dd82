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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A receiver down for five minutes, then back: every notification arrives once, in order per
 * alert. Five minutes of the outbox's time pass in seconds: the test moves the outbox clock on a
 * second at a time and after each step waits until the real sender job has made every attempt
 * that fell due, against a real loopback receiver answering 503. The back-off is the production
 * one (10 s doubling, equal jitter), not the shortened one the other tests use.
 *
 * <p>Its own context (the movable clock, the production back-off), closed after the class so its
 * sender does not keep running with a clock ahead of the others'.
 */
@ApiIntegrationTest
@TestPropertySource(
        properties = {"waddleperf.notifications.retry-min-delay=10s", "waddleperf.notifications.retry-max-delay=1h"})
@DirtiesContext
class ReceiverDownIT {

    private static final Duration DOWN_FOR = Duration.ofMinutes(5);
    private static final Duration STEP = Duration.ofSeconds(1);
    private static final Duration MIN_DELAY = Duration.ofSeconds(10);

    /** The wall clock plus an offset the test moves on: time still passes, and jumps when told. */
    static final class MovableClock extends Clock {

        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.updateAndGet(o -> o.plus(by));
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }

    static final MovableClock CLOCK = new MovableClock();

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableOutboxTime {

        @Bean
        @Primary
        OutboxClock movableOutboxClock() {
            return new OutboxClock(CLOCK);
        }
    }

    @Autowired
    Notifications notifications;

    @Autowired
    OutboxClock outboxClock;

    @Autowired
    OutboxStore outbox;

    @Autowired
    ChannelStore channels;

    @Autowired
    SecretBox secrets;

    @Autowired
    JsonMapper json;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReceiverDownForFiveMinutesThenBackGetsEveryNotificationOnceInOrderPerAlert() {
        assertThat(outboxClock.clock())
                .as("the sender runs on the movable clock")
                .isSameAs(CLOCK);
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            receiver.answer(503);
            UUID org = Ids.newId();
            Channel channel = webhook(org, receiver.url("/hook"));
            // Two alerts, each raised, acknowledged and resolved while the receiver is down.
            List<UUID> alerts = List.of(Ids.newId(), Ids.newId());
            Map<UUID, List<UUID>> sent = new LinkedHashMap<>();
            Instant occurred = outboxClock.now();
            List<Notification.Kind> kinds =
                    List.of(Notification.Kind.RAISED, Notification.Kind.ACKNOWLEDGED, Notification.Kind.RESOLVED);
            for (int step = 0; step < kinds.size(); step++) {
                for (UUID alert : alerts) {
                    Notification n = new Notification(
                            Ids.newId(),
                            org,
                            kinds.get(step),
                            Severity.CRITICAL,
                            alert,
                            "step " + step,
                            "",
                            List.of(),
                            null,
                            occurred.plusMillis(step),
                            Set.of());
                    Integer queued = transactions.execute(status -> notifications.enqueue(n));
                    assertThat(queued).isEqualTo(1);
                    sent.computeIfAbsent(alert, a -> new ArrayList<>()).add(n.id());
                }
            }

            Instant downSince = outboxClock.now();
            while (outboxClock.now().isBefore(downSince.plus(DOWN_FOR))) {
                CLOCK.advance(STEP);
                senderCaughtUp(channel);
            }
            Instant backAt = outboxClock.now();
            assertThat(receiver.received()).as("nothing taken while down").isEmpty();
            Channel.Health down = channels.find(org, channel.id()).orElseThrow().health();
            assertThat(down.healthy()).isFalse();
            assertThat(down.lastError()).contains("503");

            receiver.answer(200);
            // The heads wait out their back-off (at most half an hour after five minutes' failures).
            Instant patience = backAt.plus(Duration.ofMinutes(30));
            while (receiver.received().size() < 6 && outboxClock.now().isBefore(patience)) {
                CLOCK.advance(STEP);
                senderCaughtUp(channel);
            }

            List<String> ids = receiver.received().stream()
                    .map(r -> r.header("webhook-id"))
                    .toList();
            assertThat(ids).as("each once").hasSize(6).doesNotHaveDuplicates();
            int failedAttempts = 0;
            for (UUID alert : alerts) {
                List<String> order = receiver.received().stream()
                        .filter(r -> json.readTree(r.body())
                                .path("data")
                                .path("subject")
                                .asString()
                                .equals(alert.toString()))
                        .map(r -> r.header("webhook-id"))
                        .toList();
                assertThat(order)
                        .as("in order for alert %s", alert)
                        .containsExactlyElementsOf(
                                sent.get(alert).stream().map(UUID::toString).toList());

                List<DeliveryAttempt> log = notifications.attemptsFor(org, alert).stream()
                        .sorted((a, b) -> a.at().compareTo(b.at()))
                        .toList();
                UUID head = sent.get(alert).getFirst();
                List<DeliveryAttempt> failed = log.stream()
                        .filter(a -> a.notificationId().equals(head) && !a.delivered())
                        .toList();
                failedAttempts += failed.size();
                assertThat(failed).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(503));
                assertThat(failed.getFirst().at()).as("tried at once").isBefore(downSince.plusSeconds(15));
                // 10 s, 20 s, 40 s, 80 s, 160 s ... less up to half (jitter): about six tries in five minutes.
                assertThat(failed).as("attempts while down").hasSizeBetween(5, 7);
                List<Duration> gaps = new ArrayList<>();
                for (int i = 1; i < failed.size(); i++) {
                    Duration gap = Duration.between(
                            failed.get(i - 1).at(), failed.get(i).at());
                    Duration backOff = MIN_DELAY.multipliedBy(1L << (i - 1));
                    assertThat(gap)
                            .as("gap %d of %s", i, failed)
                            .isGreaterThanOrEqualTo(backOff.dividedBy(2))
                            // A step, and the job's next pass on a busy machine, on top.
                            .isLessThanOrEqualTo(backOff.plusSeconds(15));
                    gaps.add(gap);
                }
                assertThat(gaps.getLast()).as("the back-off grew: %s", gaps).isGreaterThan(gaps.getFirst());
                assertThat(failed.getLast().at())
                        .as("still trying late in the five minutes")
                        .isAfter(downSince.plus(Duration.ofSeconds(120)));
                assertThat(failed.stream().map(DeliveryAttempt::attempt).toList())
                        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, failed.size())
                                .boxed()
                                .toList());
                List<DeliveryAttempt> delivered =
                        log.stream().filter(DeliveryAttempt::delivered).toList();
                assertThat(delivered)
                        .as("each delivered once, after the receiver came back, in order")
                        .extracting(DeliveryAttempt::notificationId)
                        .containsExactlyElementsOf(sent.get(alert));
                assertThat(delivered).allSatisfy(a -> assertThat(a.at()).isAfterOrEqualTo(backAt));
                assertThat(log)
                        .as("the later notifications were not tried before the head went")
                        .filteredOn(a -> !a.notificationId().equals(head))
                        .allSatisfy(a -> assertThat(a.delivered()).isTrue());
            }
            assertThat(receiver.refused())
                    .as("every failed attempt reached the receiver")
                    .isEqualTo(failedAttempts);
            assertThat(channels.find(org, channel.id()).orElseThrow().health().healthy())
                    .isTrue();
            System.out.printf(
                    "Receiver down: %d failed attempts over %s of outbox time, all 6 delivered once by %s%n",
                    failedAttempts,
                    Duration.between(downSince, backAt).truncatedTo(ChronoUnit.SECONDS),
                    Duration.between(downSince, outboxClock.now()).truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /**
     * Waits until the sender job has made every attempt of the channel due at the outbox's time:
     * none is due and none is being sent (its lease held).
     */
    private void senderCaughtUp(Channel channel) {
        await().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(25))
                .atMost(Duration.ofSeconds(60))
                .until(() -> outbox.due(outboxClock.now(), 1000).stream()
                                .noneMatch(r -> r.channelId().equals(channel.id()))
                        && leased(channel) == 0);
    }

    private int leased(Channel channel) {
        Integer leased = jdbc.queryForObject(
                "SELECT COUNT(*) FROM notification_outbox WHERE channel_id = ? AND lease_token IS NOT NULL",
                Integer.class,
                channel.id().toString());
        return leased == null ? 0 : leased;
    }

    private Channel webhook(UUID org, String url) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = Ids.newId();
        Channel channel = new Channel(
                id,
                org,
                "down for five minutes",
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
