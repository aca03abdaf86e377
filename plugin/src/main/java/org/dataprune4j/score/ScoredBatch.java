package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import org.dataprune4j.internal.OneHot;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward-pass results of one batch, as the scorers need them: for each example its id, its softmax
 * output, its one-hot label and the squared L2 norm of the input to the output layer.
 *
 * <p>Immutable. Build it from logits with {@link #ofLogits} (what the listener does) or from probabilities
 * with {@link #ofProbabilities} (what tests do). Construction checks that labels are one-hot and that
 * outputs are finite.
 */
public final class ScoredBatch {
    /** DL4J's LossMCXENT default softmaxClipEps. */
    private static final double LOSS_CLIP = 1e-10;

    private final int[] ids;
    private final double[][] probabilities;
    private final int[] labels;
    private final double[] penultimateSquaredNorms;
    private final double[] residualNorms;
    private final int[] predicted;

    private ScoredBatch(int[] ids, double[][] probabilities, int[] labels, double[] penultimateSquaredNorms) {
        this.ids = ids;
        this.probabilities = probabilities;
        this.labels = labels;
        this.penultimateSquaredNorms = penultimateSquaredNorms;
        this.residualNorms = new double[ids.length];
        this.predicted = new int[ids.length];
        for (int r = 0; r < ids.length; r++) {
            double[] p = probabilities[r];
            double sum = 0;
            int best = 0;
            for (int c = 0; c < p.length; c++) {
                double d = p[c] - (c == labels[r] ? 1.0 : 0.0);
                sum += d * d;
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            residualNorms[r] = Math.sqrt(sum);
            predicted[r] = best;
        }
    }

    /**
     * A batch from output-layer logits (pre-softmax), as seen in a forward pass.
     *
     * @param ids example ids, one per row
     * @param logits {@code [batch, classes]} pre-softmax outputs
     * @param oneHotLabels {@code [batch, classes]} one-hot labels
     * @param penultimate {@code [batch, features]} input of the output layer, or null when no scorer needs it
     * @throws IllegalArgumentException if shapes disagree or a label row is not one-hot
     * @throws TrainingDivergedException if a logit is NaN or infinite
     */
    public static ScoredBatch ofLogits(int[] ids, INDArray logits, INDArray oneHotLabels, INDArray penultimate) {
        return fromArrays(ids, logits, true, oneHotLabels, penultimate);
    }

    /**
     * A batch from output-layer logits (pre-softmax) and the class index of each row, as the listener sees a
     * training pass (the labels come from the iterator's record of the served batch).
     *
     * @param ids example ids, one per row
     * @param logits {@code [batch, classes]} pre-softmax outputs
     * @param labels the class index of each row
     * @throws IllegalArgumentException if shapes disagree or a label is outside the classes
     * @throws TrainingDivergedException if a logit is NaN or infinite
     */
    public static ScoredBatch ofLogits(int[] ids, INDArray logits, int[] labels) {
        return withLabels(ids, logits, true, labels);
    }

    /**
     * A batch from softmax outputs and the class index of each row (no one-hot array to build and read back).
     *
     * @param ids example ids, one per row
     * @param probabilities {@code [batch, classes]} softmax outputs
     * @param labels the class index of each row
     * @throws IllegalArgumentException if shapes disagree or a label is outside the classes
     * @throws TrainingDivergedException if an output is NaN or infinite
     */
    public static ScoredBatch ofOutputs(int[] ids, INDArray probabilities, int[] labels) {
        return withLabels(ids, probabilities, false, labels);
    }

    private static ScoredBatch withLabels(int[] ids, INDArray outputs, boolean logits, int[] labels) {
        requireNonNull(labels, "labels");
        double[][] p = rows(ids, outputs, logits);
        checkArgument(labels.length == ids.length, "%s labels for %s ids", labels.length, ids.length);
        for (int r = 0; r < p.length; r++) {
            checkArgument(labels[r] >= 0 && labels[r] < p[r].length,
                    "label %s of example %s is outside [0, %s)", labels[r], ids[r], p[r].length);
        }
        return new ScoredBatch(ids.clone(), p, labels.clone(), null);
    }

    /**
     * A batch from softmax outputs, as {@code MultiLayerNetwork.output} returns them.
     *
     * @param ids example ids, one per row
     * @param probabilities {@code [batch, classes]} softmax outputs
     * @param oneHotLabels {@code [batch, classes]} one-hot labels
     * @throws IllegalArgumentException if shapes disagree or a label row is not one-hot
     * @throws TrainingDivergedException if an output is NaN or infinite
     */
    public static ScoredBatch ofOutputs(int[] ids, INDArray probabilities, INDArray oneHotLabels) {
        return fromArrays(ids, probabilities, false, oneHotLabels, null);
    }

    private static ScoredBatch fromArrays(int[] ids, INDArray outputs, boolean logits, INDArray oneHotLabels,
                                          INDArray penultimate) {
        requireNonNull(oneHotLabels, "oneHotLabels");
        double[][] p = rows(ids, outputs, logits);
        double[] squaredNorms = null;
        if (penultimate != null) {
            INDArray h = penultimate.rank() == 2 ? penultimate : penultimate.reshape('c', penultimate.size(0), -1);
            checkArgument(h.rows() == ids.length, "penultimate activations have %s rows for %s ids",
                    h.rows(), ids.length);
            double[] norms = h.norm2(1).toDoubleVector();
            squaredNorms = new double[norms.length];
            for (int i = 0; i < norms.length; i++) {
                squaredNorms[i] = norms[i] * norms[i];
            }
        }
        return new ScoredBatch(ids.clone(), p, labelIndices(ids, oneHotLabels), squaredNorms);
    }

    /** The rows of a {@code [batch, classes]} output as probabilities (softmax applied to logits), checked finite. */
    private static double[][] rows(int[] ids, INDArray outputs, boolean logits) {
        requireNonNull(ids, "ids");
        requireNonNull(outputs, "outputs");
        checkArgument(outputs.rank() == 2 && outputs.rows() == ids.length,
                "outputs must be [batch=%s, classes], got shape %s", ids.length, Arrays.toString(outputs.shape()));
        int classes = (int) outputs.size(1);
        double[] flat = OneHot.flatten(outputs);
        double[][] p = new double[ids.length][];
        for (int r = 0; r < p.length; r++) {
            p[r] = Arrays.copyOfRange(flat, r * classes, (r + 1) * classes);
            checkFinite(p[r], ids[r]);
            if (logits) {
                softmaxInPlace(p[r]);
            }
        }
        return p;
    }

    /**
     * A batch from softmax probabilities and class indices.
     *
     * @param ids example ids, one per row
     * @param probabilities softmax outputs, one row per example
     * @param labels the class index of each example
     * @param penultimateSquaredNorms squared L2 norm of each example's output-layer input, or null
     */
    public static ScoredBatch ofProbabilities(int[] ids, double[][] probabilities, int[] labels,
                                              double[] penultimateSquaredNorms) {
        requireNonNull(ids, "ids");
        requireNonNull(probabilities, "probabilities");
        requireNonNull(labels, "labels");
        checkArgument(probabilities.length == ids.length && labels.length == ids.length,
                "ids (%s), probability rows (%s) and labels (%s) must have the same length",
                ids.length, probabilities.length, labels.length);
        checkArgument(penultimateSquaredNorms == null || penultimateSquaredNorms.length == ids.length,
                "penultimateSquaredNorms must have one entry per id");
        double[][] p = new double[probabilities.length][];
        for (int r = 0; r < p.length; r++) {
            p[r] = probabilities[r].clone();
            checkFinite(p[r], ids[r]);
            checkArgument(labels[r] >= 0 && labels[r] < p[r].length,
                    "label %s of example %s is outside [0, %s)", labels[r], ids[r], p[r].length);
        }
        return new ScoredBatch(ids.clone(), p, labels.clone(),
                penultimateSquaredNorms == null ? null : penultimateSquaredNorms.clone());
    }

    private static int[] labelIndices(int[] ids, INDArray oneHotLabels) {
        checkArgument(oneHotLabels.rank() == 2 && oneHotLabels.rows() == ids.length,
                "labels must be [batch=%s, classes], got shape %s", ids.length,
                Arrays.toString(oneHotLabels.shape()));
        return OneHot.classIndices(oneHotLabels, r -> ids[r]);
    }

    private static void softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
    }

    private static void checkFinite(double[] values, int id) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new TrainingDivergedException("The network's output for example " + id + " is " + v
                        + ": training diverged, so it cannot be scored. Lower the learning rate, check the"
                        + " features for NaN, or normalise them, then train again.");
            }
        }
    }

    /**
     * The rows of this batch whose ids belong to a subset, renumbered to their positions in it.
     *
     * @param positionOfId for every id, its position in the subset, or -1 if it is not in the subset
     * @return a batch of the subset's rows (possibly empty), ids replaced by positions
     */
    public ScoredBatch restrictTo(int[] positionOfId) {
        requireNonNull(positionOfId, "positionOfId");
        int count = 0;
        for (int id : ids) {
            if (positionOfId[id] >= 0) {
                count++;
            }
        }
        int[] subIds = new int[count];
        double[][] p = new double[count][];
        int[] subLabels = new int[count];
        double[] norms = penultimateSquaredNorms == null ? null : new double[count];
        int j = 0;
        for (int r = 0; r < ids.length; r++) {
            int position = positionOfId[ids[r]];
            if (position >= 0) {
                subIds[j] = position;
                p[j] = probabilities[r];
                subLabels[j] = labels[r];
                if (norms != null) {
                    norms[j] = penultimateSquaredNorms[r];
                }
                j++;
            }
        }
        return new ScoredBatch(subIds, p, subLabels, norms);
    }

    /** Number of examples in this batch. */
    public int size() {
        return ids.length;
    }

    /** Number of classes of the outputs (0 for an empty batch). */
    public int numClasses() {
        return ids.length == 0 ? 0 : probabilities[0].length;
    }

    /** The id of the example in row {@code row}. */
    public int id(int row) {
        return ids[row];
    }

    /** The class index of the example in row {@code row}. */
    public int label(int row) {
        return labels[row];
    }

    /** The class the network predicts (argmax of the softmax output) for row {@code row}. */
    public int predicted(int row) {
        return predicted[row];
    }

    /** Whether the prediction for row {@code row} equals its label. */
    public boolean correct(int row) {
        return predicted[row] == labels[row];
    }

    /** The softmax probability of class {@code c} for row {@code row}. */
    public double probability(int row, int c) {
        return probabilities[row][c];
    }

    /**
     * The cross-entropy loss of row {@code row}, -ln p(label), with p clipped at 1e-10 as DL4J's MCXENT clips it.
     */
    public double crossEntropy(int row) {
        return -Math.log(Math.max(probabilities[row][labels[row]], LOSS_CLIP));
    }

    /** The EL2N score of row {@code row}: ||p - y||_2. */
    public double residualNorm(int row) {
        return residualNorms[row];
    }

    /**
     * The squared L2 norm of the output layer's input for row {@code row}.
     *
     * @throws IllegalStateException if the batch was built without penultimate activations
     */
    public double penultimateSquaredNorm(int row) {
        if (penultimateSquaredNorms == null) {
            throw new IllegalStateException("This batch was built without penultimate activations; "
                    + "pass them to ScoredBatch.ofLogits to score GraNd");
        }
        return penultimateSquaredNorms[row];
    }
}
