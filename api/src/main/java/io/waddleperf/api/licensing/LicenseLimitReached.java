package io.waddleperf.api.licensing;

import io.waddleperf.api.shared.errors.Refused;
import java.util.LinkedHashMap;
import java.util.Map;

/** One more would exceed a license limit; the problem names it in {@code limit} and {@code max}. */
public final class LicenseLimitReached extends Refused {

    /** @param current how many exist now */
    public LicenseLimitReached(Licensing.Limit limit, int max, long current) {
        super(
                Kind.NOT_LICENSED,
                "license-limit-reached",
                "License required",
                "The license allows " + max + " " + limit.noun() + " (" + limit.wireName() + "); " + current
                        + " exist already",
                properties(limit, max));
    }

    private static Map<String, Object> properties(Licensing.Limit limit, int max) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("limit", limit.wireName());
        properties.put("max", max);
        return properties;
    }
}
