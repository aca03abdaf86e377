package org.dataprune4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class RandomCropFlipTest {
    private static final int SIDE = 6;

    /** Image i has pixel value 1 + i * 100 + y * 10 + x: every pixel says where it came from. */
    private static DataSet images(int n, boolean asImages) {
        float[] v = new float[n * SIDE * SIDE];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    v[i * SIDE * SIDE + y * SIDE + x] = 1 + i * 100 + y * 10 + x;
                }
            }
        }
        INDArray f = asImages ? Nd4j.create(v, new long[] {n, 1, SIDE, SIDE}, 'c')
                : Nd4j.create(v, new long[] {n, SIDE * SIDE}, 'c');
        return new DataSet(f, Nd4j.eye(n).castTo(DataType.FLOAT));
    }

    @Test
    void withoutPaddingOrFlipTheImagesStayTheSame() {
        DataSet d = images(3, false);
        INDArray before = d.getFeatures().dup();
        new RandomCropFlip(SIDE, 0, false, 1).preProcess(d);
        assertEquals(before, d.getFeatures());
    }

    @Test
    void everyImageIsShiftedByAtMostThePaddingAndMirroredOrNot() {
        int n = 200;
        DataSet d = images(n, true);
        new RandomCropFlip(SIDE, 2, true, 7).preProcess(d);
        assertArrayEquals(new long[] {n, 1, SIDE, SIDE}, d.getFeatures().shape(), "the shape is kept");
        float[] out = d.getFeatures().dup('c').data().asFloat();
        int mirrored = 0;
        int shifted = 0;
        for (int i = 0; i < n; i++) {
            int[] found = null;
            for (int dy = -2; dy <= 2 && found == null; dy++) {
                for (int dx = -2; dx <= 2 && found == null; dx++) {
                    for (int m = 0; m < 2 && found == null; m++) {
                        if (matches(out, i, dy, dx, m == 1)) {
                            found = new int[] {dy, dx, m};
                        }
                    }
                }
            }
            assertTrue(found != null, "image " + i + " is its own image shifted by at most 2 px, mirrored or not");
            mirrored += found[2];
            shifted += found[0] != 0 || found[1] != 0 ? 1 : 0;
        }
        assertTrue(mirrored > 60 && mirrored < 140, "about half mirrored: " + mirrored);
        assertTrue(shifted > 100, "most images shifted: " + shifted);
    }

    /** Whether output image i is input image i read at (y + dy, x' + dx), x' = x or mirrored, zero outside. */
    private static boolean matches(float[] out, int i, int dy, int dx, boolean mirror) {
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int sy = y + dy;
                int sx = (mirror ? SIDE - 1 - x : x) + dx;
                boolean inside = sy >= 0 && sy < SIDE && sx >= 0 && sx < SIDE;
                float expected = inside ? 1 + i * 100 + sy * 10 + sx : 0;
                if (out[i * SIDE * SIDE + y * SIDE + x] != expected) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void badInputIsRefusedWithWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandomCropFlip(SIDE, SIDE, true, 1));
        assertTrue(e.getMessage().contains("padding must be in [0, side - 1] = [0, 5], got 6"), e.getMessage());
        DataSet wrong = new DataSet(Nd4j.zeros(DataType.FLOAT, 2, 30), Nd4j.eye(2).castTo(DataType.FLOAT));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new RandomCropFlip(SIDE, 1, true, 1).preProcess(wrong));
        assertTrue(shape.getMessage().contains("needs one-channel 6x6 images, flat [n, 36] or [n, 1, 6, 6]; got"
                + " features of shape [2, 30]"), shape.getMessage());
    }

    @Test
    void aRestoredStateContinuesAsTheAugmentationWouldHave() {
        for (boolean flip : new boolean[] {true, false}) {
            RandomCropFlip uninterrupted = new RandomCropFlip(SIDE, 2, flip, 11);
            RandomCropFlip interrupted = new RandomCropFlip(SIDE, 2, flip, 11);
            for (int batch = 0; batch < 3; batch++) { // three batches of 5 images, then a "checkpoint"
                uninterrupted.preProcess(images(5, false));
                interrupted.preProcess(images(5, false));
            }
            RandomCropFlip resumed = new RandomCropFlip(SIDE, 2, flip, 11);
            resumed.restore(interrupted.state());
            DataSet a = images(7, false);
            DataSet b = images(7, false);
            DataSet fresh = images(7, false);
            uninterrupted.preProcess(a);
            resumed.preProcess(b);
            new RandomCropFlip(SIDE, 2, flip, 11).preProcess(fresh);
            assertEquals(a.getFeatures(), b.getFeatures(), "flip " + flip);
            assertTrue(!a.getFeatures().equals(fresh.getFeatures()), "a fresh one draws as the first batch did");
            assertArrayEquals(uninterrupted.state(), resumed.state());
        }
    }

    @Test
    void aStateOfAnotherSeedOrSizeIsRefusedNamingBoth() {
        byte[] state = new RandomCropFlip(SIDE, 2, true, 11).state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandomCropFlip(SIDE, 2, true, 12).restore(state));
        assertTrue(e.getMessage().contains("seed 11") && e.getMessage().contains("seed 12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RandomCropFlip(SIDE, 2, true, 11).restore(new byte[3]));
        assertTrue(e.getMessage().contains("25 bytes"), e.getMessage());
    }
}
