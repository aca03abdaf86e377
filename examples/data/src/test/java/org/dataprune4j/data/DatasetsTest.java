package org.dataprune4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class DatasetsTest {
    @TempDir
    Path dir;

    private Path images(String name, int magic, int count, int rows, int cols, int pixelBytes, boolean gzip)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            for (int i = 0; i < pixelBytes; i++) {
                out.writeByte(i % 256);
            }
        }
        return write(name, bytes.toByteArray(), gzip);
    }

    private Path labels(String name, int count, int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x801);
            out.writeInt(count);
            for (int v : values) {
                out.writeByte(v);
            }
        }
        return write(name, bytes.toByteArray(), false);
    }

    private Path write(String name, byte[] data, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(data);
        }
        return file;
    }

    @Test
    void readsPlainAndGzippedIdxIntoADataSet() throws IOException {
        Path imgs = images("img.gz", 0x803, 3, 2, 2, 12, true);
        Path lbls = labels("lbl", 3, 2, 0, 1);
        LabelledImages li = Datasets.fromIdxFiles(imgs, lbls, 3);
        assertEquals(3, li.size());
        assertArrayEquals(new int[] {2, 0, 1}, li.labels());
        DataSet ds = li.toDataSet();
        assertArrayEquals(new long[] {3, 4}, ds.getFeatures().shape());
        assertEquals(5 / 255.0, ds.getFeatures().getDouble(1, 1), 1e-6);
        assertEquals(1.0, ds.getLabels().getDouble(0, 2), 0.0);
    }

    @Test
    void badFilesGiveErrorsThatSayWhatToDo() throws IOException {
        Path lbls = labels("lbl", 3, 0, 1, 2);
        assertProblem(images("magic", 0x801, 3, 2, 2, 12, false), lbls, "magic number");
        assertProblem(images("short", 0x803, 3, 2, 2, 10, false), lbls, "ends before its 3 images");
        assertProblem(images("long", 0x803, 3, 2, 2, 13, false), lbls, "bytes after its 3 images");
        assertProblem(images("ok", 0x803, 3, 2, 2, 12, false), labels("few", 2, 0, 1), "holds 2 examples, expected 3");
        assertProblem(images("ok2", 0x803, 3, 2, 2, 12, false), labels("big", 3, 0, 1, 7), "not below 3 classes");
    }

    private static void assertProblem(Path images, Path labels, String expected) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Datasets.fromIdxFiles(images, labels, 3));
        assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
    }

    @Test
    void cachedFilesAreVerifiedByChecksum() throws IOException {
        Path data = dir.resolve(ImageDataset.MNIST.directory());
        Files.createDirectories(data);
        for (ImageDataset.FileSpec spec : ImageDataset.MNIST.files()) {
            Files.writeString(data.resolve(spec.name()), "corrupt");
        }
        String problem = Datasets.verify(ImageDataset.MNIST, data);
        assertTrue(problem.contains("train-images-idx3-ubyte has SHA-256"), problem);
        Files.delete(data.resolve("train-images-idx3-ubyte"));
        assertEquals("train-images-idx3-ubyte is missing", Datasets.verify(ImageDataset.MNIST, data));
    }

    @Test
    void aMissingToolSaysWhatToInstall() {
        IOException e = assertThrows(IOException.class, () -> RegistryFetcher.run(dir, "no-such-tool-dp4j", "x"));
        assertTrue(e.getMessage().contains("Could not run 'no-such-tool-dp4j'"), e.getMessage());
        assertTrue(e.getMessage().contains("Datasets.fromIdxFiles"), e.getMessage());
    }
}
