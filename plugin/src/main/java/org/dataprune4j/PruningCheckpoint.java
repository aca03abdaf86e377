package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pruning run's checkpoint: the model (weights and updater state, by {@code ModelSerializer}) and the pruning
 * state (epochs seen, the scores collected so far or at the swap, the kept ids, the configuration with its seeds)
 * written together at the end of every epoch by a listener built with
 * {@link PruningListenerBuilder#checkpoints(Path)}.
 *
 * <p>Each checkpoint is a folder {@code epoch-NNNN} under the checkpoint directory, written under a temporary name
 * and renamed into place, so a run killed at any moment (even with {@code kill -9}) leaves the previous checkpoint
 * whole; the one before the latest is kept too, as the fallback if the latest cannot be read, and older ones are
 * deleted. Resuming checks that the data (the labels by id), the model (its architecture and parameters) and the
 * settings are the checkpoint's. To resume:
 * <pre>{@code
 * MultiLayerNetwork net = PruningCheckpoint.restoreNetwork(dir);         // the latest checkpoint's model
 * PruningIterator train = PruningIterator.builder(trainData, 128).seed(42).build();   // as before
 * PruningListener pruning = PruningListener.builder(train, rule).warmupEpochs(2)      // as before
 *         .checkpoints(dir).resumeFrom(dir).build();                     // restores the pruning state
 * net.addListeners(pruning);
 * net.fit(train, epochs - pruning.epochsSeen());                        // the epochs that are left
 * }</pre>
 */
public final class PruningCheckpoint {
    private static final Logger log = LoggerFactory.getLogger(PruningCheckpoint.class);
    private static final String MODEL_FILE = "model.zip";
    static final String STATE_FILE = "pruning-state.bin";
    private static final String PREFIX = "epoch-";

    private PruningCheckpoint() {
    }

    /**
     * The latest complete checkpoint folder under {@code dir} that can be read, if any. A newer folder that cannot
     * be read (a damaged disk, a file copied in part) is passed over with a warning for the one before it, which
     * the listener keeps until the next one is complete.
     */
    public static Optional<Path> latest(Path dir) {
        requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(dir)) {
            candidates = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
        for (Path candidate : candidates) {
            String problem = unreadable(candidate);
            if (problem == null) {
                return Optional.of(candidate);
            }
            log.warn("The checkpoint {} cannot be used ({}); falling back to the one before it", candidate, problem);
        }
        return Optional.empty();
    }

    /** Why a checkpoint folder cannot be resumed from, or null if its state reads and its model is a whole zip. */
    private static String unreadable(Path folder) {
        if (!Files.exists(folder.resolve(STATE_FILE)) || !Files.exists(folder.resolve(MODEL_FILE))) {
            return "it lacks " + STATE_FILE + " or " + MODEL_FILE;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(folder.resolve(MODEL_FILE).toFile())) {
            if (zip.getEntry("configuration.json") == null) {
                return MODEL_FILE + " holds no model configuration";
            }
            CheckpointState.read(folder.resolve(STATE_FILE));
            return null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    /**
     * The model of the latest checkpoint under {@code dir}, with its updater state, ready to continue training.
     *
     * @return a {@code MultiLayerNetwork} or a {@code ComputationGraph}, as it was trained
     * @throws IllegalArgumentException if {@code dir} holds no checkpoint
     */
    public static Model restoreModel(Path dir) {
        Path latest = requireLatest(dir);
        CheckpointState state = CheckpointState.read(latest.resolve(STATE_FILE));
        try {
            return state.modelType().equals("ComputationGraph")
                    ? ModelSerializer.restoreComputationGraph(latest.resolve(MODEL_FILE).toFile(), true)
                    : ModelSerializer.restoreMultiLayerNetwork(latest.resolve(MODEL_FILE).toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the model of checkpoint " + latest + ": " + e, e);
        }
    }

    /**
     * The {@code MultiLayerNetwork} of the latest checkpoint under {@code dir}, ready to continue training.
     *
     * @throws IllegalArgumentException if {@code dir} holds no checkpoint, or the checkpoint holds a graph
     */
    public static MultiLayerNetwork restoreNetwork(Path dir) {
        Model m = restoreModel(dir);
        if (m instanceof MultiLayerNetwork net) {
            return net;
        }
        throw new IllegalArgumentException("The checkpoint in " + dir + " holds a ComputationGraph; restore it with"
                + " PruningCheckpoint.restoreGraph(dir).");
    }

    /**
     * The {@code ComputationGraph} of the latest checkpoint under {@code dir}, ready to continue training.
     *
     * @throws IllegalArgumentException if {@code dir} holds no checkpoint, or the checkpoint holds a network
     */
    public static ComputationGraph restoreGraph(Path dir) {
        Model m = restoreModel(dir);
        if (m instanceof ComputationGraph graph) {
            return graph;
        }
        throw new IllegalArgumentException("The checkpoint in " + dir + " holds a MultiLayerNetwork; restore it with"
                + " PruningCheckpoint.restoreNetwork(dir).");
    }

    /** Number of epochs the latest checkpoint under {@code dir} had trained, or 0 when there is none. */
    public static int epochsDone(Path dir) {
        return latest(dir).map(p -> CheckpointState.read(p.resolve(STATE_FILE)).epochsSeen()).orElse(0);
    }

    static Path requireLatest(Path dir) {
        return latest(dir).orElseThrow(() -> new IllegalArgumentException("No checkpoint in " + dir.toAbsolutePath()
                + ": a listener built with checkpoints(dir) writes one at the end of every epoch (folders "
                + PREFIX + "NNNN)."));
    }

    /**
     * Writes a checkpoint folder for the end of epoch {@code state.epochsSeen()}, atomically, then deletes all older
     * ones but the previous, which stays as the fallback should this one turn out unreadable.
     */
    static void write(Path dir, Model model, CheckpointState state) {
        String name = String.format("%s%04d", PREFIX, state.epochsSeen());
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            Files.createDirectories(dir);
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            ModelSerializer.writeModel(model, tmp.resolve(MODEL_FILE).toFile(), true);
            state.write(tmp.resolve(STATE_FILE));
            deleteRecursively(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> entries = Files.list(dir)) {
                List<Path> older = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                        && p.getFileName().toString().compareTo(name) < 0)
                        .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
                for (Path old : older.subList(Math.min(1, older.size()), older.size())) {
                    deleteRecursively(old);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the checkpoint " + target + ": " + e
                    + ". Check that the directory is writable and has space.", e);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** The model type a checkpoint records, to restore it with the right {@code ModelSerializer} method. */
    static String modelType(Model model) {
        return model instanceof ComputationGraph ? "ComputationGraph" : "MultiLayerNetwork";
    }
}
