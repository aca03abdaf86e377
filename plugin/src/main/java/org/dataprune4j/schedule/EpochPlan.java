package org.dataprune4j.schedule;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import org.dataprune4j.select.Decision;
import org.dataprune4j.select.Selection;

/**
 * What the next epoch trains, as a schedule decides it at the end of an epoch: the same examples as now, every
 * example, or a subset, optionally with a loss weight per kept example. Immutable.
 */
public final class EpochPlan {
    /** The three kinds of plan. */
    public enum Kind {
        /** The examples trained now, with their weights. */
        UNCHANGED,
        /** Every example, unweighted (for example InfoBatch's annealing epochs). */
        ALL,
        /** The kept examples of a selection, optionally weighted. */
        SUBSET
    }

    private static final EpochPlan UNCHANGED_PLAN = new EpochPlan(Kind.UNCHANGED, null, null, "unchanged");

    private final Kind kind;
    private final Selection selection;
    private final float[] keptWeights;
    private final String description;

    private EpochPlan(Kind kind, Selection selection, float[] keptWeights, String description) {
        this.kind = kind;
        this.selection = selection;
        this.keptWeights = keptWeights;
        this.description = description;
    }

    /** The next epoch trains what this one trained. */
    public static EpochPlan unchanged() {
        return UNCHANGED_PLAN;
    }

    /**
     * The next epoch trains every example, unweighted.
     *
     * @param numExamples the number of examples
     * @param why for the report, e.g. "annealing: the last 2 epochs train on all data"
     */
    public static EpochPlan all(int numExamples, String why) {
        Decision[] kept = new Decision[numExamples];
        java.util.Arrays.fill(kept, Decision.KEPT);
        return new EpochPlan(Kind.ALL, new Selection(kept, requireNonNull(why, "why")), null, why);
    }

    /**
     * The next epoch trains every example whose labels mask is not 0, unweighted; those whose mask is 0 stay
     * {@link Decision#PRUNED_MASKED} (they add no loss, so training them would only cost time).
     *
     * @param context the epoch's context, which knows the masked examples
     * @param why for the report, e.g. "annealing: the last 2 epochs train on all data"
     */
    public static EpochPlan all(EpochContext context, String why) {
        Decision[] kept = new Decision[context.numExamples()];
        for (int id = 0; id < kept.length; id++) {
            kept[id] = context.isMasked(id) ? Decision.PRUNED_MASKED : Decision.KEPT;
        }
        return new EpochPlan(Kind.ALL, new Selection(kept, requireNonNull(why, "why")), null, why);
    }

    /** The next epoch trains the selection's kept examples, unweighted. */
    public static EpochPlan subset(Selection selection) {
        requireNonNull(selection, "selection");
        checkArgument(selection.keptCount() > 0, "a plan must keep at least one example");
        return new EpochPlan(Kind.SUBSET, selection, null, selection.rule());
    }

    /**
     * The next epoch trains the selection's kept examples, each with a loss weight.
     *
     * @param keptWeights one positive, finite weight per kept example, in the order of {@link Selection#keptIds()}
     */
    public static EpochPlan weightedSubset(Selection selection, float[] keptWeights) {
        requireNonNull(selection, "selection");
        requireNonNull(keptWeights, "keptWeights");
        checkArgument(selection.keptCount() > 0, "a plan must keep at least one example");
        checkArgument(keptWeights.length == selection.keptCount(), "%s weights for %s kept examples",
                keptWeights.length, selection.keptCount());
        for (float w : keptWeights) {
            checkArgument(Float.isFinite(w) && w > 0, "loss weights must be positive and finite, got %s", w);
        }
        return new EpochPlan(Kind.SUBSET, selection, keptWeights.clone(), selection.rule());
    }

    /** Which kind of plan this is. */
    public Kind kind() {
        return kind;
    }

    /** The decision for every example; null for {@link Kind#UNCHANGED}. */
    public Selection selection() {
        return selection;
    }

    /** The weights of the kept examples in the order of their ids, or null when unweighted. */
    public float[] keptWeights() {
        return keptWeights == null ? null : keptWeights.clone();
    }

    /** Whether the kept examples carry loss weights. */
    public boolean isWeighted() {
        return keptWeights != null;
    }

    /** What the plan is, for logs and reports. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "EpochPlan{" + kind + ", " + description + "}";
    }
}
