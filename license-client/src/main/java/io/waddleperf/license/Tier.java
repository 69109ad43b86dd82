package io.waddleperf.license;

import java.util.Locale;
import java.util.Optional;

/** The commercial tier a license grants, ordered from least to most. */
public enum Tier {
    COMMUNITY("community"),
    PROFESSIONAL("professional"),
    ENTERPRISE("enterprise");

    private final String wireName;

    Tier(String wireName) {
        this.wireName = wireName;
    }

    /** The name used by the license server and in license files. */
    public String wireName() {
        return wireName;
    }

    public boolean includes(Tier other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Tier> fromWireName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Tier tier : values()) {
            if (tier.wireName.equals(wanted)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
