package org.dataprune4j.examples.charts;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.dataprune4j.data.LabelledImages;

/**
 * The outlier gallery: the N highest-scoring training images in a grid, each captioned with its id, its given
 * label and the label the warm-up model predicted, most suspicious first (left to right, top to bottom).
 *
 * @param ids the tiles' example ids, in score order (highest first)
 * @param image the rendered grid
 */
public record Gallery(int[] ids, BufferedImage image) {
    private static final int SCALE = 3;
    private static final int CAPTION = 46;
    private static final int PAD = 6;

    /** The ids of the {@code n} highest scores, ties by lower id. */
    public static int[] topIds(double[] scores, int n) {
        checkArgument(n >= 1, "a gallery needs at least one tile, got %s", n);
        return java.util.stream.IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                .limit(n).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Renders the gallery.
     *
     * @param images the training images (pixels and given labels), by id
     * @param width image width in pixels
     * @param height image height in pixels
     * @param scores every example's score, by id
     * @param predicted the predicted class of every example, by id (-1 unknown)
     * @param classNames names of the classes
     * @param n number of tiles
     * @param columns tiles per row
     */
    public static Gallery render(LabelledImages images, int width, int height, double[] scores, int[] predicted,
                                 List<String> classNames, int n, int columns) {
        checkArgument(scores.length == images.size() && predicted.length == images.size(),
                "scores (%s) and predictions (%s) must cover the %s images", scores.length, predicted.length,
                images.size());
        int[] ids = topIds(scores, Math.min(n, images.size()));
        int tileW = Math.max(width * SCALE, 150);
        int tileH = height * SCALE + CAPTION;
        int rows = (ids.length + columns - 1) / columns;
        BufferedImage out = new BufferedImage(columns * (tileW + PAD) + PAD, rows * (tileH + PAD) + PAD,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int t = 0; t < ids.length; t++) {
            int id = ids[t];
            int x0 = PAD + (t % columns) * (tileW + PAD);
            int y0 = PAD + (t / columns) * (tileH + PAD);
            byte[] p = images.pixels()[id];
            int left = x0 + (tileW - width * SCALE) / 2;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int v = 255 - (p[y * width + x] & 0xff);
                    g.setColor(new Color(v, v, v));
                    g.fillRect(left + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
                }
            }
            int given = images.labels()[id];
            boolean disagrees = predicted[id] >= 0 && predicted[id] != given;
            g.setColor(Color.DARK_GRAY);
            g.drawString("#" + (t + 1) + "  id " + id, x0 + 2, y0 + height * SCALE + 12);
            g.drawString("label: " + name(classNames, given), x0 + 2, y0 + height * SCALE + 25);
            g.setColor(disagrees ? new Color(0xC62828) : Color.DARK_GRAY);
            g.drawString("predicted: " + (predicted[id] < 0 ? "?" : name(classNames, predicted[id])), x0 + 2,
                    y0 + height * SCALE + 38);
        }
        g.dispose();
        return new Gallery(ids, out);
    }

    private static String name(List<String> names, int c) {
        return c < names.size() ? names.get(c) : Integer.toString(c);
    }

    /** Writes the gallery as PNG. */
    public void save(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the gallery " + file, e);
        }
    }

    @Override
    public String toString() {
        return "Gallery" + Arrays.toString(ids);
    }
}
