package org.dataprune4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmallIntsTest {

    @Test
    void storesEachArrayInTheNarrowestTypeThatHoldsItAndReadsBackEveryValue() {
        int[] bytes = {-1, 0, 127, 5};
        int[] shorts = {-1, 128, 32_767};
        int[] ints = {-1, 32_768, Integer.MAX_VALUE};
        assertEquals(1, SmallInts.of(bytes).bytesPerValue());
        assertEquals(2, SmallInts.of(shorts).bytesPerValue());
        assertEquals(4, SmallInts.of(ints).bytesPerValue());
        assertEquals(2, SmallInts.of(new int[] {-129}).bytesPerValue());
        for (int[] values : new int[][] {bytes, shorts, ints, {}}) {
            SmallInts s = SmallInts.of(values);
            assertArrayEquals(values, s.toArray());
            assertEquals(values.length, s.length());
        }
        assertEquals(127, SmallInts.of(bytes).get(2));
    }

    @Test
    void copiesItsInput() {
        int[] values = {1, 2, 3};
        SmallInts s = SmallInts.of(values);
        values[0] = 9;
        assertEquals(1, s.get(0));
    }
}
