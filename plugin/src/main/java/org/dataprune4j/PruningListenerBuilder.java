package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import java.nio.file.Path;
import java.util.Optional;
import org.dataprune4j.embed.EmbeddingSpec;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.schedule.PruningSchedule;
import org.dataprune4j.schedule.WarmupSchedule;
import org.dataprune4j.score.El2nScorer;
import org.dataprune4j.score.DynamicsWindow;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.SelectionRule;

/**
 * Builds a {@link PruningListener}; every option has a documented default. Start one with
 * {@code PruningListener.builder(iterator, rule)}, {@code builder(iterator, schedule)} or {@code builder(iterator,
 * budget)}.
 */
public final class PruningListenerBuilder {
    private final PruningIterator iterator;
    private final SelectionRule rule;
    private ScoreKind scoreKind = ScoreKind.EL2N;
    private PruningSchedule schedule = WarmupSchedule.epochs(2);
    private ScoreInput el2nInput = ScoreInput.TRAINING_PASSES;
    private final ImmutableSet.Builder<ScoreKind> alsoCompute = ImmutableSet.builder();
    private int grandInitialisations = 5;
    private long grandSeed = Defaults.SEED;
    private int scoringBatchSize = 1000;
    private int outlierCount = 20;
    private Path scoresCsv;
    private EmbeddingSpec embedding = EmbeddingSpec.lastHiddenLayer();
    private int prototypeClusters;
    private int prototypeClustersPerClass = 1;
    private long clusteringSeed = Defaults.SEED;
    private ScoreExtrapolation extrapolation;
    private Path checkpointDir;
    private Path resumeDir;
    private int epochs;
    private DynamicsWindow dynamicsWindow = DynamicsWindow.defaults();

    PruningListenerBuilder(PruningIterator iterator, SelectionRule rule) {
        this.iterator = iterator;
        this.rule = rule;
    }

    /** The score the rule ranks by (default {@link ScoreKind#EL2N}). */
    public PruningListenerBuilder score(ScoreKind kind) {
        this.scoreKind = requireNonNull(kind, "kind");
        return this;
    }

    /**
     * The sliding window of the training-dynamics scores ({@link ScoreKind#DYNAMIC_UNCERTAINTY}, {@link ScoreKind#TDDS},
     * {@link ScoreKind#DUAL}); default {@link DynamicsWindow#defaults()}, the papers' 10 epochs and TDDS decay 0.9.
     * {@link #build()} checks that the epochs scored before the swap fill it.
     */
    public PruningListenerBuilder dynamicsWindow(DynamicsWindow window) {
        this.dynamicsWindow = requireNonNull(window, "window");
        return this;
    }

    /** A window of {@code epochs} epochs with TDDS's default decay: {@code dynamicsWindow(DynamicsWindow.of(epochs))}. */
    public PruningListenerBuilder dynamicsWindow(int epochs) {
        return dynamicsWindow(DynamicsWindow.of(epochs));
    }

    /** Number of warm-up epochs, at least 1 (default 2); the swap happens at the end of the last. */
    public PruningListenerBuilder warmupEpochs(int epochs) {
        this.schedule = WarmupSchedule.epochs(epochs);
        return this;
    }

    /**
     * The number of epochs {@code fit} runs (default: not said). Needed when the model's learning rate follows a
     * {@link org.dataprune4j.lr.FittedSchedule}, which the listener fits to the run's planned iterations; with
     * it, the listener also warns when fit runs longer.
     */
    public PruningListenerBuilder epochs(int epochs) {
        checkArgument(epochs >= 1, "epochs must be at least 1, got %s", epochs);
        this.epochs = epochs;
        return this;
    }

    /** A custom schedule instead of {@link #warmupEpochs(int)}. */
    public PruningListenerBuilder schedule(PruningSchedule schedule) {
        this.schedule = requireNonNull(schedule, "schedule");
        return this;
    }

    /**
     * Where EL2N comes from (default {@link ScoreInput#TRAINING_PASSES}, free; see {@link El2nScorer} for
     * the measurements behind the default).
     */
    public PruningListenerBuilder el2nInput(ScoreInput input) {
        this.el2nInput = requireNonNull(input, "input");
        return this;
    }

    /**
     * Extra scores to compute for the report and the CSV (EL2N and forgetting are always computed; GraNd adds
     * its fresh-initialisation passes, prototype scores an embedding pass and a k-means).
     */
    public PruningListenerBuilder alsoCompute(ScoreKind... kinds) {
        for (ScoreKind kind : kinds) {
            alsoCompute.add(requireNonNull(kind, "kind"));
        }
        return this;
    }

    /** Number of fresh initialisations GraNd averages over (default 5). */
    public PruningListenerBuilder grandInitialisations(int k) {
        this.grandInitialisations = k;
        return this;
    }

    /** Seed of the first GraNd initialisation; the k-th uses seed + k (default 42, {@link PruningIterator#DEFAULT_SEED}). */
    public PruningListenerBuilder grandSeed(long seed) {
        this.grandSeed = seed;
        return this;
    }

    /** Batch size of the extra scoring passes (default 1000). */
    public PruningListenerBuilder scoringBatchSize(int batchSize) {
        this.scoringBatchSize = batchSize;
        return this;
    }

    /** Number of top-scoring examples the report lists (default 20). */
    public PruningListenerBuilder outliers(int count) {
        this.outlierCount = count;
        return this;
    }

    /** Writes every score of every example to this CSV at the swap (default: not written). */
    public PruningListenerBuilder scoresCsv(Path file) {
        this.scoresCsv = requireNonNull(file, "file");
        return this;
    }

    /**
     * Which network and layer embed examples for {@link ScoreKind#PROTOTYPE}, {@link ScoreKind#PROTOTYPE_CLASS}
     * and {@link #extrapolate} (default {@link EmbeddingSpec#lastHiddenLayer()} of the model being trained,
     * at the end of warm-up).
     */
    public PruningListenerBuilder embedding(EmbeddingSpec spec) {
        this.embedding = requireNonNull(spec, "spec");
        return this;
    }

    /**
     * k, the number of k-means clusters of the label-free prototype score, at least 1 and at most the number
     * of examples (default: the number of classes, as in Sorscher et al.'s use of one prototype per class
     * on average).
     */
    public PruningListenerBuilder prototypeClusters(int k) {
        checkArgument(k >= 1, "prototypeClusters (k) must be at least 1, got %s", k);
        this.prototypeClusters = k;
        return this;
    }

    /** Clusters within each class for the class-aligned prototype score (default 1: the class mean). */
    public PruningListenerBuilder prototypeClustersPerClass(int k) {
        checkArgument(k >= 1, "prototypeClustersPerClass must be at least 1, got %s", k);
        this.prototypeClustersPerClass = k;
        return this;
    }

    /** Seed of the k-means++ seeding of the prototype scores (default 42, {@link PruningIterator#DEFAULT_SEED}). */
    public PruningListenerBuilder clusteringSeed(long seed) {
        this.clusteringSeed = seed;
        return this;
    }

    /**
     * Computes one score on a random subset only and predicts it for the other examples from their nearest
     * scored neighbours in the embedding space (default: every score computed on every example). The report
     * gives the rank correlation on a held-out part and the time saved.
     */
    public PruningListenerBuilder extrapolate(ScoreExtrapolation setting) {
        this.extrapolation = requireNonNull(setting, "setting");
        return this;
    }

    /**
     * Writes a checkpoint (the model with its updater state, and the pruning state) into {@code dir} at the end
     * of every epoch, atomically, keeping the latest and the one before it (default: none). The directory must not
     * hold an earlier run's checkpoints unless this listener resumes it ({@link #resumeFrom}). See
     * {@link PruningCheckpoint}.
     */
    public PruningListenerBuilder checkpoints(Path dir) {
        this.checkpointDir = requireNonNull(dir, "dir");
        return this;
    }

    /**
     * Continues the run whose latest checkpoint is in {@code dir}: the listener starts with that checkpoint's
     * epochs seen, scores and kept set, and the iterator with its shuffle position and subset. Train the model
     * from {@link PruningCheckpoint#restoreNetwork(Path)} (or {@code restoreGraph}) for the epochs that are left.
     * Build the iterator and the listener as the interrupted run did: a different configuration or other data is an
     * error when the listener is built, another model (a fresh network, a different architecture) when it first
     * trains.
     */
    public PruningListenerBuilder resumeFrom(Path dir) {
        this.resumeDir = requireNonNull(dir, "dir");
        return this;
    }

    /**
     * Builds the listener and registers it with its iterator.
     *
     * @throws IllegalArgumentException if an option is out of range
     * @throws IllegalStateException if the iterator already has a listener
     */
    public PruningListener build() {
        PruningConfig config = new PruningConfig(Optional.ofNullable(rule), scoreKind, schedule, el2nInput, alsoCompute.build(),
                grandInitialisations, grandSeed, scoringBatchSize, outlierCount, Optional.ofNullable(scoresCsv),
                embedding, prototypeClusters, prototypeClustersPerClass, clusteringSeed,
                Optional.ofNullable(extrapolation), dynamicsWindow);
        if (extrapolation != null) {
            extrapolation.check(iterator.numExamples());
        }
        if (rule != null) {
            BuildChecks.ruleKeepsExamples(rule, iterator.labelIndices(), iterator.masked());
            BuildChecks.classAdaptiveRanksByLoss(rule, scoreKind);
        }
        BuildChecks.dynamicScheduleSettings(config);
        BuildChecks.dynamicsWindowFits(config);
        config.scoresCsv().ifPresent(BuildChecks::writable);
        BuildChecks.noEarlierRun(checkpointDir, resumeDir);
        BuildChecks.takeEffect(schedule, epochs);
        return PruningListener.create(iterator, config, checkpointDir, epochs, resumeDir);
    }
}
