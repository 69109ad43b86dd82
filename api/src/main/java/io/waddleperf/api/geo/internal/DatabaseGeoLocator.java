package io.waddleperf.api.geo.internal;

import io.waddleperf.api.geo.GeoLocator;
import io.waddleperf.api.geo.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link GeoLocator} over one database file set; without one, every address is unknown. */
final class DatabaseGeoLocator implements GeoLocator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGeoLocator.class);

    private final @Nullable IpDatabase database;
    private final @Nullable Attribution attribution;

    DatabaseGeoLocator(@Nullable IpDatabase database, @Nullable Attribution attribution) {
        this.database = database;
        this.attribution = attribution;
    }

    @Override
    public Location locate(@Nullable String address) {
        Optional<InetAddress> ip = IpLiterals.publicAddress(address);
        if (ip.isEmpty() || database == null) {
            return Location.UNKNOWN;
        }
        try {
            return database.lookup(ip.get());
        } catch (IOException e) {
            // A corrupt record must not fail the result being stored; the place stays unknown.
            log.warn("GeoIP lookup failed for one address: {}", e.toString());
            return Location.UNKNOWN;
        }
    }

    @Override
    public @Nullable Attribution attribution() {
        return attribution;
    }

    @Override
    public void close() {
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
