package org.dataprune4j.data;

import static org.dataprune4j.data.Args.checkArgument;

import java.util.ArrayList;
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
        List<List<Integer>> byClass = byClass(images);
        int largest = byClass.stream().mapToInt(List::size).min().orElse(0);
        boolean[] keep = draw(byClass, images.size(), sizes(largest, classes, ratio), new Random(seed));
        return subset(images, keep, true);
    }

    /**
     * A balanced validation set held out first, and the long-tailed subset of the rest: {@code perClass} images of
     * every class (a seeded draw) go to the validation set, and the profile is drawn from what remains, so its
     * largest class is the smallest remaining class. For choosing a setting (a rule's temperature, a kept share)
     * without looking at the test set.
     *
     * @param perClass the validation images of each class, at least 1
     * @throws IllegalArgumentException as {@link #of}, or if a class has no more than {@code perClass} images
     */
    public static WithValidation withValidation(LabelledImages images, double ratio, long seed, int perClass) {
        checkArgument(perClass >= 1, "the validation set needs at least 1 image a class, got %s", perClass);
        List<List<Integer>> byClass = byClass(images);
        for (int c = 0; c < byClass.size(); c++) {
            checkArgument(byClass.get(c).size() > perClass, "class %s has %s images, not more than the %s a class the"
                    + " validation set asks for; ask for fewer", c, byClass.get(c).size(), perClass);
        }
        int[] take = new int[byClass.size()];
        java.util.Arrays.fill(take, perClass);
        boolean[] held = draw(byClass, images.size(), take, new Random(seed ^ 0x5DEECE66DL));
        return new WithValidation(of(subset(images, held, false), ratio, seed), subset(images, held, true));
    }

    /** A long-tailed training set and the balanced validation set held out before it was drawn. */
    public record WithValidation(LabelledImages train, LabelledImages validation) {
    }

    /** The indices of each class's images, in their order. */
    private static List<List<Integer>> byClass(LabelledImages images) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < images.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < images.size(); i++) {
            byClass.get(images.labels()[i]).add(i);
        }
        return byClass;
    }

    /** A seeded draw of {@code take[c]} images of each class c, class by class: which of the {@code n} are drawn. */
    private static boolean[] draw(List<List<Integer>> byClass, int n, int[] take, Random random) {
        boolean[] drawn = new boolean[n];
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> ids = new ArrayList<>(byClass.get(c));
            java.util.Collections.shuffle(ids, random);
            for (int j = 0; j < take[c]; j++) {
                drawn[ids.get(j)] = true;
            }
        }
        return drawn;
    }

    private static LabelledImages subset(LabelledImages images, boolean[] mask, boolean value) {
        int n = 0;
        for (boolean m : mask) {
            n += m == value ? 1 : 0;
        }
        byte[][] pixels = new byte[n][];
        int[] labels = new int[n];
        int k = 0;
        for (int i = 0; i < images.size(); i++) {
            if (mask[i] == value) {
                pixels[k] = images.pixels()[i];
                labels[k++] = images.labels()[i];
            }
        }
        return new LabelledImages(pixels, labels, images.numClasses());
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
