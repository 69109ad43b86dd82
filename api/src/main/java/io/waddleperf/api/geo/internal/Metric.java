package io.waddleperf.api.geo.internal;

import io.waddleperf.api.results.ResultStored;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A result figure the heatmap shows, and which way is worse. */
public enum Metric {
    LATENCY("ms", true, ResultStored::latencyMs),
    DOWNLOAD("Mbit/s", false, ResultStored::downloadMbps),
    UPLOAD("Mbit/s", false, ResultStored::uploadMbps),
    LOSS("%", true, ResultStored::lossPercent);

    private final String unit;
    private final boolean higherIsWorse;
    private final Function<ResultStored, @Nullable Double> value;

    Metric(String unit, boolean higherIsWorse, Function<ResultStored, @Nullable Double> value) {
        this.unit = unit;
        this.higherIsWorse = higherIsWorse;
        this.value = value;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    /** The figure, when the result measured one that a sketch can hold. */
    @Nullable
    Double of(ResultStored result) {
        Double v = value.apply(result);
        return v == null || v.isNaN() || v.isInfinite() || v < 0 ? null : v;
    }
}
