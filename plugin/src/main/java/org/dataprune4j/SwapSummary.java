package org.dataprune4j;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.dataprune4j.score.ClusteringSummary;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.dataprune4j.select.ClassBalancedRule;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.ScoreInterval;

/**
 * The readable summary of the swap, or of a dynamic schedule's latest selection ({@link PruningReport#summary()}):
 * counts, why examples were pruned, outliers, cost.
 */
final class SwapSummary {
    /** Classes listed one by one; with more, the lowest and highest kept shares. */
    private static final int CLASSES_LISTED = 20;
    /** How close to sqrt(2) the smallest listed EL2N must be for the note that the top scores saturate. */
    private static final double SATURATION_GAP = 0.01;

    private SwapSummary() {
    }

    /** The pruned examples' reasons with a count, e.g. ": 28800 below the range, 1200 above the range". */
    private static String whyPruned(PruningReport r) {
        StringBuilder why = new StringBuilder();
        appendCount(why, r.count(Decision.PRUNED_BELOW_RANGE), "below the range");
        appendCount(why, r.count(Decision.PRUNED_ABOVE_RANGE), "above the range");
        appendCount(why, r.count(Decision.PRUNED_NOT_DRAWN), "not drawn");
        appendCount(why, r.count(Decision.PRUNED_CLASS_QUOTA), "outside their class's adaptive quota");
        appendCount(why, r.count(Decision.PRUNED_SOFT), "left out by soft pruning");
        appendCount(why, r.count(Decision.PRUNED_MASKED), "with a zero labels mask");
        return why.toString();
    }

    private static void appendCount(StringBuilder why, int count, String reason) {
        if (count > 0) {
            why.append(why.length() == 0 ? ": " : ", ").append(count).append(' ').append(reason);
        }
    }

    /** The summary of {@code r}. */
    static String of(PruningReport r) {
        StringBuilder s = new StringBuilder(1024);
        int total = r.totalCount();
        String schedule = r.configuration().get("schedule");
        if (schedule == null || schedule.startsWith("warmup ")) {
            s.append(String.format(Locale.ROOT, "DataPrune4J swap at the end of epoch %d (counted from 1): ranked by"
                    + " %s, %s%n", r.swapEpoch() + 1, r.scoreKind().columnName(), r.selection().rule()));
        } else {
            s.append(String.format(Locale.ROOT, "DataPrune4J selection at the end of epoch %d (counted from 1;"
                    + " schedule %s): ranked by %s, %s%n", r.swapEpoch() + 1, schedule, r.scoreKind().columnName(),
                    r.selection().rule()));
        }
        s.append(String.format(Locale.ROOT, "  kept %d of %d (%.1f%%); pruned %d%s%n", r.keptCount(), total,
                100.0 * r.keptCount() / total, r.prunedCount(), whyPruned(r)));
        int masked = r.count(Decision.PRUNED_MASKED);
        if (masked > 0) {
            s.append(String.format(Locale.ROOT, "  %d examples with a zero labels mask were not ranked (they add no"
                    + " loss) and are pruned%n", masked));
        }
        ScoreInterval range = r.keptScoreRange();
        s.append(String.format(Locale.ROOT, "  kept %s range: [%.4f, %.4f]%n", r.scoreKind().columnName(),
                range.lowerEndpoint(), range.upperEndpoint()));
        int[] kept = r.keptPerClass();
        int[] all = r.totalPerClass();
        if (kept.length <= CLASSES_LISTED) {
            s.append("  kept/total per class:");
            for (int c = 0; c < kept.length; c++) {
                s.append(String.format(Locale.ROOT, " %d:%d/%d", c, kept[c], all[c]));
            }
        } else {
            // Many classes: the lowest and highest kept shares; r.keptPerClass() and r.totalPerClass() have them all.
            Integer[] byShare = new Integer[kept.length];
            for (int c = 0; c < kept.length; c++) {
                byShare[c] = c;
            }
            Arrays.sort(byShare, Comparator.<Integer>comparingDouble(c -> all[c] == 0 ? 1 : (double) kept[c] / all[c])
                    .thenComparingInt(c -> c));
            s.append(String.format(Locale.ROOT, "  kept/total per class (%d classes; lowest and highest shares,"
                    + " all in keptPerClass()):", kept.length));
            for (int i = 0; i < kept.length; i++) {
                if (i < CLASSES_LISTED / 2 || i >= kept.length - CLASSES_LISTED / 2) {
                    int c = byShare[i];
                    s.append(String.format(Locale.ROOT, " %d:%d/%d", c, kept[c], all[c]));
                } else if (i == CLASSES_LISTED / 2) {
                    s.append(" ...");
                }
            }
        }
        s.append(System.lineSeparator());
        if (!r.selection().rule().startsWith(ClassBalancedRule.DESCRIPTION_PREFIX)
                && !r.selection().rule().startsWith(ClassAdaptiveRule.DESCRIPTION_PREFIX)) {
            s.append("  (the rule ranks all classes together, so classes the model finds easy keep fewer examples;"
                    + " ClassBalancedRule.of(rule) keeps the same share of every class)").append(System.lineSeparator());
        }
        List<Outlier> top = r.outliers();
        if (!top.isEmpty()) {
            s.append(String.format(Locale.ROOT, "  top %d by %s (likely mislabelled or ambiguous):%n", top.size(),
                    r.scoreKind().columnName()));
            for (Outlier o : top) {
                s.append(String.format(Locale.ROOT, "    id %6d  label %d  predicted %s  %s %.4f  %s%n", o.id(),
                        o.label(), o.predicted() < 0 ? "?" : String.valueOf(o.predicted()), r.scoreKind().columnName(),
                        o.score(), o.kept() ? "kept" : "pruned"));
            }
            if (r.scoreKind() == ScoreKind.EL2N && top.size() > 1
                    && top.get(top.size() - 1).score() > Math.sqrt(2) - SATURATION_GAP) {
                s.append(String.format(Locale.ROOT, "  (these EL2N scores saturate near sqrt(2) = 1.4142: the model"
                        + " puts almost all its probability on another class, so their order among themselves means"
                        + " little)%n"));
            }
        }
        for (ClusteringSummary c : r.scoringDetails().clusterings()) {
            s.append(String.format(Locale.ROOT, "  %s: k-means with %d centroids in %d dimensions, inertia %.4g after"
                    + " %d iterations, %.2f s%n", c.kind().columnName(), c.clusters(), c.dimensions(), c.inertia(),
                    c.iterations(), c.seconds()));
        }
        r.scoringDetails().extrapolation().ifPresent(e -> s.append("  ").append(e.describe()).append(System.lineSeparator()));
        s.append(String.format(Locale.ROOT, "  scoring time: %.2f s", r.scoringTime().toNanos() / 1e9));
        r.ledger().ifPresent(l -> s.append(System.lineSeparator()).append("  ").append(l.describe()));
        return s.toString();
    }
}
