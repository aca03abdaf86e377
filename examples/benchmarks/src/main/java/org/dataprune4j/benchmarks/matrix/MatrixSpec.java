package org.dataprune4j.benchmarks.matrix;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dataprune4j.score.ScoreKind;

/**
 * What the benchmark matrix runs: datasets x scores x rules x kept fractions x seeds, plus one full-data run
 * per dataset and seed. Random keeps one run per kept fraction (it ignores the score; its row is repeated
 * under each score in the tables).
 *
 * @param name preset name, written into the run record
 * @param datasets data set names ({@code fashion-mnist}, {@code mnist}, or a test provider's)
 * @param scores scores to rank by
 * @param rules rules to compare (FULL_DATA is added anyway)
 * @param kept kept fractions, each in (0, 1)
 * @param seeds at least one seed
 * @param trainSize training examples used (the head of the training split; 0 = all but the validation split)
 * @param validationSize examples held out of the training split for range tuning
 * @param epochs total epochs per run
 * @param warmupEpochs warm-up epochs before the swap
 * @param tuneCandidates random-search candidates per tuned range
 * @param tunedFloor the tuned range's floor of kept data as a fraction of the cell's budget, in [0, 1]: at 30%
 *     kept and 0.8 the tuned range keeps between 24% and 30% (0 = no floor, which lets the proxy pick tiny ranges)
 */
public record MatrixSpec(String name, List<String> datasets, List<ScoreKind> scores, List<RuleKind> rules,
                         List<Double> kept, List<Long> seeds, int trainSize, int validationSize, int epochs,
                         int warmupEpochs, int tuneCandidates, double tunedFloor) {

    /** Validates every field. */
    public MatrixSpec {
        requireNonNull(name, "name");
        datasets = ImmutableList.copyOf(datasets);
        scores = ImmutableList.copyOf(scores);
        rules = ImmutableList.copyOf(rules);
        kept = ImmutableList.copyOf(kept);
        seeds = ImmutableList.copyOf(seeds);
        checkArgument(!datasets.isEmpty() && !scores.isEmpty() && !rules.isEmpty() && !kept.isEmpty()
                && !seeds.isEmpty(), "every axis of the matrix needs at least one value");
        for (double f : kept) {
            checkArgument(f > 0 && f < 1, "kept fractions must be in (0, 1), got %s", f);
        }
        checkArgument(trainSize >= 0 && validationSize > 0, "trainSize >= 0 and validationSize > 0 required");
        checkArgument(warmupEpochs >= 1 && epochs > warmupEpochs, "need 1 <= warmupEpochs < epochs, got %s and %s",
                warmupEpochs, epochs);
        checkArgument(tuneCandidates >= 1, "tuneCandidates must be at least 1, got %s", tuneCandidates);
        checkArgument(tunedFloor >= 0 && tunedFloor <= 1, "tunedFloor must be in [0, 1], got %s", tunedFloor);
    }

    /** The presets' tuned-range floor: ranges keep between 0.8 x and 1 x the cell's kept fraction. */
    public static final double TUNED_FLOOR = 0.8;

    private static final List<ScoreKind> ALL_SCORES = List.of(ScoreKind.EL2N, ScoreKind.GRAND, ScoreKind.FORGETTING,
            ScoreKind.PROTOTYPE);
    private static final List<RuleKind> ALL_RULES = List.of(RuleKind.TUNED_RANGE, RuleKind.KEEP_HARDEST,
            RuleKind.KEEP_EASIEST, RuleKind.RANDOM);

    /** Measured 6 minutes on 2 cores (160 runs): both data sets, 5,000 training images each, 5 epochs, 2 seeds. */
    public static MatrixSpec small() {
        return new MatrixSpec("small", List.of("fashion-mnist", "mnist"), ALL_SCORES, ALL_RULES, List.of(0.3, 0.5, 0.7),
                List.of(1L, 2L), 5_000, 1_000, 5, 2, 4, TUNED_FLOOR);
    }

    /** The full matrix: all 55,000 training images (5,000 held out for tuning), 10 epochs, 2 seeds. */
    public static MatrixSpec full() {
        return new MatrixSpec("full", List.of("fashion-mnist", "mnist"), ALL_SCORES, ALL_RULES, List.of(0.3, 0.5, 0.7),
                List.of(1L, 2L), 0, 5_000, 10, 2, 8, TUNED_FLOOR);
    }

    /** A preset by name: {@code small} or {@code full}. */
    public static MatrixSpec preset(String name) {
        return switch (name) {
            case "small" -> small();
            case "full" -> full();
            default -> throw new IllegalArgumentException("Unknown preset '" + name + "'; use small or full");
        };
    }

    /** Every cell, in run order: per dataset and seed, the full-data run first. */
    public List<Cell> cells() {
        ImmutableList.Builder<Cell> out = ImmutableList.builder();
        for (String dataset : datasets) {
            for (long seed : seeds) {
                out.add(new Cell(dataset, scores.get(0), RuleKind.FULL_DATA, 1.0, seed));
                for (double f : kept) {
                    if (rules.contains(RuleKind.RANDOM)) {
                        out.add(new Cell(dataset, scores.get(0), RuleKind.RANDOM, f, seed));
                    }
                    for (ScoreKind score : scores) {
                        for (RuleKind rule : rules) {
                            if (rule != RuleKind.RANDOM && rule != RuleKind.FULL_DATA) {
                                out.add(new Cell(dataset, score, rule, f, seed));
                            }
                        }
                    }
                }
            }
        }
        return out.build();
    }

    /** A flat view for the run record. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("datasets", datasets);
        m.put("scores", scores.stream().map(Enum::name).toList());
        m.put("rules", rules.stream().map(Enum::name).toList());
        m.put("kept", kept);
        m.put("seeds", seeds);
        m.put("trainSize", trainSize);
        m.put("validationSize", validationSize);
        m.put("epochs", epochs);
        m.put("warmupEpochs", warmupEpochs);
        m.put("tuneCandidates", tuneCandidates);
        m.put("tunedFloor", tunedFloor);
        return m;
    }
}
