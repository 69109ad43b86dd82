package io.waddleperf.api.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SketchesTests {

    @Test
    void mergedEncodedSketchesGiveQuantilesWithinTheStatedRelativeError() {
        SplittableRandom random = new SplittableRandom(7);
        double[] all = new double[24 * 100];
        DDSketch merged = Sketches.empty();
        for (int hour = 0; hour < 24; hour++) {
            DDSketch hourly = Sketches.empty();
            for (int i = 0; i < 100; i++) {
                double v = Math.exp(random.nextDouble(0, 7));
                all[hour * 100 + i] = v;
                hourly.accept(v);
            }
            Sketches.mergeInto(merged, Sketches.encode(Sketches.decode(Sketches.encode(hourly))));
        }
        Arrays.sort(all);
        assertThat(merged.getCount()).isEqualTo(all.length);
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            double exact = all[(int) Math.floor(q * (all.length - 1))];
            assertThat(merged.getValueAtQuantile(q)).isCloseTo(exact, within(exact * Sketches.RELATIVE_ACCURACY));
        }
    }

    @Test
    void zeroLossIsKeptAsZero() {
        DDSketch sketch = Sketches.empty();
        sketch.accept(0);
        sketch.accept(0);
        assertThat(Sketches.decode(Sketches.encode(sketch)).getValueAtQuantile(0.95))
                .isZero();
    }
}
