package org.dataprune4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.LabelledImages;
import org.junit.jupiter.api.Test;

/** Both real data sets load through the registries (npm, apt) with the known counts and label frequencies. */
class DatasetsIT {

    private static int[] histogram(LabelledImages images) {
        int[] counts = new int[images.numClasses()];
        for (int label : images.labels()) {
            counts[label]++;
        }
        return counts;
    }

    @Test
    void mnistFromNpmHasItsKnownClassCounts() {
        LabelledImages train = Datasets.load(ImageDataset.MNIST, Split.TRAIN);
        LabelledImages test = Datasets.load(ImageDataset.MNIST, Split.TEST);
        assertEquals(784, train.pixels()[0].length);
        // The published MNIST class frequencies.
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, histogram(train));
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, histogram(test));
    }

    @Test
    void fashionMnistFromDebianIsBalanced() {
        LabelledImages train = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN);
        LabelledImages test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST);
        assertEquals(784, train.pixels()[0].length);
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, histogram(train));
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, histogram(test));
    }
}
