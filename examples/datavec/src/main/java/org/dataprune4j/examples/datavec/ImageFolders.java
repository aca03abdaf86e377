package org.dataprune4j.examples.datavec;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.dataprune4j.data.LabelledImages;

/**
 * Writes labelled images as PNG files in one folder per class ({@code dir/3/00042.png}), the layout DataVec's
 * {@code ParentPathLabelGenerator} reads labels from.
 */
public final class ImageFolders {
    private ImageFolders() {
    }

    /**
     * Writes every image of {@code images} (square, one byte per pixel) unless {@code dir} already holds them all.
     *
     * @return {@code dir}
     */
    public static Path write(LabelledImages images, Path dir) {
        try {
            Path done = dir.resolve(".complete-" + images.size());
            if (Files.exists(done)) {
                return dir;
            }
            int side = (int) Math.round(Math.sqrt(images.pixels()[0].length));
            if (side * side != images.pixels()[0].length) {
                throw new IllegalArgumentException("ImageFolders writes square images; an image has "
                        + images.pixels()[0].length + " pixels");
            }
            for (int c = 0; c < images.numClasses(); c++) {
                Files.createDirectories(dir.resolve(Integer.toString(c)));
            }
            for (int i = 0; i < images.size(); i++) {
                BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
                WritableRaster raster = image.getRaster();
                byte[] p = images.pixels()[i];
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        raster.setSample(x, y, 0, p[y * side + x] & 0xff);
                    }
                }
                ImageIO.write(image, "png", dir.resolve(images.labels()[i] + "/"
                        + String.format(Locale.ROOT, "%05d.png", i)).toFile());
            }
            Files.writeString(done, "");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the images to " + dir, e);
        }
    }
}
