package org.dataprune4j.schedule;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.BitSet;
import org.dataprune4j.select.SelectionRule;

/**
 * Prunes from the first epoch by scores computed before training, for instance by a separate run on a subset and then
 * extrapolated ({@code org.dataprune4j.SubsetScoring}): the rule is applied to the given scores before epoch 1 and
 * every epoch trains that subset. Nothing is scored during the run; its listener's ledger adds the scoring run's cost.
 * Immutable; holds a copy of the scores (8 bytes an example).
 */
public final class GivenScoresSchedule implements PruningSchedule {
    private final double[] scores;
    private final SelectionRule rule;
    private final String scoreName;
    private final long scoringRunExamples;
    private final long scoringRunInference;
    private final Duration scoringRunTime;
    private final int keptCount;

    private GivenScoresSchedule(double[] scores, SelectionRule rule, String scoreName, long scoringRunExamples,
                                long scoringRunInference, Duration scoringRunTime) {
        this.scores = scores;
        this.rule = rule;
        this.scoreName = scoreName;
        this.scoringRunExamples = scoringRunExamples;
        this.scoringRunInference = scoringRunInference;
        this.scoringRunTime = scoringRunTime;
        this.keptCount = rule.select(scores, new int[scores.length]).keptCount();
    }

    /**
     * Prunes by {@code rule} applied to {@code scores} from the first epoch on.
     *
     * @param scores one finite score per example id, higher = harder
     * @param rule the selection rule
     * @param scoreName the score's name, for logs
     * @param scoringRunExamples examples the scoring run trained (0 if none), added to the run's ledger
     * @param scoringRunInference examples it passed through a network outside training, added to the ledger
     * @param scoringRunTime its wall time, added to the ledger's scoring time
     */
    public static GivenScoresSchedule of(double[] scores, SelectionRule rule, String scoreName,
                                         long scoringRunExamples, long scoringRunInference, Duration scoringRunTime) {
        requireNonNull(scores, "scores");
        requireNonNull(rule, "rule");
        checkArgument(scores.length > 0, "no scores given");
        for (int i = 0; i < scores.length; i++) {
            checkArgument(Double.isFinite(scores[i]), "the given score of example %s is %s; scores must be finite", i,
                    (Object) scores[i]);
        }
        checkArgument(scoringRunExamples >= 0 && scoringRunInference >= 0, "a scoring run's counts are >= 0");
        return new GivenScoresSchedule(scores.clone(), rule, requireNonNull(scoreName, "scoreName"),
                scoringRunExamples, scoringRunInference, requireNonNull(scoringRunTime, "scoringRunTime"));
    }

    @Override
    public boolean isScoringEpoch(int epoch) {
        return false;
    }

    @Override
    public boolean isSwapEpoch(int epoch) {
        return false;
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public boolean usesRule() {
        return false;
    }

    /** The rule's subset of the given scores, the same for every epoch (asked with -1 before the first). */
    @Override
    public EpochPlan planAfter(int epoch, EpochContext context) {
        int n = context.numExamples();
        checkArgument(n == scores.length, "%s scores were given, but the iterator has %s examples: score the same"
                + " training data the listener prunes", scores.length, n);
        int[] labels = new int[n];
        BitSet masked = new BitSet(n);
        for (int id = 0; id < n; id++) {
            labels[id] = context.label(id);
            masked.set(id, context.isMasked(id));
        }
        return EpochPlan.subset(rule.selectExcluding(scores, labels, masked));
    }

    /** The rule's kept count on the given scores (labels taken as one class, exact for a score range). */
    @Override
    public int expectedExamples(int epoch, int all, int kept) {
        return keptCount;
    }

    /** Examples the scoring run trained. */
    public long scoringRunExamples() {
        return scoringRunExamples;
    }

    /** Examples the scoring run passed through a network outside training. */
    public long scoringRunInference() {
        return scoringRunInference;
    }

    /** The scoring run's wall time. */
    public Duration scoringRunTime() {
        return scoringRunTime;
    }

    @Override
    public String describeSwap() {
        return "no swap: " + rule.describe() + " of given " + scoreName + " scores prunes from the first epoch";
    }

    @Override
    public String toString() {
        return "GivenScoresSchedule{" + rule.describe() + " of " + scoreName + ", " + scores.length + " examples}";
    }
}
