package org.dataprune4j.data;

import static org.dataprune4j.data.Args.checkArgument;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dataprune4j.ResumableAugmentation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random-crop and horizontal-flip augmentation of one-channel square images, as a {@code DataSetPreProcessor}: each
 * image is shifted by a random offset of up to {@code padding} pixels in each direction (a crop of the image padded
 * with zeros) and flipped left to right with probability 1/2. Features may be flat rows [n, side * side] or images
 * [n, 1, side, side]; the shape is kept. Seeded: the same sequence of batches gets the same augmentation.
 *
 * <p>Give it to {@code PruningIteratorBuilder.augmentation(...)} so that only training batches are augmented, or to
 * {@code preProcessor(...)}, as to any DL4J iterator. Its random state is the seed and the count of images augmented,
 * which a DataPrune4J checkpoint saves ({@link ResumableAugmentation}): a resumed run augments its later epochs as the
 * uninterrupted run would have.
 */
public final class RandomCropFlip implements ResumableAugmentation {
    private static final long serialVersionUID = 1L;
    private final int side;
    private final int padding;
    private final boolean flip;
    private final long seed;
    private SplittableRandom random;
    /** Images augmented so far: with the seed, the random state. */
    private long images;

    /**
     * @param side the images' width and height in pixels
     * @param padding the largest shift in pixels, 0 to {@code side - 1}
     * @param flip whether to flip half of the images left to right
     * @param seed the seed of the random shifts and flips
     */
    public RandomCropFlip(int side, int padding, boolean flip, long seed) {
        checkArgument(side > 0, "side must be at least 1, got %s", side);
        checkArgument(padding >= 0 && padding < side, "padding must be in [0, side - 1] = [0, %s], got %s", side - 1,
                padding);
        this.side = side;
        this.padding = padding;
        this.flip = flip;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized void preProcess(DataSet batch) {
        INDArray features = batch.getFeatures();
        long pixels = (long) side * side;
        long n = features.size(0);
        checkArgument(features.length() == n * pixels, "RandomCropFlip(side %s) needs one-channel %sx%s images, flat"
                + " [n, %s] or [n, 1, %s, %s]; got features of shape %s", side, side, side, pixels, side, side,
                java.util.Arrays.toString(features.shape()));
        float[] in = features.dup('c').data().asFloat();
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++, images++) {
            Shift shift = draw(random);
            int dy = shift.dy();
            int dx = shift.dx();
            boolean mirror = shift.mirror();
            int base = (int) (i * pixels);
            for (int y = 0; y < side; y++) {
                int sy = y + dy;
                if (sy < 0 || sy >= side) {
                    continue;
                }
                for (int x = 0; x < side; x++) {
                    int sx = (mirror ? side - 1 - x : x) + dx;
                    if (sx >= 0 && sx < side) {
                        out[base + y * side + x] = in[base + sy * side + sx];
                    }
                }
            }
        }
        batch.setFeatures(Nd4j.create(out, features.shape(), 'c').castTo(features.dataType()));
    }

    /** The settings, the seed and the count of images augmented so far. */
    @Override
    public synchronized byte[] state() {
        return ByteBuffer.allocate(4 + 4 + 1 + 8 + 8).putInt(side).putInt(padding).put((byte) (flip ? 1 : 0))
                .putLong(seed).putLong(images).array();
    }

    /**
     * Continues after the images a state counted: the random draws of that many images are made again from the seed
     * (three per image at most; a few milliseconds per million images).
     *
     * @throws IllegalArgumentException if the state is not a RandomCropFlip's or another side, padding, flip or seed
     *     wrote it
     */
    @Override
    public synchronized void restore(byte[] state) {
        checkArgument(state.length == 25, "a RandomCropFlip state has 25 bytes, this one %s", state.length);
        ByteBuffer b = ByteBuffer.wrap(state);
        String saved = describe(b.getInt(), b.getInt(), b.get() == 1, b.getLong());
        checkArgument(saved.equals(describe(side, padding, flip, seed)), "the state is of %s, this one is %s", saved,
                describe(side, padding, flip, seed));
        long count = b.getLong();
        checkArgument(count >= 0, "the state counts %s images", count);
        SplittableRandom replay = new SplittableRandom(seed);
        for (long i = 0; i < count; i++) {
            draw(replay);
        }
        random = replay;
        images = count;
    }

    /** One image's shift and flip. */
    private record Shift(int dy, int dx, boolean mirror) {
    }

    /** The draws of one image, the same in {@link #preProcess} and when {@link #restore} replays them. */
    private Shift draw(SplittableRandom r) {
        int dy = r.nextInt(2 * padding + 1) - padding;
        int dx = r.nextInt(2 * padding + 1) - padding;
        return new Shift(dy, dx, flip && r.nextBoolean());
    }

    private static String describe(int side, int padding, boolean flip, long seed) {
        return String.format(Locale.ROOT, "RandomCropFlip(side %d, padding %d, flip %s, seed %d)", side, padding, flip,
                seed);
    }

    @Override
    public String toString() {
        return describe(side, padding, flip, seed);
    }
}
