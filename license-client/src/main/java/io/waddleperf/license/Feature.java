package io.waddleperf.license;

import io.waddleperf.license.internal.JsonValues;
import java.util.Map;
import java.util.Objects;

/**
 * One feature entry of a license.
 *
 * @param units usage units granted; {@value #UNLIMITED_UNITS} means unlimited and {@value
 *     #UNITS_NOT_APPLICABLE} means the feature is not metered (the server's convention)
 * @param metadata feature-specific data as parsed JSON: maps, lists, strings, {@code BigDecimal},
 *     booleans and {@code null}
 */
public record Feature(String name, boolean entitled, int units, String description, Map<String, Object> metadata) {

    public static final int UNLIMITED_UNITS = 0;
    public static final int UNITS_NOT_APPLICABLE = -1;

    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        metadata = JsonValues.immutableObject(metadata);
    }

    /** What a license that does not mention a feature grants: nothing. */
    public static Feature notEntitled(String name) {
        return new Feature(name, false, UNITS_NOT_APPLICABLE, "", Map.of());
    }
}
