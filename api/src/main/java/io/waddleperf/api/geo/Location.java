package io.waddleperf.api.geo;

import org.jspecify.annotations.Nullable;

/**
 * Where an address is, as far as the GeoIP database knows. Private, loopback, malformed and
 * unlisted addresses are {@link #UNKNOWN}, never an error.
 *
 * @param countryCode ISO 3166-1 alpha-2, upper case
 */
public record Location(
        @Nullable String countryCode,
        @Nullable String region,
        @Nullable String city,
        @Nullable Double latitude,
        @Nullable Double longitude) {

    public static final Location UNKNOWN = new Location(null, null, null, null, null);

    public boolean known() {
        return countryCode != null || (latitude != null && longitude != null);
    }

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }
}
