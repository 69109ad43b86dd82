package io.waddleperf.testserver.iperf.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.waddleperf.testserver.iperf.server.IperfConnectionRefused.Reason;
import io.waddleperf.testserver.iperf.server.IperfTestResult.Outcome;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The iperf3 server's Micrometer meters, registered once per server. */
final class IperfMetrics {

    /** Why a connection was closed before it became a test or a data stream. */
    enum Rejection {
        MALFORMED,
        TIMEOUT,
        OVERLOAD,
        UNEXPECTED_STREAM
    }

    private final MeterRegistry registry;
    private final Map<Reason, Counter> refusals = new EnumMap<>(Reason.class);
    private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);
    private final Map<Outcome, Counter> tests = new EnumMap<>(Outcome.class);

    IperfMetrics(MeterRegistry registry, Supplier<Number> activeTests) {
        this.registry = registry;
        for (Reason reason : Reason.values()) {
            refusals.put(reason, counter("waddleperf.iperf.refusals", "reason", reason));
        }
        for (Rejection rejection : Rejection.values()) {
            rejections.put(rejection, counter("waddleperf.iperf.rejected.connections", "reason", rejection));
        }
        for (Outcome outcome : Outcome.values()) {
            tests.put(outcome, counter("waddleperf.iperf.tests", "outcome", outcome));
        }
        Gauge.builder("waddleperf.iperf.tests.active", activeTests)
                .description("iperf3 tests admitted and not yet finished")
                .register(registry);
    }

    void refused(Reason reason) {
        refusals.get(reason).increment();
    }

    void rejected(Rejection rejection) {
        rejections.get(rejection).increment();
    }

    void finished(Outcome outcome) {
        tests.get(outcome).increment();
    }

    private Counter counter(String name, String tag, Enum<?> value) {
        return Counter.builder(name)
                .tag(tag, value.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .register(registry);
    }
}
