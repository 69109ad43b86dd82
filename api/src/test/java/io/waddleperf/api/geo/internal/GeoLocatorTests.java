package io.waddleperf.api.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;
import io.waddleperf.api.geo.Location;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against the real bundled DB-IP database the build fetched (Maven passes its folder as
 * {@code waddleperf.geo.dbip-directory}): addresses taken from the database's own records must
 * come back as those records' places.
 */
class GeoLocatorTests {

    static Path directory;
    static DatabaseGeoLocator locator;

    @BeforeAll
    static void open() throws Exception {
        String dir = System.getProperty("waddleperf.geo.dbip-directory");
        assertThat(dir)
                .as("waddleperf.geo.dbip-directory (set by the Maven build)")
                .isNotBlank();
        directory = Path.of(dir);
        assertThat(directory.resolve(DbIpCityDatabase.IPV4_FILE))
                .as("the build fetches the database (api/geoip)")
                .exists();
        locator = new DatabaseGeoLocator(new DbIpCityDatabase(directory), GeoConfiguration.DBIP);
    }

    @AfterAll
    static void close() {
        locator.close();
    }

    @Test
    void ipv4AddressesFromTheDatabaseResolveToTheirRecordsCountryAndCity() throws Exception {
        List<DatabaseRecord<Map>> records = sample(DbIpCityDatabase.IPV4_FILE, 40);
        assertThat(records).hasSize(40);
        for (DatabaseRecord<Map> record : records) {
            String address = record.network().networkAddress().getHostAddress();
            @SuppressWarnings("unchecked")
            Location expected = DbIpCityDatabase.of(record.data());
            Location located = locator.locate(address);
            assertThat(located).as(address).isEqualTo(expected);
            assertThat(located.countryCode()).as(address).matches("[A-Z]{2}");
            assertThat(located.city()).as(address).isNotBlank();
            assertThat(located.hasCoordinates()).isTrue();
        }
    }

    @Test
    void ipv6AddressesFromTheDatabaseResolveToTheirRecordsCountryAndCity() throws Exception {
        List<DatabaseRecord<Map>> records = sample(DbIpCityDatabase.IPV6_FILE, 40);
        assertThat(records).hasSize(40);
        for (DatabaseRecord<Map> record : records) {
            InetAddress network = record.network().networkAddress();
            assertThat(network.getAddress()).hasSize(16);
            // The last address of the block too, not only its first.
            byte[] last = network.getAddress();
            int hostBits = 128 - record.network().prefixLength();
            for (int bit = 0; bit < hostBits; bit++) {
                last[15 - bit / 8] |= (byte) (1 << (bit % 8));
            }
            @SuppressWarnings("unchecked")
            Location expected = DbIpCityDatabase.of(record.data());
            assertThat(locator.locate(network.getHostAddress())).isEqualTo(expected);
            assertThat(locator.locate(InetAddress.getByAddress(last).getHostAddress()))
                    .isEqualTo(expected);
        }
    }

    @Test
    void anIpv4MappedIpv6AddressIsLookedUpAsIpv4() {
        Location v4 = locator.locate("8.8.8.8");
        assertThat(v4.known()).isTrue();
        assertThat(locator.locate("::ffff:8.8.8.8")).isEqualTo(v4);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.1.2.3",
                "172.16.0.9",
                "192.168.1.1",
                "127.0.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "::1",
                "::",
                "fe80::1",
                "fd00::1",
                "not-an-ip",
                "example.com",
                "1.2.3",
                "999.1.1.1",
                "1.2.3.4.5",
                "8.8.8.8/32",
                "",
                "   ",
                "2001:db8::zz"
            })
    void privateLoopbackAndMalformedAddressesAreUnknown(String address) {
        assertThat(locator.locate(address)).isEqualTo(Location.UNKNOWN);
    }

    @Test
    void noAddressIsUnknown() {
        assertThat(locator.locate(null)).isEqualTo(Location.UNKNOWN);
    }

    @Test
    void withoutADatabaseEveryAddressIsUnknown() {
        assertThat(new DatabaseGeoLocator(null, null).locate("8.8.8.8")).isEqualTo(Location.UNKNOWN);
    }

    @Test
    void creditsDbIp() {
        assertThat(locator.attribution().url()).isEqualTo("https://db-ip.com");
        assertThat(locator.attribution().text()).contains("DB-IP");
    }

    /**
     * Every n-th public record with a city, spread over the first part of the file: decoding all
     * of the several million records would take most of a minute.
     */
    @SuppressWarnings("rawtypes")
    private static List<DatabaseRecord<Map>> sample(String file, int wanted) throws Exception {
        assertThat(Files.size(directory.resolve(file))).isGreaterThan(10_000_000L);
        List<DatabaseRecord<Map>> picked = new ArrayList<>();
        try (Reader reader = new Reader(new File(directory.resolve(file).toString()))) {
            Iterator<DatabaseRecord<Map>> networks = reader.networks(Map.class);
            int seen = 0;
            while (networks.hasNext() && picked.size() < wanted) {
                DatabaseRecord<Map> record = networks.next();
                if (seen++ % 997 != 0) {
                    continue;
                }
                InetAddress address = record.network().networkAddress();
                boolean v6File = file.equals(DbIpCityDatabase.IPV6_FILE);
                if ((address.getAddress().length == 16) != v6File
                        || !IpLiterals.isPublic(address)
                        || record.data().get("city") == null) {
                    continue;
                }
                picked.add(record);
            }
        }
        return picked;
    }
}
