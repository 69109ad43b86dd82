package io.waddleperf.api.geo.internal;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import io.waddleperf.api.geo.Location;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** A MaxMind GeoIP2 or GeoLite2 City database (both address families in one file). */
final class GeoIp2CityDatabase implements IpDatabase {

    private final DatabaseReader reader;

    GeoIp2CityDatabase(Path file) throws IOException {
        this.reader = new DatabaseReader.Builder(file.toFile()).build();
    }

    boolean isGeoLite() {
        return reader.metadata().databaseType().startsWith("GeoLite");
    }

    @Override
    public Location lookup(InetAddress address) throws IOException {
        Optional<CityResponse> found;
        try {
            found = reader.tryCity(address);
        } catch (GeoIp2Exception e) {
            return Location.UNKNOWN;
        }
        return found.map(GeoIp2CityDatabase::of).orElse(Location.UNKNOWN);
    }

    private static Location of(CityResponse r) {
        String country = r.country() == null ? null : r.country().isoCode();
        return new Location(
                country == null ? null : country.toUpperCase(Locale.ROOT),
                r.mostSpecificSubdivision() == null
                        ? null
                        : r.mostSpecificSubdivision().name(),
                r.city() == null ? null : r.city().name(),
                r.location() == null ? null : r.location().latitude(),
                r.location() == null ? null : r.location().longitude());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
