package io.waddleperf.api.monitors.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.waddleperf.api.runs.Runs;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This replica's share of the monitors' schedule. Every replica polls the due slots of all
 * monitors (an index range scan on {@code (enabled, next_due_at)}) and races to claim each one;
 * the database decides the winner (see {@link MonitorRounds}). Nothing is owned by a replica, so a
 * replica that dies leaves nothing behind: the next slot goes to whoever polls first, within one
 * poll interval. A slot whose claim committed but whose runs the dying replica had not yet sent
 * stays {@code pending} until the runs' sweeper ends it at its deadline.
 *
 * <p>Lateness (due → dispatched) is the histogram {@code waddleperf.autoperf.lateness}, tagged
 * {@code late=true} for catch-up rounds.
 */
@Component
public class MonitorScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MonitorScheduler.class);

    private final MonitorStore store;
    private final MonitorRounds rounds;
    private final Runs runs;
    private final MonitorsProperties properties;
    private final Clock clock;
    private final String replica;
    private final Timer onTime;
    private final Timer late;
    private final DelayQueue<Pending> pending = new DelayQueue<>();
    private final Set<MonitorStore.Due> known = ConcurrentHashMap.newKeySet();
    private volatile List<Thread> threads = List.of();
    private volatile boolean running;

    MonitorScheduler(
            MonitorStore store,
            MonitorRounds rounds,
            Runs runs,
            MonitorsProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.rounds = rounds;
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
        this.replica = properties.replicaName().isBlank() ? defaultReplicaName() : properties.replicaName();
        this.onTime = lateness(meters, "false");
        this.late = lateness(meters, "true");
    }

    private static Timer lateness(MeterRegistry meters, String lateTag) {
        return Timer.builder("waddleperf.autoperf.lateness")
                .description("From a monitor slot's due time to its round dispatched")
                .tag("late", lateTag)
                .publishPercentileHistogram()
                // A scheduler minutes behind must show how far, not only "more than 30 s".
                .maximumExpectedValue(Duration.ofMinutes(15))
                .register(meters);
    }

    /**
     * One look as replica {@code replicaName}: claims and runs every slot due at {@code now} that
     * no other replica took first; answers what this replica ran (skipped slots included).
     */
    public List<MonitorRounds.Fired> pollOnce(Instant now, String replicaName) {
        // The look's time moves on by what the look has taken so far: a slot fired late in a large
        // look is that much later, and is measured so.
        long lookStarted = System.nanoTime();
        Supplier<Instant> lookClock =
                () -> now.plusNanos(System.nanoTime() - lookStarted).truncatedTo(ChronoUnit.MICROS);
        List<MonitorStore.Due> due = new ArrayList<>(store.due(now, properties.batchSize()));
        // Replicas that see the same due slots start at different ones instead of all racing for
        // the first.
        Collections.shuffle(due);
        List<MonitorRounds.Fired> fired = Collections.synchronizedList(new ArrayList<>());
        // A round is some ten short statements and a commit, mostly waiting for the database:
        // several at once keep up with many more monitors than one after another. Each claim is
        // safe against any other, on this replica or another.
        ConcurrentLinkedQueue<MonitorStore.Due> queue = new ConcurrentLinkedQueue<>(due);
        int workers = Math.min(properties.fireConcurrency(), due.size());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < workers; i++) {
                pool.execute(() -> {
                    MonitorStore.Due slot;
                    while ((slot = queue.poll()) != null) {
                        fire(slot, replicaName, lookClock).ifPresent(fired::add);
                    }
                });
            }
        }
        return List.copyOf(fired);
    }

    private Optional<MonitorRounds.Fired> fire(MonitorStore.Due slot, String replicaName, Supplier<Instant> lookClock) {
        Optional<MonitorRounds.Fired> round;
        try {
            round = rounds.fire(slot, lookClock.get(), replicaName);
        } catch (RuntimeException e) {
            log.warn("Monitor {}: the slot due {} could not be run; retried next look", slot.id(), slot.dueAt(), e);
            return Optional.empty();
        }
        round.ifPresent(r -> {
            if (!r.probeRunIds().isEmpty()) {
                runs.dispatch(r.orgId(), r.probeRunIds());
            }
            // Measured once the round is stored and its runs handed to dispatch.
            (r.late() ? late : onTime).record(Duration.between(r.dueAt(), lookClock.get()));
        });
        return round;
    }

    /**
     * The running replica's pipeline. A poller reads the slots due within the next poll interval
     * and queues each for its due time; {@code fireConcurrency} workers take each slot as it falls
     * due and fire it. Unlike a look, where a slot due now waits for the slowest round of the
     * previous look, a slot waits here only for a free worker, and it is fired at its due time,
     * not at the next look.
     */
    private void poll() {
        while (running) {
            try {
                Instant now = now();
                List<MonitorStore.Due> due =
                        new ArrayList<>(store.due(now.plus(properties.pollInterval()), properties.batchSize()));
                // As in a look: replicas that see the same slots start at different ones.
                Collections.shuffle(due);
                for (MonitorStore.Due slot : due) {
                    // A slot stays due in the database until it is claimed: queue it once.
                    if (known.add(slot)) {
                        long delay =
                                Duration.between(clock.instant(), slot.dueAt()).toNanos();
                        pending.add(new Pending(slot, System.nanoTime() + Math.max(0, delay)));
                    }
                }
            } catch (RuntimeException e) {
                // The database may be away for a moment; the slots wait for the next poll.
                log.warn("Monitor scheduler poll failed: {}", e.toString());
            }
            if (running) {
                LockSupport.parkNanos(properties.pollInterval().toNanos());
            }
        }
    }

    private void work() {
        while (running) {
            Pending next;
            try {
                next = pending.take();
            } catch (InterruptedException e) {
                return;
            }
            MonitorStore.Due slot = next.slot();
            try {
                // Never before the slot: the queue's clock and the wall clock may differ a little.
                fire(slot, replica, () -> latest(now(), slot.dueAt()));
            } finally {
                known.remove(slot);
            }
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A slot waiting for its due time; the queue hands it out once {@code dueNanos} has passed. */
    private record Pending(MonitorStore.Due slot, long dueNanos) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Pending) other).dueNanos);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void start() {
        if (!properties.scheduler() || running) {
            return;
        }
        running = true;
        List<Thread> started = new ArrayList<>();
        started.add(Thread.ofPlatform().name("monitor-scheduler").daemon().start(this::poll));
        for (int i = 0; i < properties.fireConcurrency(); i++) {
            started.add(Thread.ofVirtual().name("monitor-fire-" + i).start(this::work));
        }
        threads = List.copyOf(started);
        log.info("Monitor scheduler started on replica {}", replica);
    }

    @Override
    public void stop() {
        running = false;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads = List.of();
        pending.clear();
        known.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public String replica() {
        return replica;
    }

    private static String defaultReplicaName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
