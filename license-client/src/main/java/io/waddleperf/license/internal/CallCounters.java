package io.waddleperf.license.internal;

import java.util.concurrent.atomic.LongAdder;

/** Counts how callers were answered, so operators can see that an outage did not cause a stampede. */
public final class CallCounters {

    final LongAdder requestsSent = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder coalesced = new LongAdder();
    final LongAdder graceAnswers = new LongAdder();

    public long requestsSent() {
        return requestsSent.sum();
    }

    public long cacheHits() {
        return cacheHits.sum();
    }

    public long coalesced() {
        return coalesced.sum();
    }

    public long graceAnswers() {
        return graceAnswers.sum();
    }

    public void countGraceAnswer() {
        graceAnswers.increment();
    }
}
