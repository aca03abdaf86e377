package org.dataprune4j.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dataprune4j.internal.OneHot;
import org.nd4j.linalg.dataset.DataSet;

/** The tuner's checks of its validation set, made when it is built. */
final class ValidationCheck {
    private ValidationCheck() {
    }

    /** Rejects a validation set that is empty, single-class, or shares examples with the training set. */
    static void check(DataSet train, DataSet validation) {
        if (validation == train) {
            throw new IllegalArgumentException("The validation set is the training set object; tune on held-out"
                    + " examples (split the training data, e.g. DataSet.splitTestAndTrain).");
        }
        if (validation.getFeatures() == null || validation.numExamples() == 0) {
            throw new IllegalArgumentException("The validation set is empty; give the tuner held-out examples.");
        }
        int[] classes = OneHot.classIndices(validation.getLabels(), r -> r);
        if (Arrays.stream(classes).distinct().count() < 2) {
            throw new IllegalArgumentException("The validation set holds a single class (" + classes[0] + "); an"
                    + " accuracy or loss on it cannot rank ranges. Use a validation set with every class.");
        }
        int d = (int) (train.getFeatures().length() / train.numExamples());
        float[] trainRows = train.getFeatures().dup('c').data().asFloat();
        Map<Integer, List<Integer>> byHash = new HashMap<>();
        for (int i = 0; i < train.numExamples(); i++) {
            byHash.computeIfAbsent(Arrays.hashCode(Arrays.copyOfRange(trainRows, i * d, (i + 1) * d)),
                    h -> new ArrayList<>()).add(i);
        }
        float[] validRows = validation.getFeatures().dup('c').data().asFloat();
        int shared = 0;
        int first = -1;
        for (int v = 0; v < validation.numExamples(); v++) {
            float[] row = Arrays.copyOfRange(validRows, v * d, (v + 1) * d);
            for (int t : byHash.getOrDefault(Arrays.hashCode(row), List.of())) {
                if (Arrays.equals(row, Arrays.copyOfRange(trainRows, t * d, (t + 1) * d))) {
                    shared++;
                    first = first < 0 ? v : first;
                    break;
                }
            }
        }
        if (shared > 0) {
            throw new IllegalArgumentException(shared + " validation examples are also in the training set (the"
                    + " first is validation row " + first + "); the tuned range would be judged on data it trained"
                    + " on. Split the data so that the two sets are disjoint.");
        }
    }
}
