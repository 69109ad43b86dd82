package io.waddleperf.api.geo;

import org.jspecify.annotations.Nullable;

/** Looks addresses up in the configured GeoIP database; never does a DNS lookup. */
public interface GeoLocator {

    /** The location of an IPv4 or IPv6 literal; anything else, or an unlisted address, is unknown. */
    Location locate(@Nullable String address);

    /** Credit line the database's licence asks for, or null when it asks for none. */
    @Nullable
    Attribution attribution();

    /** Who to credit and where to link, e.g. DB-IP and https://db-ip.com (CC BY 4.0). */
    record Attribution(String text, String url) {}
}
