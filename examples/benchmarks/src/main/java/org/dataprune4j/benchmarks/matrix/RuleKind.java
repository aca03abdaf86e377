package org.dataprune4j.benchmarks.matrix;

/** The selection rules the matrix compares, plus the full-data baseline. */
public enum RuleKind {
    /** No pruning: every example, every epoch. */
    FULL_DATA("full data"),
    /** A [lo, hi] range tuned on a validation split with {@code RangeTuner}, within the kept budget. */
    TUNED_RANGE("tuned range"),
    /** The highest-scoring fraction. */
    KEEP_HARDEST("keep hardest"),
    /** The lowest-scoring fraction. */
    KEEP_EASIEST("keep easiest"),
    /** A random fraction, ignoring scores. */
    RANDOM("random");

    private final String label;

    RuleKind(String label) {
        this.label = label;
    }

    /** A readable name for tables and chart legends. */
    public String label() {
        return label;
    }
}
