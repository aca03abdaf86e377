package org.dataprune4j.score;

/**
 * The scores DataPrune4J computes, each higher for a harder (or more important) example.
 */
public enum ScoreKind {
    /** Error L2 norm, ||softmax(output) - onehot(label)||_2 (Paul et al. 2021). */
    EL2N("el2n"),
    /** Gradient norm of the per-example loss at initialisation, averaged over fresh initialisations. */
    GRAND("grand"),
    /** Forgetting events: correct-to-incorrect transitions between presentations (Toneva et al. 2019). */
    FORGETTING("forgetting"),
    /**
     * Prototype distance, label-free: distance of the example's embedding to the nearest k-means centroid
     * (Sorscher et al. 2022). Far from every prototype = hard.
     */
    PROTOTYPE("prototype"),
    /** Prototype distance, class-aligned: distance to the nearest centroid of the example's own class. */
    PROTOTYPE_CLASS("prototype_class"),
    /**
     * The example's cross-entropy loss, -ln p(label), from its latest training pass: the score InfoBatch
     * (Qin et al. 2024) prunes by.
     */
    LOSS("loss"),
    /**
     * Dynamic Uncertainty (He et al. 2024): the spread of p(label) over sliding windows of epochs, averaged; from the
     * training passes, over a {@link DynamicsWindow}. High = the prediction still moves.
     */
    DYNAMIC_UNCERTAINTY("dynamic_uncertainty"),
    /**
     * TDDS (Zhang et al. 2024): the spread of each epoch's change of the predicted distribution within sliding
     * windows, accumulated by a moving average; from the training passes, over a {@link DynamicsWindow}.
     */
    TDDS("tdds"),
    /**
     * DUAL (Cho et al. 2025): per window, the spread of p(label) times 1 - its mean (uncertain and difficult),
     * averaged; from the training passes of early epochs, over a {@link DynamicsWindow}.
     */
    DUAL("dual"),
    /**
     * 1 - the mean p(label) over an example's training passes: DUAL's difficulty term, what its Beta sampling
     * ({@code DualSamplingSchedule}) centres on.
     */
    DIFFICULTY("difficulty");

    private final String columnName;

    ScoreKind(String columnName) {
        this.columnName = columnName;
    }

    /** The lower-case name used as a CSV column and in logs. */
    public String columnName() {
        return columnName;
    }
}
