package org.dataprune4j.data;

import static org.dataprune4j.data.Args.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A long-tailed copy of a balanced training set, with the exponential profile of the long-tailed benchmarks (Cui et
 * al., CVPR 2019, CIFAR-10-LT): class c keeps {@code floor(n_max * ratio^(-c / (C - 1)))} of its images, so class 0
 * keeps all {@code n_max} and the last class {@code n_max / ratio}. Which images a class keeps is a seeded draw; the
 * kept images stay in their original order. Leave the test set balanced, so that every class counts the same in it.
 */
public final class LongTail {

    private LongTail() {
    }

    /**
     * The long-tailed subset of {@code images}.
     *
     * @param ratio the imbalance ratio, the largest class's size over the smallest's, at least 1
     * @param seed the seed of the draw within each class
     * @throws IllegalArgumentException if the ratio is below 1, or a class has fewer images than the profile asks
     */
    public static LabelledImages of(LabelledImages images, double ratio, long seed) {
        checkArgument(ratio >= 1 && Double.isFinite(ratio), "the imbalance ratio must be at least 1, got %s", ratio);
        int classes = images.numClasses();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < images.size(); i++) {
            byClass.get(images.labels()[i]).add(i);
        }
        int largest = byClass.stream().mapToInt(List::size).min().orElse(0);
        int[] sizes = sizes(largest, classes, ratio);
        boolean[] keep = new boolean[images.size()];
        Random random = new Random(seed);
        for (int c = 0; c < classes; c++) {
            List<Integer> ids = new ArrayList<>(byClass.get(c));
            java.util.Collections.shuffle(ids, random);
            for (int j = 0; j < sizes[c]; j++) {
                keep[ids.get(j)] = true;
            }
        }
        int n = Arrays.stream(sizes).sum();
        byte[][] pixels = new byte[n][];
        int[] labels = new int[n];
        int k = 0;
        for (int i = 0; i < images.size(); i++) {
            if (keep[i]) {
                pixels[k] = images.pixels()[i];
                labels[k++] = images.labels()[i];
            }
        }
        return new LabelledImages(pixels, labels, classes);
    }

    /**
     * The images each class keeps: {@code floor(largest * ratio^(-c / (classes - 1)))}, at least 1.
     *
     * @param largest the size of class 0 (the smallest class size of the balanced set, so every class can fill it)
     */
    public static int[] sizes(int largest, int classes, double ratio) {
        checkArgument(classes >= 2, "a long tail needs at least 2 classes, got %s", classes);
        int[] sizes = new int[classes];
        for (int c = 0; c < classes; c++) {
            sizes[c] = Math.max(1, (int) Math.floor(largest * Math.pow(ratio, -(double) c / (classes - 1)) + 1e-9));
        }
        return sizes;
    }
}
