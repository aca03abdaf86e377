package org.dataprune4j.data;

import static org.dataprune4j.data.Args.checkArgument;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Flips a fraction of labels to another class, reproducibly: the planted mislabelled examples that pruning
 * scores should find.
 */
public final class LabelNoise {
    private LabelNoise() {
    }

    /**
     * The result of a flip.
     *
     * @param images the images with flipped labels
     * @param flippedIds the ids whose label was changed, ascending
     */
    public record Noisy(LabelledImages images, int[] flippedIds) {
        /** Whether example {@code id} was flipped. */
        public boolean isFlipped(int id) {
            return Arrays.binarySearch(flippedIds, id) >= 0;
        }
    }

    /**
     * Flips exactly round(fraction * n) labels, each to a different class drawn uniformly, with a seed.
     *
     * @param images the clean images
     * @param fraction in [0, 1]
     * @param seed the seed
     */
    public static Noisy symmetric(LabelledImages images, double fraction, long seed) {
        checkArgument(fraction >= 0 && fraction <= 1, "fraction must be in [0, 1], got %s", fraction);
        checkArgument(images.numClasses() >= 2, "label noise needs at least 2 classes");
        int n = images.size();
        int count = (int) Math.round(fraction * n);
        SplittableRandom random = new SplittableRandom(seed);
        int[] flipped = draw(java.util.stream.IntStream.range(0, n).toArray(), count, random);
        int[] labels = images.labels().clone();
        for (int id : flipped) {
            int shift = 1 + random.nextInt(images.numClasses() - 1);
            labels[id] = (labels[id] + shift) % images.numClasses();
        }
        return new Noisy(new LabelledImages(images.pixels(), labels, images.numClasses()), flipped);
    }

    /**
     * Flips exactly round(fraction * m) labels of class {@code from} (m images) to class {@code to}, with a seed:
     * the asymmetric noise of a look-alike class, e.g. Fashion-MNIST shirt (6) labelled T-shirt/top (0).
     *
     * @param images the clean images
     * @param from the class whose labels are flipped
     * @param to the class they become, different from {@code from}
     * @param fraction of class {@code from}, in [0, 1]
     * @param seed the seed
     */
    public static Noisy asymmetric(LabelledImages images, int from, int to, double fraction, long seed) {
        checkArgument(fraction >= 0 && fraction <= 1, "fraction must be in [0, 1], got %s", fraction);
        checkArgument(from != to, "from and to must be different classes, got %s twice", from);
        checkArgument(from >= 0 && from < images.numClasses() && to >= 0 && to < images.numClasses(),
                "classes must be in [0, %s), got %s and %s", images.numClasses(), from, to);
        int[] members = java.util.stream.IntStream.range(0, images.size()).filter(i -> images.labels()[i] == from)
                .toArray();
        int count = (int) Math.round(fraction * members.length);
        int[] flipped = draw(members, count, new SplittableRandom(seed));
        int[] labels = images.labels().clone();
        for (int id : flipped) {
            labels[id] = to;
        }
        return new Noisy(new LabelledImages(images.pixels(), labels, images.numClasses()), flipped);
    }

    /** {@code count} distinct entries of {@code pool} drawn by a partial Fisher-Yates shuffle, ascending. */
    private static int[] draw(int[] pool, int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] drawn = Arrays.copyOf(pool, count);
        Arrays.sort(drawn);
        return drawn;
    }
}
