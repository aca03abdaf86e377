package org.dataprune4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class LabelNoiseTest {

    @Test
    void flipsExactlyTheRequestedCountNeverToTheSameLabelReproducibly() {
        int n = 1000;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        LabelledImages clean = new LabelledImages(new byte[n][4], labels, 10);
        LabelNoise.Noisy a = LabelNoise.symmetric(clean, 0.05, 3);
        LabelNoise.Noisy b = LabelNoise.symmetric(clean, 0.05, 3);
        assertEquals(50, a.flippedIds().length);
        assertArrayEquals(a.flippedIds(), b.flippedIds());
        assertArrayEquals(a.images().labels(), b.images().labels());
        int changed = 0;
        for (int i = 0; i < n; i++) {
            if (a.isFlipped(i)) {
                assertNotEquals(labels[i], a.images().labels()[i]);
            }
            changed += labels[i] != a.images().labels()[i] ? 1 : 0;
        }
        assertEquals(50, changed);
    }

    @Test
    void asymmetricFlipsExactlyTheRequestedShareOfOneClassIntoTheOtherReproducibly() {
        int n = 1000;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        LabelledImages clean = new LabelledImages(new byte[n][4], labels, 10);
        LabelNoise.Noisy a = LabelNoise.asymmetric(clean, 6, 0, 0.4, 5);
        assertEquals(40, a.flippedIds().length, "40% of the 100 images of class 6");
        assertArrayEquals(a.flippedIds(), LabelNoise.asymmetric(clean, 6, 0, 0.4, 5).flippedIds());
        int changed = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != a.images().labels()[i]) {
                changed++;
                assertEquals(6, labels[i]);
                assertEquals(0, a.images().labels()[i]);
                assertEquals(true, a.isFlipped(i));
            }
        }
        assertEquals(40, changed);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LabelNoise.asymmetric(clean, 3, 3, 0.1, 1));
    }
}
