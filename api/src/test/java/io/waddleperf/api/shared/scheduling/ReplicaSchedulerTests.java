package io.waddleperf.api.shared.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplicaSchedulerTests {

    static final SchedulerProperties PROPERTIES =
            new SchedulerProperties(Duration.ofSeconds(1), 2, Duration.ofSeconds(5), 4, Duration.ofSeconds(5));

    /** Counts its runs down; throws on the first, as a job meeting a broken connection would. */
    static final class Job implements ReplicaJob {
        final String name;
        final CountDownLatch runs;
        final boolean failFirst;
        final AtomicBoolean failed = new AtomicBoolean();
        final AtomicInteger count = new AtomicInteger();

        Job(String name, int runs, boolean failFirst) {
            this.name = name;
            this.runs = new CountDownLatch(runs);
            this.failFirst = failFirst;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Duration interval() {
            return Duration.ofMillis(20);
        }

        @Override
        public void run() {
            runs.countDown();
            count.incrementAndGet();
            if (failFirst && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("first run fails");
            }
        }
    }

    @Test
    void runsEveryJobAgainAndAgainEvenAfterARunThrew() throws InterruptedException {
        Job steady = new Job("steady", 3, false);
        Job failing = new Job("failing", 3, true);
        ReplicaScheduler scheduler = new ReplicaScheduler(List.of(steady, failing), PROPERTIES);

        scheduler.start();
        try {
            assertThat(steady.runs.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(failing.runs.await(10, TimeUnit.SECONDS))
                    .as("runs after the first one threw")
                    .isTrue();
            assertThat(failing.failed).isTrue();
        } finally {
            scheduler.stop();
        }
        assertThat(scheduler.isRunning()).isFalse();
    }

    @Test
    void startsAgainAfterAStop() throws InterruptedException {
        // Spring stops and starts a cached test context's lifecycle beans again.
        Job job = new Job("again", 1, false);
        ReplicaScheduler scheduler = new ReplicaScheduler(List.of(job), PROPERTIES);
        scheduler.start();
        assertThat(job.runs.await(10, TimeUnit.SECONDS)).isTrue();
        scheduler.stop();
        assertThat(scheduler.isRunning()).isFalse();
        int beforeRestart = job.count.get();

        scheduler.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> job.count.get() > beforeRestart);
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void refusesTwoJobsOfOneName() {
        assertThatThrownBy(() -> new ReplicaScheduler(
                        List.of(new Job("twice", 1, false), new Job("twice", 1, false)), PROPERTIES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Two replica jobs are named twice");
    }
}
