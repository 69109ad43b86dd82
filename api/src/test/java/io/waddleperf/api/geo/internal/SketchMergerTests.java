package io.waddleperf.api.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.store.Store;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The heatmap's direct bin merge against the library's own merge of the same encoded sketches. */
class SketchMergerTests {

    record Bin(int index, double count) {}

    /** Bins of a store in index order. */
    private static List<Bin> bins(Store store) {
        List<Bin> bins = new ArrayList<>();
        store.forEach((index, count) -> bins.add(new Bin(index, count)));
        return bins;
    }

    /** The merger's bins and its own quantiles are the library's. */
    private static void assertSameMerge(SketchMerger merger, DDSketch library) {
        assertSameMerge(merger.sketch(), library);
        for (int i = 0; i <= 100; i++) {
            double q = i / 100.0;
            assertThat(merger.quantile(q)).as("quantile %s", q).isEqualTo(library.getValueAtQuantile(q));
        }
    }

    private static void assertSameMerge(DDSketch direct, DDSketch library) {
        assertThat(bins(direct.getPositiveValueStore()))
                .containsExactlyElementsOf(bins(library.getPositiveValueStore()));
        assertThat(bins(direct.getNegativeValueStore()))
                .containsExactlyElementsOf(bins(library.getNegativeValueStore()));
        assertThat(direct.getCount()).isEqualTo(library.getCount());
        assertThat(direct.getIndexMapping()).isEqualTo(library.getIndexMapping());
        for (int i = 0; i <= 100; i++) {
            double q = i / 100.0;
            assertThat(direct.getValueAtQuantile(q)).as("quantile %s", q).isEqualTo(library.getValueAtQuantile(q));
        }
    }

    /**
     * Random sketches of random sizes and spreads, as rollup rows hold them: a few values (sparse
     * encoding), many over a narrow range (contiguous counts), zeros (loss), negatives, and
     * sketches that were themselves merges (counts above one).
     */
    private static List<byte[]> randomSketches(SplittableRandom random, int n, List<Double> values) {
        List<byte[]> encoded = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            DDSketch sketch = Sketches.empty();
            int size = random.nextInt(4) == 0 ? random.nextInt(1, 4) : random.nextInt(1, 800);
            double spread = random.nextDouble(0.1, 12);
            double base = random.nextDouble(-3, 5);
            for (int i = 0; i < size; i++) {
                double v;
                int kind = random.nextInt(20);
                if (kind == 0) {
                    v = 0;
                } else if (kind == 1) {
                    v = -Math.exp(random.nextDouble(0, 4));
                } else {
                    v = Math.exp(base + random.nextDouble(0, spread));
                }
                values.add(v);
                sketch.accept(v);
            }
            encoded.add(Sketches.encode(sketch));
        }
        return encoded;
    }

    @Test
    void directMergeEqualsTheLibraryMergeBinForBinOnRandomSketches() {
        SplittableRandom random = new SplittableRandom(17);
        SketchMerger merger = new SketchMerger();
        for (int round = 0; round < 40; round++) {
            List<Double> values = new ArrayList<>();
            List<byte[]> encoded = randomSketches(random, random.nextInt(1, 60), values);
            DDSketch library = Sketches.empty();
            merger.clear();
            for (byte[] e : encoded) {
                Sketches.mergeInto(library, e);
                merger.add(e);
            }
            assertSameMerge(merger, library);

            // Counts are exact and quantiles within the stated error of the exact values.
            assertThat(merger.sketch().getCount()).isEqualTo(values.size());
            double[] sorted =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            for (double q : new double[] {0.5, 0.95}) {
                double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
                assertThat(merger.quantile(q))
                        .isCloseTo(exact, within(Math.abs(exact) * Sketches.RELATIVE_ACCURACY + 1e-12));
            }
        }
    }

    @Test
    void clearStartsAFreshMergeAndTheMergerCanBeReused() {
        SplittableRandom random = new SplittableRandom(3);
        SketchMerger merger = new SketchMerger();
        List<byte[]> first = randomSketches(random, 20, new ArrayList<>());
        for (byte[] e : first) {
            merger.add(e);
        }
        DDSketch before = merger.sketch();

        merger.clear();
        List<byte[]> second = randomSketches(random, 20, new ArrayList<>());
        DDSketch library = Sketches.empty();
        for (byte[] e : second) {
            merger.add(e);
            Sketches.mergeInto(library, e);
        }
        assertSameMerge(merger, library);
        // A sketch taken before is not changed by later adds.
        DDSketch firstOnly = Sketches.empty();
        first.forEach(e -> Sketches.mergeInto(firstOnly, e));
        assertSameMerge(before, firstOnly);
    }

    @Test
    void mergesSketchesOfMergesAsStoredRollupsAre() {
        // Daily and weekly rows hold merges of merges: counts above one in contiguous bins.
        SplittableRandom random = new SplittableRandom(11);
        DDSketch week = Sketches.empty();
        for (int day = 0; day < 7; day++) {
            for (byte[] e : randomSketches(random, 24, new ArrayList<>())) {
                week.mergeWith(Sketches.decode(e));
            }
        }
        byte[] stored = Sketches.encode(week);
        SketchMerger merger = new SketchMerger();
        merger.add(stored);
        merger.add(stored);
        DDSketch library = Sketches.empty();
        Sketches.mergeInto(library, stored);
        Sketches.mergeInto(library, stored);
        assertSameMerge(merger, library);
    }

    @Test
    void emptyMergeIsAnEmptySketch() {
        SketchMerger merger = new SketchMerger();
        merger.add(Sketches.encode(Sketches.empty()));
        assertThat(merger.sketch().isEmpty()).isTrue();
        assertThatThrownBy(() -> merger.quantile(0.5)).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void refusesSketchesWithAnotherIndexMappingOrCutShort() {
        DDSketch other = DDSketches.unboundedDense(0.02);
        other.accept(12.5);
        SketchMerger merger = new SketchMerger();
        byte[] foreign = Sketches.encode(other);
        assertThatThrownBy(() -> merger.add(foreign)).isInstanceOf(UncheckedIOException.class);
        // The library refuses the same sketch.
        assertThatThrownBy(() -> Sketches.mergeInto(Sketches.empty(), foreign))
                .isInstanceOf(IllegalArgumentException.class);

        DDSketch sketch = Sketches.empty();
        for (int i = 1; i <= 50; i++) {
            sketch.accept(i);
        }
        byte[] encoded = Sketches.encode(sketch);
        byte[] cut = Arrays.copyOf(encoded, encoded.length - 3);
        assertThatThrownBy(() -> merger.add(cut)).isInstanceOf(UncheckedIOException.class);
    }
}
