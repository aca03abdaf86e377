package org.dataprune4j.schedule;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.Selection;

/**
 * DUAL's sampling (Cho et al. 2025): at the end of warm-up, draws the kept examples without replacement with
 * probability proportional to the DUAL score times a Beta density of the example's mean predicted probability
 * {@code mu = 1 - difficulty}. The Beta is {@code Beta(16 - b, b)} with {@code b = 15 (1 - mu_anchor) (1 - r^cd)},
 * r the pruned share and {@code mu_anchor} the mean mu of the 10 highest-scored examples: at mild pruning it centres
 * near the hard examples, at extreme pruning it moves towards easy ones, which is why the paper uses it there. Every
 * later epoch trains that subset. It reads {@link ScoreKind#DUAL} and {@link ScoreKind#DIFFICULTY}, which the listener
 * then computes; the warm-up must fill DUAL's window.
 *
 * <p>As the authors' code (github behaapyy/dual-pruning, {@code exp_cifar/data_subset.py}, {@code beta_sampling})
 * with c_d = 4 (its default); two differences: mu is the mean over the warm-up's training passes (that code reads the
 * first epoch's probabilities only, {@code target_probs[:1]}), and the draw is seeded (Efraimidis-Spirakis keys, the
 * same distribution as numpy's sequential {@code choice(replace=False, p)}).
 *
 * @param fraction the share kept, in (0, 1)
 * @param warmupEpochs scored epochs on all data before the draw, at least 1
 * @param cd the exponent c_d, positive
 * @param seed the seed of the draw
 */
public record DualSamplingSchedule(double fraction, int warmupEpochs, double cd, long seed) implements PruningSchedule {
    /** The authors' default c_d. */
    public static final double DEFAULT_CD = 4;
    private static final int ANCHORS = 10;

    /** Validates the fields. */
    public DualSamplingSchedule {
        checkArgument(fraction > 0 && fraction < 1, "fraction kept must be in (0, 1), got %s", (Object) fraction);
        checkArgument(warmupEpochs >= 1, "warmupEpochs must be at least 1, got %s", warmupEpochs);
        checkArgument(cd > 0, "cd must be positive, got %s", (Object) cd);
    }

    /** Keeps {@code fraction} after {@code warmupEpochs}, with c_d = 4 and the library's seed. */
    public static DualSamplingSchedule keep(double fraction, int warmupEpochs) {
        return new DualSamplingSchedule(fraction, warmupEpochs, DEFAULT_CD, Defaults.SEED);
    }

    /** A copy with another seed. */
    public DualSamplingSchedule withSeed(long newSeed) {
        return new DualSamplingSchedule(fraction, warmupEpochs, cd, newSeed);
    }

    @Override
    public boolean isScoringEpoch(int epoch) {
        return epoch < warmupEpochs;
    }

    @Override
    public boolean isSwapEpoch(int epoch) {
        return epoch == warmupEpochs - 1;
    }

    @Override
    public boolean usesRule() {
        return false;
    }

    @Override
    public Set<ScoreKind> scoresNeeded() {
        return Set.of(ScoreKind.DUAL, ScoreKind.DIFFICULTY);
    }

    @Override
    public EpochPlan planAfter(int epoch, EpochContext context) {
        if (!isSwapEpoch(epoch)) {
            return EpochPlan.unchanged();
        }
        double[] dual = context.scores(ScoreKind.DUAL);
        double[] difficulty = context.scores(ScoreKind.DIFFICULTY);
        boolean[] masked = new boolean[dual.length];
        for (int id = 0; id < dual.length; id++) {
            masked[id] = context.isMasked(id);
        }
        boolean[] kept = draw(dual, difficulty, masked);
        Decision[] decisions = new Decision[dual.length];
        for (int id = 0; id < dual.length; id++) {
            decisions[id] = kept[id] ? Decision.KEPT : masked[id] ? Decision.PRUNED_MASKED : Decision.PRUNED_NOT_DRAWN;
        }
        return EpochPlan.subset(new Selection(decisions, describe()));
    }

    /** The kept examples: round(fraction x unmasked) drawn by DUAL score x Beta density of 1 - difficulty. */
    boolean[] draw(double[] dual, double[] difficulty, boolean[] masked) {
        int n = dual.length;
        Integer[] byScore = new Integer[n];
        int m = 0;
        for (int id = 0; id < n; id++) {
            if (!masked[id]) {
                byScore[m++] = id;
            }
        }
        checkArgument(m > 0, "every example has a zero labels mask: DUAL sampling has nothing to draw");
        Integer[] ranked = Arrays.copyOf(byScore, m);
        Arrays.sort(ranked, (a, b) -> Double.compare(dual[b], dual[a]));
        double anchor = 0;
        int anchors = Math.min(ANCHORS, m);
        for (int i = 0; i < anchors; i++) {
            anchor += (1 - difficulty[ranked[i]]) / anchors;
        }
        double b = betaB(anchor);
        double a = 16 - b;
        double[] logDensity = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int id = 0; id < n; id++) {
            double mu = Math.min(1 - 1e-6, Math.max(1e-6, 1 - difficulty[id]));
            logDensity[id] = (a - 1) * Math.log(mu) + (b - 1) * Math.log(1 - mu);
            if (!masked[id]) {
                max = Math.max(max, logDensity[id]);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] key = new double[n];
        for (int id = 0; id < n; id++) {
            double w = Math.exp(logDensity[id] - max) * Math.max(0, dual[id]);
            double u = 1 - random.nextDouble();
            key[id] = masked[id] ? Double.NaN : w > 0 ? Math.log(u) / w : Double.NEGATIVE_INFINITY;
        }
        int count = Math.max(1, (int) Math.round(fraction * m));
        Integer[] order = Arrays.copyOf(byScore, m);
        Arrays.sort(order, (x, y) -> Double.compare(key[y], key[x]));
        boolean[] kept = new boolean[n];
        for (int i = 0; i < count; i++) {
            kept[order[i]] = true;
        }
        return kept;
    }

    /** b = 15 (1 - mu_anchor) (1 - r^cd), r = 1 - fraction. */
    double betaB(double anchor) {
        return 15 * (1 - anchor) * (1 - Math.pow(1 - fraction, cd));
    }

    @Override
    public int expectedExamples(int epoch, int all, int kept) {
        return epoch < warmupEpochs ? all : Math.max(1, (int) Math.round(fraction * all));
    }

    @Override
    public String describeSwap() {
        return "the swap comes at the end of epoch " + warmupEpochs + " (epochs counted from 1): " + describe();
    }

    private String describe() {
        return String.format(Locale.ROOT, "DUAL sampling of %.1f%% (Beta c_d %s, seed %d)", 100 * fraction, cd, seed);
    }
}
