package org.dataprune4j.select;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Applies another rule within each class separately, so every class keeps the same fraction of its
 * examples: use it when pruning by score would empty out easy classes.
 */
public final class ClassBalancedRule implements SelectionRule {
    /** How every description of a class-balanced rule starts (what a report reads to tell the rule's kind). */
    public static final String DESCRIPTION_PREFIX = "class-balanced ";

    private final SelectionRule perClass;

    private ClassBalancedRule(SelectionRule perClass) {
        this.perClass = requireNonNull(perClass, "perClass");
        checkArgument(!(perClass instanceof ClassBalancedRule), "the rule is already class-balanced");
    }

    /**
     * @param perClass the rule applied to each class's examples
     */
    public static ClassBalancedRule of(SelectionRule perClass) {
        return new ClassBalancedRule(perClass);
    }

    @Override
    public Selection select(double[] scores, int[] labels) {
        Ranking.checkInputs(scores, labels);
        int numClasses = 0;
        for (int label : labels) {
            checkArgument(label >= 0, "labels must be class indices >= 0, got %s", label);
            numClasses = Math.max(numClasses, label + 1);
        }
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        Decision[] decisions = new Decision[scores.length];
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] == 0) {
                continue;
            }
            int[] ids = new int[counts[c]];
            double[] classScores = new double[counts[c]];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    ids[k] = i;
                    classScores[k++] = scores[i];
                }
            }
            Selection inClass;
            try {
                inClass = perClass.select(classScores, new int[counts[c]]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("In class " + c + " (" + counts[c] + " examples): "
                        + e.getMessage(), e);
            }
            for (int j = 0; j < ids.length; j++) {
                decisions[ids[j]] = inClass.decision(j);
            }
        }
        return new Selection(decisions, describe());
    }

    @Override
    public String describe() {
        return DESCRIPTION_PREFIX + perClass.describe();
    }

    @Override
    public String toString() {
        return "ClassBalancedRule{" + perClass + "}";
    }
}
