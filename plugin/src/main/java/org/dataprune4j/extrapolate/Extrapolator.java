package org.dataprune4j.extrapolate;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predicts every example's score from the scores of some, in an embedding space: {@link KnnExtrapolator} (the mean of
 * the nearest scored neighbours) or {@link GraphExtrapolator} (a graph network over the neighbour graph).
 */
public interface Extrapolator {

    /**
     * Predicts every example's score.
     *
     * @param embeddings {@code [n, d]} embeddings of all examples, finite
     * @param labels the class index of every example
     * @param numClasses the number of classes
     * @param scoredIds ids (rows) of the examples that have a score, distinct
     * @param scoredValues their scores, finite
     * @return n scores: the given ones for scored ids, predictions for the others
     */
    double[] extrapolate(INDArray embeddings, int[] labels, int numClasses, int[] scoredIds, double[] scoredValues);

    /**
     * Predicts several scores of the same scored examples; the default predicts each in turn, a graph network builds
     * its neighbour graph once.
     */
    default List<double[]> extrapolateEach(INDArray embeddings, int[] labels, int numClasses, int[] scoredIds,
                                           List<double[]> scoredValues) {
        List<double[]> out = new ArrayList<>();
        for (double[] values : scoredValues) {
            out.add(extrapolate(embeddings, labels, numClasses, scoredIds, values));
        }
        return out;
    }

    /** For logs and reports, e.g. {@code kNN mean of 10 scored neighbours}. */
    String describe();
}
