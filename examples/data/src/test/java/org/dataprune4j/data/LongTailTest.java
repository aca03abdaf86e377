package org.dataprune4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LongTailTest {

    @Test
    void theProfileIsExponentialFromAllToOneOverTheRatio() {
        int[] r100 = LongTail.sizes(6000, 10, 100);
        assertEquals(6000, r100[0]);
        assertEquals(60, r100[9]);
        int[] r10 = LongTail.sizes(6000, 10, 10);
        assertEquals(600, r10[9]);
        assertArrayEquals(new int[] {5, 5}, LongTail.sizes(5, 2, 1));
    }

    @Test
    void aSeededDrawKeepsTheProfileAndTheOrder() {
        int n = 300;
        byte[][] pixels = new byte[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = new byte[] {(byte) (i >> 8), (byte) i};
            labels[i] = i % 3;
        }
        LabelledImages balanced = new LabelledImages(pixels, labels, 3);
        LabelledImages tail = LongTail.of(balanced, 10, 4);
        int[] counts = new int[3];
        for (int label : tail.labels()) {
            counts[label]++;
        }
        assertArrayEquals(LongTail.sizes(100, 3, 10), counts);
        assertArrayEquals(new int[] {100, 31, 10}, counts);
        for (int i = 1; i < tail.size(); i++) {
            assertEquals(true, id(tail.pixels()[i]) > id(tail.pixels()[i - 1]), "original order");
        }
        assertEquals(Arrays.toString(LongTail.of(balanced, 10, 4).labels()), Arrays.toString(tail.labels()));
        assertNotEquals(Arrays.deepToString(LongTail.of(balanced, 10, 5).pixels()), Arrays.deepToString(tail.pixels()));
        assertThrows(IllegalArgumentException.class, () -> LongTail.of(balanced, 0.5, 1));
    }

    @Test
    void theValidationSetIsHeldOutBalancedBeforeTheTailIsDrawn() {
        LabelledImages balanced = numbered(300, 3);
        LongTail.WithValidation split = LongTail.withValidation(balanced, 10, 4, 20);
        int[] validation = new int[3];
        for (int label : split.validation().labels()) {
            validation[label]++;
        }
        assertArrayEquals(new int[] {20, 20, 20}, validation);
        int[] train = new int[3];
        for (int label : split.train().labels()) {
            train[label]++;
        }
        assertArrayEquals(LongTail.sizes(80, 3, 10), train, "the profile from the 80 left in each class");
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (byte[] p : split.train().pixels()) {
            seen.add(id(p));
        }
        for (byte[] p : split.validation().pixels()) {
            assertEquals(true, seen.add(id(p)), "image " + id(p) + " is in both sets");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LongTail.withValidation(balanced, 10, 4, 100));
        assertEquals("class 0 has 100 images, not more than the 100 a class the validation set asks for; ask for fewer",
                e.getMessage());
    }

    private static LabelledImages numbered(int n, int classes) {
        byte[][] pixels = new byte[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = new byte[] {(byte) (i >> 8), (byte) i};
            labels[i] = i % classes;
        }
        return new LabelledImages(pixels, labels, classes);
    }

    private static int id(byte[] p) {
        return (p[0] & 0xff) << 8 | (p[1] & 0xff);
    }
}
