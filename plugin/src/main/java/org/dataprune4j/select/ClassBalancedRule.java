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

    /** The rule applied within each class. */
    public SelectionRule perClass() {
        return perClass;
    }

    @Override
    public Selection select(double[] scores, int[] labels) {
        return select(scores, labels, Ranking.identity(scores.length));
    }

    /** {@link #select(double[], int[])} where position i holds example {@code exampleIds[i]}, whose tie keys rank ties. */
    Selection select(double[] scores, int[] labels, int[] exampleIds) {
        requireNonNull(exampleIds, "exampleIds");
        Ranking.checkInputs(scores, labels);
        checkArgument(exampleIds.length == scores.length, "%s ids for %s scores", exampleIds.length, scores.length);
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
            int[] classExampleIds = new int[counts[c]];
            double[] classScores = new double[counts[c]];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    ids[k] = i;
                    classExampleIds[k] = exampleIds[i];
                    classScores[k++] = scores[i];
                }
            }
            Selection inClass;
            try {
                // ranked with the examples' own ids, so that a class ranks its ties as the whole set would
                inClass = Ranking.selectWithIds(perClass, classScores, new int[counts[c]], classExampleIds);
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

    /** The same share of every class, the per-class rule for its {@code draw}-th application. */
    @Override
    public SelectionRule forDraw(int draw) {
        SelectionRule inner = perClass.forDraw(draw);
        return inner == perClass ? this : new ClassBalancedRule(inner);
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
