package org.dataprune4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class NoisyCopiesTest {
    private static final LabelledImages IMAGES = new LabelledImages(new byte[][] {{0, 64, (byte) 128, (byte) 255},
        {10, 20, 30, 40}, {(byte) 200, 0, 0, 1}}, new int[] {2, 0, 1}, 3);

    @Test
    void copyZeroIsTheDataAndOtherCopiesAreSeededNoiseInTheUnitRange() {
        assertArrayEquals(new float[] {0f, 64 / 255f, 128 / 255f, 1f}, NoisyCopies.pixels(IMAGES, 0, 0, 0.05), 1e-7f);
        float[] a = NoisyCopies.pixels(IMAGES, 3, 1, 0.05);
        assertArrayEquals(a, NoisyCopies.pixels(IMAGES, 3, 1, 0.05), "the same copy twice");
        assertFalse(Arrays.equals(a, NoisyCopies.pixels(IMAGES, 4, 1, 0.05)), "another copy, other noise");
        float[] clean = NoisyCopies.pixels(IMAGES, 0, 1, 0.05);
        for (int j = 0; j < a.length; j++) {
            assertTrue(a[j] >= 0 && a[j] <= 1, "in [0, 1]: " + a[j]);
            assertEquals(clean[j], a[j], 0.3, "noise of sd 0.05");
        }
        DataSet copy = NoisyCopies.copy(IMAGES, 2, 0.05);
        assertArrayEquals(new long[] {3, 4}, copy.getFeatures().shape());
        assertArrayEquals(NoisyCopies.pixels(IMAGES, 2, 2, 0.05), copy.getFeatures().getRow(2).toFloatVector());
        assertArrayEquals(new float[] {0, 1, 0}, copy.getLabels().getRow(2).toFloatVector());
        assertThrows(IllegalArgumentException.class, () -> NoisyCopies.pixels(IMAGES, -1, 0, 0.05));
    }
}
