package org.dataprune4j;

import java.util.Arrays;
import org.dataprune4j.internal.OffHeap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a label per time step ({@code [examples, classes, steps]} with a labels mask, as DataVec's
 * {@code SequenceRecordReaderDataSetIterator} makes for sequence classification) into one label per sequence
 * ({@code [examples, classes]}): the label of each sequence's last labelled step. Set it on the <em>source</em>
 * iterator, before the {@code PruningIterator} reads it, and end the network in {@code LastTimeStep} (or masked
 * global pooling) and a softmax {@code OutputLayer} instead of an {@code RnnOutputLayer}:
 *
 * <pre>{@code
 * SequenceRecordReaderDataSetIterator source = new SequenceRecordReaderDataSetIterator(features, labels, 32,
 *         numClasses, false, SequenceRecordReaderDataSetIterator.AlignmentMode.ALIGN_END);
 * source.setPreProcessor(SequenceLabels.lastStep());
 * PruningIterator train = PruningIterator.builder(source).build();
 * }</pre>
 *
 * <p>A sequence whose labelled steps name different classes is rejected (an example is kept or pruned whole, by
 * one class), as is one with no labelled step. Labels that are already one per sequence pass unchanged.
 */
public final class SequenceLabels implements DataSetPreProcessor {
    private static final long serialVersionUID = 1L;

    private SequenceLabels() {
    }

    /** The label of each sequence's last labelled step (labels mask 1; the last step where there is no mask). */
    public static SequenceLabels lastStep() {
        return new SequenceLabels();
    }

    @Override
    public void preProcess(DataSet data) {
        INDArray labels = data.getLabels();
        if (labels == null || labels.rank() != 3) {
            return;
        }
        int examples = (int) labels.size(0);
        int classes = (int) labels.size(1);
        int steps = (int) labels.size(2);
        INDArray mask = data.getLabelsMaskArray();
        float[] values = OffHeap.toFloats(labels);
        float[] masks = mask == null ? null : OffHeap.toFloats(mask);
        float[] perSequence = new float[examples * classes];
        for (int e = 0; e < examples; e++) {
            float[] chosen = null;
            int chosenStep = -1;
            for (int t = 0; t < steps; t++) {
                if (masks != null && masks[e * steps + t] == 0f) {
                    continue;
                }
                float[] atStep = new float[classes];
                for (int c = 0; c < classes; c++) {
                    atStep[c] = values[(e * classes + c) * steps + t];
                }
                if (chosen != null && !Arrays.equals(chosen, atStep)) {
                    throw new IllegalArgumentException("Sequence " + e + " of this batch is labelled "
                            + Arrays.toString(chosen) + " at step " + chosenStep + " and " + Arrays.toString(atStep)
                            + " at step " + t + ": its label changes over time. DataPrune4J keeps or prunes a"
                            + " sequence whole, by one class; SequenceLabels.lastStep() is for sequence"
                            + " classification (one class per sequence, e.g. DataVec's ALIGN_END with one label"
                            + " line per sequence).");
                }
                chosen = atStep;
                chosenStep = t;
            }
            if (chosen == null) {
                throw new IllegalArgumentException("Sequence " + e + " of this batch has no labelled step (its labels"
                        + " mask is all 0), so it has no class to be scored by; remove it from the data.");
            }
            System.arraycopy(chosen, 0, perSequence, e * classes, classes);
        }
        data.setLabels(Nd4j.create(perSequence, new long[] {examples, classes}, 'c').castTo(labels.dataType()));
        data.setLabelsMaskArray(null);
    }

    @Override
    public String toString() {
        return "SequenceLabels.lastStep()";
    }
}
