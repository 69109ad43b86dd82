package io.waddleperf.api.geo.internal;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.waddleperf.api.geo.Location;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The places of a location at every level it is known for. */
@Component
class Places {

    /** Unknown country, for places known only by coordinates (an ADMIN set a node's position). */
    static final String NO_COUNTRY = "ZZ";

    private final H3Core h3;

    Places(H3Core h3) {
        this.h3 = h3;
    }

    List<Place> of(Location location) {
        List<Place> places = new ArrayList<>(Level.values().length);
        String country = location.countryCode() == null ? NO_COUNTRY : location.countryCode();
        if (location.countryCode() != null) {
            places.add(new Place(Level.COUNTRY, country, country, country, null, null));
            if (location.city() != null) {
                String region = location.region() == null ? "" : location.region();
                String key = truncate(country + "|" + region + "|" + location.city(), 190);
                places.add(new Place(
                        Level.CITY,
                        key,
                        country,
                        truncate(location.city() + ", " + country, 255),
                        location.latitude(),
                        location.longitude()));
            }
        }
        if (location.hasCoordinates()) {
            for (Level level : Level.values()) {
                if (level.isCell()) {
                    long cell = h3.latLngToCell(location.latitude(), location.longitude(), level.resolution());
                    LatLng centre = h3.cellToLatLng(cell);
                    String address = h3.h3ToString(cell);
                    places.add(new Place(level, address, country, address, centre.lat, centre.lng));
                }
            }
        }
        return places;
    }

    /** The cell's outline as a closed GeoJSON ring of [longitude, latitude] pairs. */
    List<double[]> outline(String cellAddress) {
        List<LatLng> boundary = h3.cellToBoundary(cellAddress);
        List<double[]> ring = new ArrayList<>(boundary.size() + 1);
        boundary.forEach(p -> ring.add(new double[] {p.lng, p.lat}));
        // A cell across the antimeridian would otherwise be drawn as a band around the world.
        boolean crosses =
                ring.stream().anyMatch(p -> p[0] > 90) && ring.stream().anyMatch(p -> p[0] < -90);
        if (crosses) {
            ring.replaceAll(p -> p[0] < 0 ? new double[] {p[0] + 360, p[1]} : p);
        }
        ring.add(ring.getFirst());
        return ring;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
