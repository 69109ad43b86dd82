package io.waddleperf.api.geo.internal;

import org.jspecify.annotations.Nullable;

/** {@code west,south,east,north} in degrees, GeoJSON's bbox order. */
public record BoundingBox(double west, double south, double east, double north) {

    /**
     * Whether a point lies in the box, edges included; a box whose west edge is east of its east
     * edge crosses the antimeridian. A place without coordinates (a country) lies in no box.
     */
    boolean contains(@Nullable Double latitude, @Nullable Double longitude) {
        if (latitude == null || longitude == null || latitude < south || latitude > north) {
            return false;
        }
        return west <= east
                ? longitude >= west && longitude <= east
                // Across the antimeridian: west of 180 or east of -180.
                : longitude >= west || longitude <= east;
    }
}
