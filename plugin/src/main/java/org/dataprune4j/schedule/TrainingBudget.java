package org.dataprune4j.schedule;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.function.DoubleFunction;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;

/**
 * A training budget as a share of N full-data epochs (for example 0.5 of 10 epochs: as many examples as 5 epochs of
 * all data), and the plan that spends it: warm-up epochs on all data, then the hardest examples by score re-selected
 * every epoch, as many per epoch as the budget leaves, and a last epoch on all data. Give it to {@code PruningListener.builder(iterator, budget)}
 * with a {@code FittedSchedule} in the model, and train {@code fit(iterator, epochs())}: the ledger meets the budget
 * to within an example per epoch, and the learning rate is fitted to the planned iterations.
 *
 * <p>The kept share per epoch is k = (share x epochs - warm-up - annealing) / (epochs - warm-up - annealing).
 * Defaults (warm-up 1 epoch, the last epoch on all data where the budget leaves room, re-selection every epoch, keep
 * the hardest, drop none at the top) are what docs/BENCHMARKS.md, "Pruning against a fair baseline", measured best
 * on balanced data; with another rule ({@link #keptBy}, the class-adaptive rule for imbalanced classes) the plan
 * has no last epoch on all data unless asked;
 * {@link #dropHardest} leaves out the very hardest share, for labels you suspect noisy.
 */
public final class TrainingBudget {
    private final double share;
    private final int epochs;
    private final int warmupEpochs;
    private final int reselectEvery;
    private final double dropHardest;
    /** Annealing epochs as set, or {@link #AUTO}. */
    private final int annealSetting;
    /** The rule for the kept share, or null for the hardest share below the dropped top. */
    private final DoubleFunction<SelectionRule> keptBy;
    /** The default annealing: 1 epoch where the budget leaves a pruned epoch after the warm-up and it, else 0. */
    private static final int AUTO = -1;

    private TrainingBudget(double share, int epochs, int warmupEpochs, int reselectEvery, double dropHardest,
                           int annealSetting) {
        this(share, epochs, warmupEpochs, reselectEvery, dropHardest, annealSetting, null);
    }

    private TrainingBudget(double share, int epochs, int warmupEpochs, int reselectEvery, double dropHardest,
                           int annealSetting, DoubleFunction<SelectionRule> keptBy) {
        int annealEpochs = annealing(annealSetting, share, epochs, warmupEpochs, keptBy != null);
        checkArgument(share > 0 && share <= 1, "the budget share must be in (0, 1], got %s", share);
        checkArgument(epochs >= 2, "a budget needs at least 2 epochs (a warm-up and a pruned one), got %s", epochs);
        checkArgument(warmupEpochs >= 1 && warmupEpochs < epochs, "warmupEpochs must be in [1, %s), got %s", epochs,
                warmupEpochs);
        checkArgument(annealEpochs >= 0, "annealEpochs must be at least 0, got %s", annealEpochs);
        checkArgument(warmupEpochs + annealEpochs < epochs, "%s warm-up and %s annealing epoch(s) leave no pruned"
                + " epoch of %s; lower warmupEpochs or annealEpochs, or train more epochs", warmupEpochs, annealEpochs,
                epochs);
        checkArgument(share * epochs > warmupEpochs + annealEpochs, "the %s warm-up and %s annealing epoch(s) on all"
                + " data already spend the budget of %s x %s epochs; lower warmupEpochs or annealEpochs, or raise the"
                + " budget", warmupEpochs, annealEpochs, share, epochs);
        checkArgument(reselectEvery >= 1, "reselectEvery must be at least 1, got %s", reselectEvery);
        checkArgument(dropHardest >= 0 && dropHardest < 1, "dropHardest must be in [0, 1), got %s", dropHardest);
        this.share = share;
        this.epochs = epochs;
        this.warmupEpochs = warmupEpochs;
        this.reselectEvery = reselectEvery;
        this.dropHardest = dropHardest;
        this.annealSetting = annealSetting;
        this.keptBy = keptBy;
        checkArgument(keptBy == null || dropHardest == 0, "dropHardest applies to the default rule only; with"
                + " keptBy(...) the rule decides what to leave out");
        checkArgument(keptShare() + dropHardest <= 1 + 1e-12, "keeping %s per epoch and dropping the hardest %s"
                + " needs more than all examples; lower dropHardest", keptShare(), dropHardest);
    }

    /**
     * A budget of {@code share} x {@code epochs} full-data epochs, trained over {@code epochs} epochs.
     *
     * @param share the budget as a share of full data for the same epochs, in (0, 1]
     * @param epochs the epochs {@code fit} runs, at least 2
     */
    public static TrainingBudget of(double share, int epochs) {
        return new TrainingBudget(share, epochs, 1, 1, 0, AUTO);
    }

    /**
     * The same examples spent over {@code epochs} epochs instead: a budget of {@code share() x epochs()} full-data
     * epochs becomes {@code share() x epochs() / epochs} of {@code epochs} (0.5 of 10 spread over 15: the examples of
     * 5 epochs, 1/3 of 15), so each pruned epoch keeps a smaller share and the kept set is drawn more often. With the
     * class-adaptive rule on long-tailed data the rare classes, kept whole, are then seen more often: on
     * Fashion-MNIST and MNIST at ratio 100 spreading 0.5 of 10 over 15 epochs raised the worst class by 2-14 pp
     * over the same plan in 10 epochs; at ratio 10 it did not help (docs/BENCHMARKS.md, "The budget spread over more
     * epochs"; measured with the rule's stable draw, {@code ClassAdaptiveRule.stableWithinClass()}). Train
     * {@code fit(iterator, epochs())} with the new count. Other settings are kept.
     *
     * @param epochs the epochs {@code fit} runs, at least 2
     * @throws IllegalArgumentException if the examples do not cover the warm-up epochs at the new count
     */
    public TrainingBudget spreadOver(int epochs) {
        checkArgument(epochs >= 2, "a budget needs at least 2 epochs (a warm-up and a pruned one), got %s", epochs);
        double spread = share * this.epochs / epochs;
        checkArgument(spread <= 1, "the examples of %s x %s epochs are more than %s epochs on all data; spread"
                + " them over at least %s epochs", share, this.epochs, epochs, (int) Math.ceil(share * this.epochs));
        return new TrainingBudget(spread, epochs, warmupEpochs, reselectEvery, dropHardest, annealSetting, keptBy);
    }

    /** The same budget with this many warm-up epochs on all data (default 1). */
    public TrainingBudget warmupEpochs(int warmup) {
        return new TrainingBudget(share, epochs, warmup, reselectEvery, dropHardest, annealSetting, keptBy);
    }

    /** The same budget with the kept set re-selected every {@code k} epochs (default 1). */
    public TrainingBudget reselectEvery(int k) {
        return new TrainingBudget(share, epochs, warmupEpochs, k, dropHardest, annealSetting, keptBy);
    }

    /** The same budget leaving out the hardest {@code fraction} of the examples every time (default 0). */
    public TrainingBudget dropHardest(double fraction) {
        return new TrainingBudget(share, epochs, warmupEpochs, reselectEvery, fraction, annealSetting, keptBy);
    }

    /**
     * The same budget with its last {@code n} epochs on all data (InfoBatch's annealing; default 1 where the budget
     * leaves room for it after the warm-up, else 0, and 0 with {@link #keptBy}): the pruned epochs between warm-up and
     * annealing keep fewer examples to pay for them.
     */
    public TrainingBudget annealEpochs(int n) {
        checkArgument(n >= 0, "annealEpochs must be at least 0, got %s", n);
        return new TrainingBudget(share, epochs, warmupEpochs, reselectEvery, dropHardest, n, keptBy);
    }

    /** The budget's share of full data. */
    public double share() {
        return share;
    }

    /** The epochs {@code fit} runs. */
    public int epochs() {
        return epochs;
    }

    /** Warm-up epochs on all data. */
    public int warmupEpochs() {
        return warmupEpochs;
    }

    /** Last epochs on all data. */
    public int annealEpochs() {
        return annealing(annealSetting, share, epochs, warmupEpochs, keptBy != null);
    }

    private static int annealing(int setting, double share, int epochs, int warmupEpochs, boolean ownRule) {
        boolean room = warmupEpochs + 1 < epochs && share * epochs > warmupEpochs + 1 + 1e-9;
        return setting != AUTO ? setting : room && !ownRule ? 1 : 0;
    }

    /**
     * The share of the examples each pruned epoch keeps: (share x epochs - warm-up - annealing) / (epochs - warm-up
     * - annealing).
     */
    public double keptShare() {
        int full = warmupEpochs + annealEpochs();
        return Math.min(1, (share * epochs - full) / (epochs - full));
    }

    /**
     * The same plan keeping its {@link #keptShare()} with another rule, e.g. {@code ClassAdaptiveRule::keep} for
     * imbalanced classes (class quotas from the classes' scores) instead of the hardest share overall. Such a plan
     * has no last epoch on all data unless {@link #annealEpochs} asks for one: on long-tailed Fashion-MNIST and MNIST
     * a last epoch on all (imbalanced) data undid the class-adaptive rule's gains: 0.5-1.3 pp of balanced accuracy
     * and 0.2-6 pp of the worst class below full data on the validation sets, where the same plan without it did as
     * well as re-selection after two warm-ups (docs/BENCHMARKS.md, "The class-adaptive rule in a budget's plan";
     * measured with the rule's stable draw).
     *
     * @param ruleForShare the rule keeping a given share of the examples
     * @throws IllegalArgumentException if the plan drops the hardest share (the default rule's option)
     */
    public TrainingBudget keptBy(DoubleFunction<SelectionRule> ruleForShare) {
        requireNonNull(ruleForShare, "ruleForShare");
        return new TrainingBudget(share, epochs, warmupEpochs, reselectEvery, dropHardest, annealSetting,
                ruleForShare);
    }

    /**
     * The rule the plan applies: the hardest {@link #keptShare()} below the dropped top, or the rule of
     * {@link #keptBy} for that share.
     */
    public SelectionRule rule() {
        if (keptBy != null) {
            return requireNonNull(keptBy.apply(keptShare()), "keptBy returned no rule");
        }
        double hi = 1 - dropHardest;
        return ScoreRangeRule.quantiles(Math.max(0, hi - keptShare()), hi);
    }

    /** The pruning schedule the plan follows: re-selection every {@code reselectEvery} epochs after the warm-up. */
    public PruningSchedule schedule() {
        PruningSchedule reselect = ReselectSchedule.every(reselectEvery, warmupEpochs);
        return annealEpochs() == 0 ? reselect : new AnnealedSchedule(reselect, epochs, annealEpochs());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TrainingBudget{%.3f of %d epochs: %d warm-up, then %.4f kept, re-selected"
                + " every %d epoch(s)%s%s}", share, epochs, warmupEpochs, keptShare(), reselectEvery,
                annealEpochs() > 0 ? String.format(Locale.ROOT, ", the last %d on all data", annealEpochs()) : "",
                dropHardest > 0 ? String.format(Locale.ROOT, ", the hardest %.3f dropped", dropHardest) : "")
                + (keptBy != null ? " kept by " + rule().describe() : "");
    }
}
