package io.waddleperf.api.notifications.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.waddleperf.api.shared.scheduling.ClusterJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the outbox: a cluster job, so one replica at a time takes a pass. A pass takes the due
 * head of each (channel, subject) queue, claims each row with a lease (an UPDATE by primary key,
 * no lock held), sends outside any transaction on virtual threads ({@code concurrency} at once),
 * and records the outcome in a short transaction of its own. A failure is tried again after
 * an exponential back-off with jitter until {@code giveUpAfter} from its enqueueing, then given up.
 *
 * <p>At least once: a replica that dies after the receiver took a notification but before the
 * outcome was recorded leaves the row leased; once the lease runs out another replica sends it
 * again with the same id, which is why receivers must drop repeats of an id.
 */
@Component
class Sender implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(Sender.class);

    private final OutboxStore outbox;
    private final ChannelStore channels;
    private final Deliverer deliverer;
    private final DeliveryLog deliveryLog;
    private final JsonMapper json;
    private final NotificationsProperties properties;
    private final OutboxClock clock;
    private final Timer delay;
    private final Counter givenUp;

    Sender(
            OutboxStore outbox,
            ChannelStore channels,
            Deliverer deliverer,
            DeliveryLog deliveryLog,
            JsonMapper json,
            NotificationsProperties properties,
            OutboxClock clock,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.channels = channels;
        this.deliverer = deliverer;
        this.deliveryLog = deliveryLog;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.delay = Timer.builder("waddleperf.notifications.delivery.delay")
                .description("From a notification's enqueueing to its delivery")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.givenUp = Counter.builder("waddleperf.notifications.given.up")
                .description("Notifications given up after failing for giveUpAfter")
                .register(meters);
    }

    @Override
    public String name() {
        return "notifications-sender";
    }

    @Override
    public Duration interval() {
        return properties.sendInterval();
    }

    @Override
    public void run() {
        drain();
    }

    /** One pass; answers how many notifications were delivered. */
    int drain() {
        List<OutboxStore.Row> due = outbox.due(now(), properties.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        Semaphore slots = new Semaphore(properties.concurrency());
        // Channels whose receiver gave no answer in this pass (refused, timed out): their other
        // rows wait for the next pass instead of each spending a timeout of this one, so one dead
        // receiver cannot hold up every other channel's notifications.
        Set<UUID> unreachable = ConcurrentHashMap.newKeySet();
        List<Future<Boolean>> sends = new ArrayList<>(due.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (OutboxStore.Row row : due) {
                sends.add(threads.submit(() -> {
                    slots.acquire();
                    try {
                        return !unreachable.contains(row.channelId()) && send(row, unreachable);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        int delivered = 0;
        for (Future<Boolean> send : sends) {
            try {
                if (send.get()) {
                    delivered++;
                }
            } catch (ExecutionException e) {
                log.error("Notification send failed unexpectedly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return delivered;
    }

    private boolean send(OutboxStore.Row row, Set<UUID> unreachable) {
        Instant claimedAt = now();
        String token = UUID.randomUUID().toString();
        if (!outbox.claim(row, token, claimedAt, claimedAt.plus(properties.lease()))) {
            return false;
        }
        Optional<Channel> channel = channels.find(row.orgId(), row.channelId());
        if (channel.isEmpty()) {
            // Deleted meanwhile (its queue went with it, unless this row was claimed first).
            return false;
        }
        Payload payload = json.readValue(row.payload(), Payload.class);
        DeliveryResult result = deliverer.deliver(channel.get(), payload);
        if (!result.delivered() && result.statusCode() == null) {
            unreachable.add(row.channelId());
        }
        Instant at = now();
        Instant next = result.delivered() ? null : nextAttempt(properties, row.attempts() + 1, row.enqueuedAt(), at);
        boolean ours = deliveryLog.outboxAttempt(row, token, channel.get(), result, at, next);
        if (result.delivered() && ours) {
            delay.record(Duration.between(row.enqueuedAt(), at));
            return true;
        }
        if (!result.delivered()) {
            if (next == null) {
                givenUp.increment();
                log.warn(
                        "Gave up notification {} for channel {} after {} attempts: {}",
                        row.notificationId(),
                        row.channelId(),
                        row.attempts() + 1,
                        result.error());
            } else {
                log.info(
                        "Notification {} for channel {} failed (attempt {}), next at {}: {}",
                        row.notificationId(),
                        row.channelId(),
                        row.attempts() + 1,
                        next,
                        result.error());
            }
        }
        return false;
    }

    /**
     * When to try again after {@code attempts} failures: {@code retryMinDelay × 2^(attempts-1)},
     * at most {@code retryMaxDelay}, of which a random half is taken off ("equal jitter") so that
     * many notifications failing together do not return together; never after the give-up deadline,
     * and null once that has passed.
     */
    static @Nullable Instant nextAttempt(
            NotificationsProperties properties, int attempts, Instant enqueuedAt, Instant now) {
        Instant deadline = enqueuedAt.plus(properties.giveUpAfter());
        if (!now.isBefore(deadline)) {
            return null;
        }
        Duration min = properties.retryMinDelay();
        Duration max = properties.retryMaxDelay();
        Duration wanted = min.multipliedBy(1L << Math.min(attempts - 1, 30));
        Duration backOff = wanted.compareTo(max) > 0 ? max : wanted;
        long half = backOff.toMillis() / 2;
        Duration jittered = Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
        Instant next = now.plus(jittered);
        return next.isAfter(deadline) ? deadline : next;
    }

    private Instant now() {
        return clock.now();
    }
}
