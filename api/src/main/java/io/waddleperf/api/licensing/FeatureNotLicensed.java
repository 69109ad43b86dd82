package io.waddleperf.api.licensing;

import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.license.WaddlePerfFeature;
import java.util.Map;

/** The license does not include the feature; the problem names it in {@code feature}. */
public final class FeatureNotLicensed extends Refused {

    public FeatureNotLicensed(WaddlePerfFeature feature) {
        super(
                Kind.NOT_LICENSED,
                "feature-not-licensed",
                "License required",
                "The feature '" + feature.wireName() + "' is not included in your license (it needs the "
                        + feature.minimumTier().wireName() + " tier or higher)",
                Map.of("feature", feature.wireName()));
    }
}
