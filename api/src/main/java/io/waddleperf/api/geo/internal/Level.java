package io.waddleperf.api.geo.internal;

import java.util.Locale;

/**
 * How coarse a place is. Cells are H3 hexagons: resolution 3 (about 12,000 km², for a continent
 * view) and 5 (about 250 km², city scale); finer cells would claim more precision than an IP
 * database has.
 */
public enum Level {
    COUNTRY(-1),
    CITY(-1),
    CELL3(3),
    CELL5(5);

    private final int resolution;

    Level(int resolution) {
        this.resolution = resolution;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    int resolution() {
        return resolution;
    }

    public boolean isCell() {
        return resolution >= 0;
    }
}
