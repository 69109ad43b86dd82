package io.waddleperf.api.shared.info;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationListener;
import org.springframework.core.metrics.StartupStep;

/**
 * With {@code WADDLEPERF_STARTUP_STEPS=n} (n > 0), records Spring's start-up steps and logs the n
 * that took longest by their own time (a step's time less that of the steps inside it: creating a
 * bean includes creating the beans it needs, which would otherwise be counted again). A tool for
 * {@code bench/startup/phases} and docs/operations/startup.md; off by default, because recording
 * every step costs memory and time on every start.
 */
public final class StartupSteps implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupSteps.class);

    private final BufferingApplicationStartup startup;
    private final int count;

    private StartupSteps(BufferingApplicationStartup startup, int count) {
        this.startup = startup;
        this.count = count;
    }

    /** Records the steps of {@code application} when the variable asks for it. */
    public static void installIfRequested(SpringApplication application) {
        int count = parse(System.getenv("WADDLEPERF_STARTUP_STEPS"));
        if (count <= 0) {
            return;
        }
        BufferingApplicationStartup startup = new BufferingApplicationStartup(20_000);
        application.setApplicationStartup(startup);
        application.addListeners(new StartupSteps(startup, count));
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        List<StartupTimeline.TimelineEvent> events =
                startup.getBufferedTimeline().getEvents();
        Map<Long, Duration> inner = new HashMap<>();
        for (StartupTimeline.TimelineEvent e : events) {
            Long parent = e.getStartupStep().getParentId();
            if (parent != null) {
                inner.merge(parent, e.getDuration(), Duration::plus);
            }
        }
        record Step(String name, long ownMs, long totalMs) {}
        List<Step> steps = new ArrayList<>();
        for (StartupTimeline.TimelineEvent e : events) {
            StartupStep step = e.getStartupStep();
            Duration own = e.getDuration().minus(inner.getOrDefault(step.getId(), Duration.ZERO));
            steps.add(new Step(describe(step), own.toMillis(), e.getDuration().toMillis()));
        }
        steps.sort(Comparator.comparingLong(Step::ownMs).reversed());
        StringBuilder text = new StringBuilder("Slowest start-up steps (own ms / with inner steps ms):");
        steps.stream()
                .limit(count)
                .forEach(s -> text.append(System.lineSeparator())
                        .append(String.format("%7d %7d  %s", s.ownMs(), s.totalMs(), s.name())));
        log.info("{}", text);
    }

    private static String describe(StartupStep step) {
        StringBuilder name = new StringBuilder(step.getName());
        for (StartupStep.Tag tag : step.getTags()) {
            if (tag.getKey().equals("beanName")
                    || tag.getKey().equals("postProcessor")
                    || tag.getKey().equals("listener")
                    || tag.getKey().equals("event")) {
                name.append(' ').append(tag.getValue());
            }
        }
        return name.toString();
    }
}
