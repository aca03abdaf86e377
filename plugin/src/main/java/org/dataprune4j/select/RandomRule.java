package org.dataprune4j.select;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import java.util.SplittableRandom;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.internal.Seeds;

/**
 * Keeps a random fraction of the examples, ignoring scores: the baseline every pruning claim is measured
 * against. Keeps exactly round(fraction * n) examples, drawn with a fixed seed.
 */
public final class RandomRule implements SelectionRule {
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = Defaults.SEED;

    private final double fraction;
    private final long seed;
    /** Earlier applications of the rule in the run ({@link #forDraw}). */
    private final int draw;

    private RandomRule(double fraction, long seed, int draw) {
        ScoreRangeRule.checkFraction(fraction);
        this.fraction = fraction;
        this.seed = seed;
        this.draw = draw;
    }

    /**
     * @param fraction fraction kept, in (0, 1]
     * @param seed seed of the draw
     */
    public static RandomRule keep(double fraction, long seed) {
        return new RandomRule(fraction, seed, 0);
    }

    /** Keeps a random fraction with {@link #DEFAULT_SEED}. */
    public static RandomRule keep(double fraction) {
        return new RandomRule(fraction, DEFAULT_SEED, 0);
    }

    @Override
    public Selection select(double[] scores, int[] labels) {
        Ranking.checkInputs(scores, labels);
        int n = scores.length;
        int kept = Ranking.count(fraction, n);
        checkArgument(kept > 0, "%s keeps no example of %s; raise the fraction", describe(), n);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        SplittableRandom random = new SplittableRandom(Seeds.stream(seed, draw));
        for (int i = 0; i < kept; i++) {
            int j = i + random.nextInt(n - i);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        Decision[] decisions = new Decision[n];
        java.util.Arrays.fill(decisions, Decision.PRUNED_NOT_DRAWN);
        for (int i = 0; i < kept; i++) {
            decisions[ids[i]] = Decision.KEPT;
        }
        return new Selection(decisions, describe());
    }

    /**
     * This rule for its {@code draw}-th application in a run: a re-selecting schedule draws a fresh random subset
     * each time (seeded from the seed and {@code draw}) instead of the same one.
     */
    @Override
    public RandomRule forDraw(int draw) {
        checkArgument(draw >= 0, "draw must be at least 0, got %s", draw);
        return draw == this.draw ? this : new RandomRule(fraction, seed, draw);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "random %.4f (seed %d%s)", fraction, seed, draw == 0 ? "" : ", draw " + draw);
    }

    @Override
    public String toString() {
        return "RandomRule{" + describe() + "}";
    }
}
