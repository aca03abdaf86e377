package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Iterables;
import com.google.common.collect.Sets;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dataprune4j.embed.EmbeddingSpec;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.schedule.PruningSchedule;
import org.dataprune4j.schedule.WarmupSchedule;
import org.dataprune4j.score.DynamicsWindow;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.SelectionRule;

/**
 * Everything a {@link PruningListener} is configured with. Immutable; built by
 * {@link PruningListenerBuilder}, which documents each default.
 *
 * @param rule which examples to keep; empty for a schedule that chooses by itself ({@code usesRule() == false})
 * @param scoreKind the score the rule ranks by
 * @param schedule which epochs are scored and when the swap happens
 * @param el2nInput where EL2N comes from: training passes or one evaluation pass at the end of warm-up
 * @param alsoCompute scores computed for the report beside {@code scoreKind}
 * @param grandInitialisations number of fresh initialisations GraNd is averaged over
 * @param grandSeed seed of the first fresh initialisation; the k-th uses {@code grandSeed + k}
 * @param scoringBatchSize batch size of extra scoring passes (evaluation pass, GraNd)
 * @param outlierCount number of top-scoring examples the report lists
 * @param scoresCsv where to write every score at the swap, if present
 * @param embedding the network and layer that embed examples for prototype scores and extrapolation
 * @param prototypeClusters k of the label-free prototype score; 0 means the number of classes
 * @param prototypeClustersPerClass clusters per class of the class-aligned prototype score
 * @param clusteringSeed seed of the k-means++ seeding
 * @param extrapolation a score computed on a subset and extrapolated to every example, if present
 * @param dynamicsWindow the sliding window of the training-dynamics scores (Dynamic Uncertainty, TDDS, DUAL)
 */
public record PruningConfig(Optional<SelectionRule> rule, ScoreKind scoreKind, PruningSchedule schedule, ScoreInput el2nInput,
                            ImmutableSet<ScoreKind> alsoCompute, int grandInitialisations, long grandSeed,
                            int scoringBatchSize, int outlierCount, Optional<Path> scoresCsv,
                            EmbeddingSpec embedding, int prototypeClusters, int prototypeClustersPerClass,
                            long clusteringSeed, Optional<ScoreExtrapolation> extrapolation,
                            DynamicsWindow dynamicsWindow) {

    /** Validates every field. */
    public PruningConfig {
        requireNonNull(rule, "rule");
        requireNonNull(schedule, "schedule");
        checkArgument(rule.isPresent() == schedule.usesRule(), rule.isPresent()
                ? "The schedule %s chooses the examples by itself and takes no selection rule: build the listener with"
                        + " PruningListener.builder(iterator, schedule)"
                : "The schedule %s applies a selection rule: build the listener with PruningListener.builder(iterator,"
                        + " rule).schedule(schedule)", schedule);
        requireNonNull(scoreKind, "scoreKind");
        requireNonNull(schedule, "schedule");
        requireNonNull(el2nInput, "el2nInput");
        requireNonNull(alsoCompute, "alsoCompute");
        requireNonNull(scoresCsv, "scoresCsv");
        checkArgument(el2nInput == ScoreInput.TRAINING_PASSES || el2nInput == ScoreInput.END_OF_WARMUP_PASS,
                "el2nInput must be TRAINING_PASSES or END_OF_WARMUP_PASS, got %s", el2nInput);
        checkArgument(grandInitialisations >= 1, "grandInitialisations must be at least 1, got %s",
                grandInitialisations);
        checkArgument(scoringBatchSize >= 1, "scoringBatchSize must be at least 1, got %s", scoringBatchSize);
        checkArgument(outlierCount >= 0, "outlierCount must be >= 0, got %s", outlierCount);
        requireNonNull(embedding, "embedding");
        requireNonNull(extrapolation, "extrapolation");
        requireNonNull(dynamicsWindow, "dynamicsWindow");
        checkArgument(prototypeClusters >= 0, "prototypeClusters (k) must be at least 1 (or 0 for the number of"
                + " classes), got %s", prototypeClusters);
        checkArgument(prototypeClustersPerClass >= 1, "prototypeClustersPerClass must be at least 1, got %s",
                prototypeClustersPerClass);
    }

    /** Whether a computed score or the extrapolation needs every example's embedding. */
    public boolean needsEmbeddings() {
        Set<ScoreKind> kinds = computedKinds();
        return kinds.contains(ScoreKind.PROTOTYPE) || kinds.contains(ScoreKind.PROTOTYPE_CLASS)
                || extrapolation.isPresent();
    }

    /**
     * The scores computed: the ranking score, EL2N and forgetting (free from the training passes),
     * {@link #alsoCompute()} and the extrapolated score.
     */
    public Set<ScoreKind> computedKinds() {
        return Sets.immutableEnumSet(Iterables.concat(List.of(scoreKind, ScoreKind.EL2N, ScoreKind.FORGETTING),
                alsoCompute, schedule.scoresNeeded(), extrapolation.map(e -> List.of(e.kind())).orElse(List.of())));
    }

    /** A flat, readable view of this configuration, for logs and run records. */
    public Map<String, String> toMap() {
        ImmutableMap.Builder<String, String> m = ImmutableMap.builder();
        m.put("rule", rule.map(SelectionRule::describe).orElse("(chosen by the schedule)"));
        m.put("scoreKind", scoreKind.name());
        m.put("schedule", schedule instanceof WarmupSchedule w ? "warmup " + w.warmupEpochs() : schedule.toString());
        m.put("el2nInput", el2nInput.name());
        m.put("alsoCompute", alsoCompute.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        m.put("grandInitialisations", Integer.toString(grandInitialisations));
        m.put("grandSeed", Long.toString(grandSeed));
        m.put("scoringBatchSize", Integer.toString(scoringBatchSize));
        m.put("outlierCount", Integer.toString(outlierCount));
        m.put("scoresCsv", scoresCsv.map(Path::toString).orElse(""));
        m.put("embedding", embedding.toString());
        m.put("prototypeClusters", prototypeClusters == 0 ? "classes" : Integer.toString(prototypeClusters));
        m.put("prototypeClustersPerClass", Integer.toString(prototypeClustersPerClass));
        m.put("clusteringSeed", Long.toString(clusteringSeed));
        m.put("extrapolation", extrapolation.map(e -> e.toMap().toString()).orElse(""));
        m.put("dynamicsWindow", dynamicsWindow.describe());
        return m.build();
    }
}
