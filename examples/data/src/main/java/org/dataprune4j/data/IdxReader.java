package org.dataprune4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format), plain or gzipped, checking magic numbers, dimensions and counts.
 */
public final class IdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /**
     * Reads an idx3 image file.
     *
     * @param file the file, plain or gzipped
     * @param expectedCount the number of images it must hold, or -1 for any
     * @return one byte array of rows * cols pixels per image
     * @throws IdxFormatException if the header or the length is wrong
     */
    public static byte[][] readImages(Path file, int expectedCount) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IdxFormatException(file, String.format("magic number 0x%08x, expected 0x%08x for an idx3"
                        + " image file", magic, IMAGES_MAGIC));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            checkCount(file, count, expectedCount);
            if (rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) {
                throw new IdxFormatException(file, "image size " + rows + "x" + cols + " is not plausible");
            }
            byte[][] images = new byte[count][rows * cols];
            try {
                for (byte[] image : images) {
                    in.readFully(image);
                }
            } catch (EOFException e) {
                throw new IdxFormatException(file, "the file ends before its " + count + " images");
            }
            if (in.read() != -1) {
                throw new IdxFormatException(file, "the file has bytes after its " + count + " images");
            }
            return images;
        }
    }

    /**
     * Reads an idx1 label file.
     *
     * @param file the file, plain or gzipped
     * @param expectedCount the number of labels it must hold, or -1 for any
     * @return one label per example
     */
    public static int[] readLabels(Path file, int expectedCount) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IdxFormatException(file, String.format("magic number 0x%08x, expected 0x%08x for an idx1"
                        + " label file", magic, LABELS_MAGIC));
            }
            int count = in.readInt();
            checkCount(file, count, expectedCount);
            byte[] raw = new byte[count];
            try {
                in.readFully(raw);
            } catch (EOFException e) {
                throw new IdxFormatException(file, "the file ends before its " + count + " labels");
            }
            if (in.read() != -1) {
                throw new IdxFormatException(file, "the file has bytes after its " + count + " labels");
            }
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xff;
            }
            return labels;
        }
    }

    private static void checkCount(Path file, int count, int expected) throws IdxFormatException {
        if (count < 0 || (expected >= 0 && count != expected)) {
            throw new IdxFormatException(file, "it holds " + count + " examples, expected " + expected);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
        return new DataInputStream(in);
    }

    /** An IDX file that is not what it should be. */
    public static final class IdxFormatException extends IOException {
        private static final long serialVersionUID = 1L;

        IdxFormatException(Path file, String problem) {
            super("The IDX file " + file + " is not valid: " + problem + ". Delete it (and its cache directory) so"
                    + " that it is fetched again, or point to a correct copy.");
        }
    }
}
