package org.dataprune4j;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dataprune4j.internal.TrainedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PruningListener}'s checkpoints: the configuration it records, writing one at each epoch's end, and reading
 * one back checked against this run's data and configuration.
 */
final class ListenerCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(ListenerCheckpoints.class);

    private final PruningConfig config;
    private final PruningIterator iterator;
    /** Where a checkpoint is written after every epoch; null for none. */
    private final Path dir;
    private final String dataLabels;

    ListenerCheckpoints(PruningConfig config, PruningIterator iterator, Path dir) {
        this.config = config;
        this.iterator = iterator;
        this.dir = dir;
        this.dataLabels = ResumeChecks.labelsDigest(iterator.labelIndices());
    }

    boolean enabled() {
        return dir != null;
    }

    /**
     * Writes the checkpoint of {@code epochsDone} epochs: the model and the pruning state, the swap's report if it
     * came (else null) and the scores collected so far if the engine still holds them (else null).
     */
    void write(TrainedModel m, int epochsDone, PruningReport report, long scoringNanos, ScoringEngine engine,
            CheckpointState.LedgerCounts ledger) {
        CheckpointState state = new CheckpointState(ResumeChecks.withParameters(recordedConfiguration(m), m),
                PruningCheckpoint.modelType(m.model()), epochsDone, scoringNanos, iterator.numExamples(),
                engine != null ? engine.snapshot() : Map.of(), engine != null ? engine.predictions() : new int[0],
                report == null ? null : CheckpointState.Swap.of(report, config.outlierCount()), ledger,
                iterator.augmentationStates());
        long start = System.nanoTime();
        // DL4J counts this epoch only after the listeners' onEpochEnd: the saved model says it is done, so that an
        // EPOCH-based learning-rate schedule resumes at the right epoch
        int dl4jEpochs = m.epochCount();
        m.setEpochCount(epochsDone);
        try {
            PruningCheckpoint.write(dir, m.model(), state);
        } finally {
            m.setEpochCount(dl4jEpochs);
        }
        log.debug("Checkpoint of epoch {} written in {} ms", epochsDone, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The state of the checkpoint folder {@code latest} ({@link PruningCheckpoint#requireLatest}), checked to come
     * from this data and a listener and iterator configured as this one.
     *
     * @throws IllegalArgumentException if it was made with other data or another configuration
     */
    CheckpointState readChecked(Path latest) {
        CheckpointState state = CheckpointState.read(latest.resolve(PruningCheckpoint.STATE_FILE));
        ResumeChecks.sameData(latest, state.configuration(), dataLabels, iterator.numExamples());
        List<String> diffs = ResumeChecks.differences(ResumeChecks.comparable(state.configuration()),
                ResumeChecks.comparable(configurationWithoutModel()));
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("The checkpoint " + latest + " was made by a listener or iterator"
                    + " configured differently, so resuming would mix two runs: " + diffs + ". Build them as the"
                    + " interrupted run did.");
        }
        return state;
    }

    /** The listener's configuration with the iterator's settings and the model, for the run record. */
    Map<String, String> recordedConfiguration(TrainedModel m) {
        Map<String, String> all = configurationWithoutModel();
        all.put("model", m.describe());
        return all;
    }

    private Map<String, String> configurationWithoutModel() {
        Map<String, String> all = new LinkedHashMap<>(config.toMap());
        all.putAll(iterator.settings());
        all.put(ResumeChecks.DATA_LABELS, dataLabels);
        return all;
    }
}
