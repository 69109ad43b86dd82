package io.waddleperf.api.geo.internal;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * DDSketch with 1 % relative accuracy: any quantile read from a sketch, or from any merge of
 * sketches, is within 1 % of the exact value of a sample at that rank. Merges are exact (bucket
 * counts add up), so hourly sketches combine into any period without losing accuracy.
 */
final class Sketches {

    static final double RELATIVE_ACCURACY = 0.01;

    private Sketches() {}

    static DDSketch empty() {
        return DDSketches.unboundedDense(RELATIVE_ACCURACY);
    }

    /** The library's own compact binary encoding, index mapping included, which decode reads. */
    static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a quantile sketch", e);
        }
        return out.trimmedCopy();
    }

    static DDSketch decode(byte[] bytes) {
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt quantile sketch in geo_rollups", e);
        }
    }

    static void mergeInto(DDSketch target, byte[] bytes) {
        try {
            target.decodeAndMergeWith(ByteArrayInput.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt quantile sketch in geo_rollups", e);
        }
    }
}
