package io.waddleperf.api.geo.internal;

import java.util.Locale;

/**
 * Which end of a measurement a place describes: the browser of a speed test, the node that
 * measured, or the target it measured (when the target is an address).
 */
public enum Side {
    CLIENT,
    NODE,
    TARGET;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
