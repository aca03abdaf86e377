package org.dataprune4j.select;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * The result of a selection rule: one {@link Decision} for every example id. Immutable; one byte per example.
 */
public final class Selection {
    private static final Decision[] DECISIONS = Decision.values();
    private static final byte KEPT = (byte) Decision.KEPT.ordinal();

    private final byte[] decisions;
    private final String rule;

    /**
     * @param decisions one decision per example id
     * @param rule the rule's description
     */
    public Selection(Decision[] decisions, String rule) {
        requireNonNull(decisions, "decisions");
        this.decisions = new byte[decisions.length];
        for (int i = 0; i < decisions.length; i++) {
            this.decisions[i] = (byte) requireNonNull(decisions[i], "decision of example " + i).ordinal();
        }
        this.rule = requireNonNull(rule, "rule");
    }

    /** Number of examples decided on. */
    public int size() {
        return decisions.length;
    }

    /** The decision for example {@code id}. */
    public Decision decision(int id) {
        return DECISIONS[decisions[id]];
    }

    /** Whether example {@code id} is kept. */
    public boolean isKept(int id) {
        return decisions[id] == KEPT;
    }

    /** Number of kept examples. */
    public int keptCount() {
        int kept = 0;
        for (byte d : decisions) {
            if (d == KEPT) {
                kept++;
            }
        }
        return kept;
    }

    /** The kept ids, ascending. */
    public int[] keptIds() {
        int[] ids = new int[keptCount()];
        int k = 0;
        for (int i = 0; i < decisions.length; i++) {
            if (decisions[i] == KEPT) {
                ids[k++] = i;
            }
        }
        return ids;
    }

    /** The description of the rule that made this selection. */
    public String rule() {
        return rule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selection other && Arrays.equals(decisions, other.decisions) && rule.equals(other.rule);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(decisions) + rule.hashCode();
    }

    @Override
    public String toString() {
        return "Selection{" + rule + ": kept " + keptCount() + " of " + size() + "}";
    }
}
