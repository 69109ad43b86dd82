package io.waddleperf.api.geo.internal;

import org.jspecify.annotations.Nullable;

/**
 * A place at one level. {@code key} identifies it within the level (country code, country + region
 * + city, or H3 cell address); latitude and longitude are the city's or the cell's centre, and
 * absent for countries.
 */
record Place(
        Level level,
        String key,
        String countryCode,
        String name,
        @Nullable Double latitude,
        @Nullable Double longitude) {}
