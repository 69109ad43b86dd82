package io.waddleperf.api.geo.internal;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Merges encoded sketches (as {@link Sketches#encode} writes them) by adding their bin counts
 * straight into one array per sign, with no store, index mapping or flag object made per sketch:
 * a city heatmap merges thousands of stored sketches, and the library's
 * {@link DDSketch#decodeAndMergeWith} builds an index mapping per sketch and adds each bin through
 * the store's range checks. The result is bin for bin the library's merge (counts add up in the
 * same order, so even the doubles are equal), hence the same quantiles within
 * {@link Sketches#RELATIVE_ACCURACY}.
 *
 * <p>Reads the library's binary format (sketches-java 0.8: a flag byte, then its payload; bins as
 * index deltas and counts, index deltas only, or contiguous counts; variable-length longs and
 * doubles). Only sketches with this module's index mapping are accepted, as the library's merge
 * accepts only sketches with the target's mapping. One merger per thread; {@link #clear} between
 * places.
 */
final class SketchMerger {

    // Flag types: the low two bits of a flag byte; the rest is the sub-flag.
    private static final int SKETCH_FEATURES = 0;
    private static final int POSITIVE_STORE = 1;
    private static final int INDEX_MAPPING = 2;
    private static final int NEGATIVE_STORE = 3;

    // Sub-flags of SKETCH_FEATURES: zero count, and exact summary statistics the library skips.
    private static final int ZERO_COUNT = 1;
    private static final int COUNT = 0x28;
    private static final int SUM = 0x21;
    private static final int MIN = 0x22;
    private static final int MAX = 0x23;

    // Bin encodings, the sub-flag of a store flag.
    private static final int INDEX_DELTAS_AND_COUNTS = 1;
    private static final int INDEX_DELTAS = 2;
    private static final int CONTIGUOUS_COUNTS = 3;

    /** The index mapping of {@link Sketches#empty()}, for the value of a bin (immutable). */
    private static final com.datadoghq.sketch.ddsketch.mapping.IndexMapping MAPPING_VALUES =
            Sketches.empty().getIndexMapping();

    /** The encoded index mapping of {@link Sketches#empty()}: flag, gamma and offset. */
    private static final byte[] MAPPING = encodedMapping();

    private final Bins positive = new Bins();
    private final Bins negative = new Bins();
    private double zeroCount;

    private static final byte[] NONE = new byte[0];

    private byte[] in = NONE;
    private int pos;

    /** Adds one encoded sketch's bins. */
    void add(byte[] encoded) {
        in = encoded;
        pos = 0;
        try {
            while (pos < in.length) {
                int flag = in[pos++] & 0xFF;
                int sub = flag >>> 2;
                switch (flag & 3) {
                    case POSITIVE_STORE -> bins(positive, sub);
                    case NEGATIVE_STORE -> bins(negative, sub);
                    case INDEX_MAPPING -> mapping();
                    default -> feature(sub);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | ArithmeticException e) {
            throw corrupt("truncated or out of range", e);
        } finally {
            in = NONE;
        }
    }

    /**
     * The value at quantile {@code q} of the merge so far, as {@link DDSketch#getValueAtQuantile}
     * answers it for the same bins (same rank rule, same bin value), without building the sketch:
     * a sketch's store grows bin by bin as they are added, which cost more than the merge itself.
     */
    double quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile " + q + " is not within [0, 1]");
        }
        double count = zeroCount + negative.total() + positive.total();
        if (count == 0) {
            throw new java.util.NoSuchElementException("no values merged");
        }
        double rank = q * (count - 1);
        double n = 0;
        for (int i = negative.max; i >= negative.min; i--) {
            double c = negative.counts[i - negative.offset];
            if (c != 0 && (n += c) > rank) {
                return -MAPPING_VALUES.value(i);
            }
        }
        if ((n += zeroCount) > rank) {
            return 0;
        }
        for (int i = positive.min; i <= positive.max; i++) {
            double c = positive.counts[i - positive.offset];
            if (c != 0 && (n += c) > rank) {
                return MAPPING_VALUES.value(i);
            }
        }
        throw new java.util.NoSuchElementException("quantile " + q + " beyond the merged counts");
    }

    /** The merge so far as a sketch (a fresh one: later adds do not change it). */
    DDSketch sketch() {
        DDSketch sketch = Sketches.empty();
        positive.into(sketch.getPositiveValueStore());
        negative.into(sketch.getNegativeValueStore());
        if (zeroCount != 0) {
            sketch.accept(0, zeroCount);
        }
        return sketch;
    }

    /** Empties the merger for the next place, keeping its arrays. */
    void clear() {
        positive.clear();
        negative.clear();
        zeroCount = 0;
    }

    private void mapping() {
        // The flag byte was read; it and the two doubles after it must be this module's mapping
        // (same layout, gamma and offset: what the library's mergeability check compares).
        int start = pos - 1;
        if (start + MAPPING.length > in.length
                || !Arrays.equals(in, start, start + MAPPING.length, MAPPING, 0, MAPPING.length)) {
            throw corrupt("a sketch with another index mapping", null);
        }
        pos = start + MAPPING.length;
    }

    private void feature(int sub) {
        switch (sub) {
            case ZERO_COUNT -> zeroCount += count(varDouble());
            case COUNT -> varDouble();
            case SUM, MIN, MAX -> pos += 8;
            default -> throw corrupt("an unknown flag", null);
        }
    }

    private void bins(Bins bins, int mode) {
        long n = unsignedVarLong();
        switch (mode) {
            case INDEX_DELTAS_AND_COUNTS -> {
                long index = 0;
                for (long i = 0; i != n; i++) {
                    index += signedVarLong();
                    bins.add(Math.toIntExact(index), count(varDouble()));
                }
            }
            case INDEX_DELTAS -> {
                long index = 0;
                for (long i = 0; i != n; i++) {
                    index += signedVarLong();
                    bins.add(Math.toIntExact(index), 1);
                }
            }
            case CONTIGUOUS_COUNTS -> {
                long index = signedVarLong();
                long delta = signedVarLong();
                if (n > 0 && delta == 1) {
                    // What DenseStore writes: one range check, then a plain loop over the counts.
                    int first = Math.toIntExact(index);
                    int last = Math.toIntExact(index + n - 1);
                    bins.cover(first, last);
                    double[] counts = bins.counts;
                    for (int i = first - bins.offset, end = last - bins.offset; i <= end; i++) {
                        counts[i] += count(varDouble());
                    }
                } else {
                    for (long i = 0; i != n; i++, index += delta) {
                        bins.add(Math.toIntExact(index), count(varDouble()));
                    }
                }
            }
            default -> throw corrupt("an unknown bin encoding", null);
        }
    }

    private static double count(double count) {
        // The library refuses negative counts (and NaN would poison every quantile).
        if (!(count >= 0)) {
            throw corrupt("a negative count", null);
        }
        return count;
    }

    // The library's variable-length encodings (VarEncodingHelper), read straight from the array.

    private long unsignedVarLong() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte next = in[pos++];
            if (next >= 0 || shift == 7 * 8) {
                return value | ((long) next << shift);
            }
            value |= ((long) next & 0x7FL) << shift;
        }
    }

    private long signedVarLong() {
        long v = unsignedVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    private double varDouble() {
        long bits = 0;
        for (int shift = 8 * 8 - 7; ; shift -= 7) {
            byte next = in[pos++];
            if (shift == 1) {
                bits |= Byte.toUnsignedLong(next);
                break;
            }
            if (next >= 0) {
                bits |= (long) next << shift;
                break;
            }
            bits |= ((long) next & 0x7FL) << shift;
        }
        return Double.longBitsToDouble(Long.rotateRight(bits, 6) + Double.doubleToRawLongBits(1)) - 1;
    }

    private static UncheckedIOException corrupt(String what, @org.jspecify.annotations.Nullable Exception cause) {
        return new UncheckedIOException(new IOException("corrupt quantile sketch in geo_rollups: " + what, cause));
    }

    private static byte[] encodedMapping() {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            Sketches.empty().getIndexMapping().encode(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }

    /** Counts of one sign by bin index: {@code counts[index - offset]}, non-zero within [min, max]. */
    private static final class Bins {
        // Room on either side when the array grows, so a place's sketches rarely grow it twice.
        private static final int SLACK = 64;

        double[] counts = new double[0];
        int offset;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;

        void add(int index, double count) {
            if (index < offset || index >= offset + counts.length) {
                cover(index, index);
            } else {
                min = Math.min(min, index);
                max = Math.max(max, index);
            }
            counts[index - offset] += count;
        }

        /** Makes [first, last] addressable and part of [min, max]. */
        void cover(int first, int last) {
            int lo = Math.min(first, min);
            int hi = Math.max(last, max);
            if (lo < offset || (long) hi >= (long) offset + counts.length) {
                int newOffset = (int) Math.max(Integer.MIN_VALUE, (long) lo - SLACK);
                int length = Math.toIntExact((long) hi + SLACK - newOffset + 1);
                double[] grown = new double[length];
                if (min <= max) {
                    System.arraycopy(counts, min - offset, grown, min - newOffset, max - min + 1);
                }
                counts = grown;
                offset = newOffset;
            }
            min = lo;
            max = hi;
        }

        void into(Store store) {
            for (int i = min; i <= max; i++) {
                double count = counts[i - offset];
                if (count != 0) {
                    store.add(i, count);
                }
            }
        }

        /** The sum of the counts, in index order as the library's store adds them up. */
        double total() {
            double total = 0;
            for (int i = min; i <= max; i++) {
                total += counts[i - offset];
            }
            return total;
        }

        void clear() {
            if (min <= max) {
                Arrays.fill(counts, min - offset, max - offset + 1, 0);
            }
            min = Integer.MAX_VALUE;
            max = Integer.MIN_VALUE;
        }
    }
}
