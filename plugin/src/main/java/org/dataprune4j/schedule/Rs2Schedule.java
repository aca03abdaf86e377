package org.dataprune4j.schedule;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.internal.Seeds;
import org.dataprune4j.internal.Shuffle;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.Selection;

/**
 * RS2, repeated sampling of random subsets (Okanovic et al., ICLR 2024): every epoch, from the first on, trains a
 * fresh random {@code fraction} of the examples, drawn without replacement across epochs, so every example is
 * trained once before any is trained twice. No scores and no warm-up: the equal-budget baseline that beat thirty
 * pruning methods on time-to-accuracy in that paper. Build the listener with
 * {@code PruningListener.builder(iterator, Rs2Schedule.keep(0.5))}; it has no swap, so no report, and its cost is in
 * {@code ledger()}.
 *
 * <p>The draws: the examples (those with a zero labels mask left out) are laid in a seeded random order, a fresh
 * order each time all have been drawn, and epoch e takes the next {@code round(fraction x n)} of that endless
 * sequence; an example that would come twice in one epoch (where two orders meet) is replaced by the next one.
 * The same seed gives the same draws, also after a resume.
 *
 * @param fraction the share of the examples each epoch trains, in (0, 1]
 * @param seed the seed of the orders
 */
public record Rs2Schedule(double fraction, long seed) implements PruningSchedule {

    /** Validates the settings. */
    public Rs2Schedule {
        checkArgument(fraction > 0 && fraction <= 1, "fraction kept per epoch must be in (0, 1], got %s", fraction);
    }

    /** A fresh random {@code fraction} every epoch, without replacement across epochs, seed 42. */
    public static Rs2Schedule keep(double fraction) {
        return new Rs2Schedule(fraction, Defaults.SEED);
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

    /** The draw of epoch {@code epoch + 1}; asked with -1 before the first epoch. */
    @Override
    public EpochPlan planAfter(int epoch, EpochContext context) {
        int n = context.numExamples();
        int[] pool = new int[n];
        int size = 0;
        for (int id = 0; id < n; id++) {
            if (!context.isMasked(id)) {
                pool[size++] = id;
            }
        }
        checkArgument(size > 0, "every example has a zero labels mask: RS2 has nothing to draw");
        pool = Arrays.copyOf(pool, size);
        int perEpoch = Math.max(1, (int) Math.round(fraction * size));
        long start = (long) (epoch + 1) * perEpoch;
        BitSet drawn = new BitSet(n);
        int count = 0;
        int round = -1;
        int[] order = null;
        for (long position = start; count < perEpoch; position++) {
            if (position / size != round) {
                round = (int) (position / size);
                order = order(round, pool);
            }
            int id = order[(int) (position % size)];
            if (!drawn.get(id)) {
                drawn.set(id);
                count++;
            }
        }
        Decision[] decisions = new Decision[n];
        for (int id = 0; id < n; id++) {
            decisions[id] = drawn.get(id) ? Decision.KEPT
                    : context.isMasked(id) ? Decision.PRUNED_MASKED : Decision.PRUNED_NOT_DRAWN;
        }
        return EpochPlan.subset(new Selection(decisions, String.format(Locale.ROOT,
                "RS2: a fresh random %.1f%% without replacement, epoch %d", 100 * fraction, epoch + 2)));
    }

    /** The seeded order of the examples in round {@code round}. */
    private int[] order(int round, int[] pool) {
        int[] order = pool.clone();
        Shuffle.inPlace(order, new SplittableRandom(Seeds.stream(seed, round + 1)));
        return order;
    }

    @Override
    public int expectedExamples(int epoch, int all, int kept) {
        return Math.max(1, (int) Math.round(fraction * all));
    }

    @Override
    public String describeSwap() {
        return String.format(Locale.ROOT, "RS2 has no swap: every epoch trains a fresh random %.0f%% of the examples,"
                + " without replacement across epochs", 100 * fraction);
    }
}
