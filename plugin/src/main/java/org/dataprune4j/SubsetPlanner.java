package org.dataprune4j;

import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.schedule.EpochContext;
import org.dataprune4j.schedule.EpochPlan;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.SelectionRule;
import org.dataprune4j.select.SwapContext;
import org.dataprune4j.select.Ties;
import org.dataprune4j.select.TunableRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swap point: asks the pruning schedule what the next epoch trains, from the scores (tuning a tunable rule at the
 * swap first), and hands the plan's kept set and weights to the iterator. Internal to the listener, which keeps the
 * report.
 */
final class SubsetPlanner {
    private static final Logger log = LoggerFactory.getLogger(SubsetPlanner.class);
    /** Share of tied scores above which the swap warns. */
    private static final double TIED_SHARE_WARNING = 0.2;

    private final PruningConfig config;
    private final PruningIterator iterator;
    private final LedgerCounter counter;
    /** The rule a {@link TunableRule} returned at the swap; null until then, or without one. */
    private SelectionRule tunedRule;
    /** The rule's kept count before the swap, for fitting learning-rate schedules; -1 until computed. */
    private int ruleKeptCount = -1;

    SubsetPlanner(PruningConfig config, PruningIterator iterator, LedgerCounter counter) {
        this.config = config;
        this.iterator = iterator;
        this.counter = counter;
    }

    /** The first plan, at the end of the swap epoch, from every example's scores; applied. */
    EpochPlan atSwap(TrainedModel m, int epoch, ScoreTable table) {
        double[] ranked = table.scores(config.scoreKind());
        double tied = Ties.share(ranked);
        if (tied > TIED_SHARE_WARNING) {
            log.warn("{}% of the {} scores tie with another example's; ties are broken in a pseudo-random order"
                    + " fixed per id, so among them the kept set is a random draw. Rank by another score, or"
                    + " (forgetting) score over more warm-up epochs.", String.format("%.0f", 100 * tied),
                    config.scoreKind().columnName());
        }
        if (config.rule().orElse(null) instanceof TunableRule tunable) {
            tunedRule = tunable.tune(new SwapContext(m.model(), ranked, table.labels(),
                    config.scoreKind().columnName(), iterator.passes()::forEachBatch, iterator.passes().fingerprint()));
            log.info("DataPrune4J: the rule {} gives at the swap (tuned now or reused): {}",
                    tunable.getClass().getSimpleName(), tunedRule.describe());
        }
        EpochPlan plan = config.schedule().planAfter(epoch, new EpochContext(epoch, ranked, table.labels(),
                iterator.masked(), activeRule(), table));
        if (plan.kind() == EpochPlan.Kind.UNCHANGED) {
            throw new IllegalStateException("The schedule " + config.schedule() + " planned no subset at its swap"
                    + " (end of epoch " + (epoch + 1) + "); a schedule's planAfter must choose one at the swap.");
        }
        apply(plan);
        return plan;
    }

    /** A dynamic schedule's plan after the swap, from the scores the training passes keep fresh; applied. */
    EpochPlan again(int epoch, ScoreTable table) {
        EpochPlan plan = config.schedule().planAfter(epoch, new EpochContext(epoch, table.scores(config.scoreKind()),
                table.labels(), iterator.masked(), activeRule(), table));
        apply(plan);
        return plan;
    }

    /** The plan of a schedule that decides without scores (RS2) for the epoch after {@code epoch} (-1: the first). */
    EpochPlan unscored(int epoch) {
        EpochPlan plan = config.schedule().planAfter(epoch, new EpochContext(epoch, new double[iterator.numExamples()],
                iterator.labelIndices(), iterator.masked(), null));
        if (plan.kind() == EpochPlan.Kind.UNCHANGED) {
            throw new IllegalStateException("The schedule " + config.schedule() + " needs no scores, so it must plan"
                    + " every epoch; it planned nothing after epoch " + (epoch + 1) + " (counted from 1).");
        }
        return plan;
    }

    /** Hands a plan's kept set and weights to the iterator for the next epoch. */
    void apply(EpochPlan plan) {
        if (plan.kind() == EpochPlan.Kind.UNCHANGED) {
            return;
        }
        iterator.keepFromNextEpoch(plan.selection().keptIds(), plan.keptWeights());
        counter.planned(plan);
    }

    /** The rule the schedule applies: the tuned one after a tunable rule's swap, else the configured one or null. */
    private SelectionRule activeRule() {
        return tunedRule != null ? tunedRule : config.rule().orElse(null);
    }

    /**
     * The examples later epochs are expected to train after the swap, for fitting learning-rate schedules: the
     * current subset once one is chosen, the rule's kept count before.
     */
    int keptEstimate(boolean swapped) {
        if (swapped) {
            return iterator.nextEpochCount();
        }
        if (ruleKeptCount < 0) {
            SelectionRule rule = config.rule().orElse(null);
            if (rule instanceof TunableRule tunable) {
                rule = tunable.placeholder();
            }
            ruleKeptCount = rule == null ? iterator.numExamples() : rule.selectExcluding(
                    new double[iterator.numExamples()], iterator.labelIndices(), iterator.masked()).keptCount();
        }
        return ruleKeptCount;
    }
}
