package org.dataprune4j.internal;

/**
 * An immutable array of small ints (class indices, -1 for unknown) stored in the narrowest primitive that holds
 * them: one byte each below 128 classes, two below 32,768, else four. Keeps per-example state small at millions of
 * examples.
 */
public final class SmallInts {
    private final byte[] bytes;
    private final short[] shorts;
    private final int[] ints;

    private SmallInts(byte[] bytes, short[] shorts, int[] ints) {
        this.bytes = bytes;
        this.shorts = shorts;
        this.ints = ints;
    }

    /** A copy of {@code values} in the narrowest storage that holds all of them. */
    public static SmallInts of(int[] values) {
        int min = 0;
        int max = 0;
        for (int v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min >= Byte.MIN_VALUE && max <= Byte.MAX_VALUE) {
            byte[] b = new byte[values.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) values[i];
            }
            return new SmallInts(b, null, null);
        }
        if (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            short[] s = new short[values.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) values[i];
            }
            return new SmallInts(null, s, null);
        }
        return new SmallInts(null, null, values.clone());
    }

    /** Number of values. */
    public int length() {
        return bytes != null ? bytes.length : shorts != null ? shorts.length : ints.length;
    }

    /** The value at {@code i}. */
    public int get(int i) {
        return bytes != null ? bytes[i] : shorts != null ? shorts[i] : ints[i];
    }

    /** Every value, as a new int array. */
    public int[] toArray() {
        int[] out = new int[length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** Bytes per value: 1, 2 or 4. */
    public int bytesPerValue() {
        return bytes != null ? 1 : shorts != null ? 2 : 4;
    }
}
