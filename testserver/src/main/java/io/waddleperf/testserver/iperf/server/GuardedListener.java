package io.waddleperf.testserver.iperf.server;

import io.waddleperf.testserver.iperf.IperfInterval;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shields the I/O threads from a listener that throws: a broken observer must not fail a test. */
final class GuardedListener implements IperfListener {

    private static final Logger log = LoggerFactory.getLogger(GuardedListener.class);

    private final IperfListener delegate;

    GuardedListener(IperfListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void testStarted(IperfTestStarted event) {
        call(delegate::testStarted, event);
    }

    @Override
    public void intervalMeasured(IperfInterval interval) {
        call(delegate::intervalMeasured, interval);
    }

    @Override
    public void testFinished(IperfTestResult result) {
        call(delegate::testFinished, result);
    }

    @Override
    public void connectionRefused(IperfConnectionRefused event) {
        call(delegate::connectionRefused, event);
    }

    private static <T> void call(Consumer<T> method, T event) {
        try {
            method.accept(event);
        } catch (RuntimeException e) {
            log.warn("iperf3 listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }
}
