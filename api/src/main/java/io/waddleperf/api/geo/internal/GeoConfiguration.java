package io.waddleperf.api.geo.internal;

import com.uber.h3core.H3Core;
import io.micrometer.core.instrument.MeterRegistry;
import io.waddleperf.api.geo.GeoLocator.Attribution;
import io.waddleperf.api.geo.GeoProperties;
import java.io.IOException;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GeoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GeoConfiguration.class);

    static final Attribution DBIP = new Attribution("IP Geolocation by DB-IP (CC BY 4.0)", "https://db-ip.com");

    /**
     * A configured database that cannot be opened fails the start: silently geolocating nothing
     * would look like a working heatmap with no data. Without any configured database the API
     * runs, with every address unknown, and says so once.
     */
    @Bean(destroyMethod = "close")
    DatabaseGeoLocator geoLocator(GeoProperties properties) throws IOException {
        if (properties.cityDatabase() != null) {
            log.info("GeoIP: GeoIP2 City database {}", properties.cityDatabase());
            GeoIp2CityDatabase database = new GeoIp2CityDatabase(properties.cityDatabase());
            // GeoLite2's licence asks for this credit; commercial GeoIP2 databases ask for none.
            Attribution credit = database.isGeoLite()
                    ? new Attribution(
                            "This product includes GeoLite2 data created by MaxMind", "https://www.maxmind.com")
                    : null;
            return new DatabaseGeoLocator(database, credit);
        }
        if (properties.dbipDirectory() != null) {
            log.info("GeoIP: DB-IP Lite City in {}", properties.dbipDirectory());
            return new DatabaseGeoLocator(new DbIpCityDatabase(properties.dbipDirectory()), DBIP);
        }
        log.warn("GeoIP: no database configured (waddleperf.geo.dbip-directory or .city-database);"
                + " every address is unknown and heatmaps stay empty");
        return new DatabaseGeoLocator(null, null);
    }

    @Bean(destroyMethod = "close")
    TargetAddresses targetAddresses(GeoProperties properties) {
        return new TargetAddresses(
                InetAddress::getByName, properties.targetLookupWait(), properties.targetLookupTtl(), 100_000);
    }

    @Bean
    HeatmapCache heatmapCache(GeoProperties properties, MeterRegistry meters) {
        return new HeatmapCache(properties.heatmapCacheSize().toBytes(), meters);
    }

    /** H3's native library is loaded once per JVM; the instance is thread-safe. */
    @Bean
    H3Core h3() throws IOException {
        return H3Core.newInstance();
    }
}
