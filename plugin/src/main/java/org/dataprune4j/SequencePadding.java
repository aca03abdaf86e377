package org.dataprune4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Brings batches of sequences of different lengths to one length before they are stacked into a batch: features
 * {@code [examples, channels, steps]}, or {@code [examples, steps]} token ids with a features mask (an
 * {@code EmbeddingSequenceLayer}'s input). Each is padded at the end with zeros, which its features mask marks as
 * absent, as DL4J's {@code SequenceRecordReaderDataSetIterator} pads with {@code ALIGN_START}. A recurrent network is
 * causal in time, so padding at the end changes nothing {@code LastTimeStep} or a masked
 * {@code GlobalPoolingLayer} sees.
 */
final class SequencePadding {
    private SequencePadding() {
    }

    /**
     * The parts, the shorter ones padded to the longest with a features mask; the parts themselves if they have one
     * length (or are not sequences).
     *
     * @throws IllegalStateException if the parts' features differ in shape other than in their number of steps
     */
    static List<DataSet> toLongest(List<DataSet> parts) {
        if (parts.size() < 2 || sameShapes(parts)) {
            return parts;
        }
        INDArray first = parts.get(0).getFeatures();
        boolean tokens = first.rank() == 2 && parts.stream().anyMatch(p -> p.getFeaturesMaskArray() != null);
        if (first.rank() != 3 && !tokens) {
            throw shapesDiffer(parts);
        }
        int time = first.rank() - 1;
        long[] firstShape = first.shape();
        long longest = 0;
        for (DataSet part : parts) {
            long[] shape = part.getFeatures().shape();
            if (shape.length != firstShape.length) {
                throw shapesDiffer(parts);
            }
            for (int d = 1; d < time; d++) {
                if (shape[d] != firstShape[d]) {
                    throw shapesDiffer(parts);
                }
            }
            longest = Math.max(longest, shape[time]);
        }
        List<DataSet> padded = new ArrayList<>(parts.size());
        for (DataSet part : parts) {
            INDArray features = part.getFeatures();
            long rows = features.size(0);
            long steps = features.size(time);
            INDArray mask = part.getFeaturesMaskArray() != null ? part.getFeaturesMaskArray()
                    : Nd4j.ones(features.dataType(), rows, steps);
            if (steps < longest) {
                long[] shape = features.shape().clone();
                shape[time] = longest;
                INDArray longFeatures = Nd4j.zeros(features.dataType(), shape);
                INDArrayIndex[] head = new INDArrayIndex[features.rank()];
                Arrays.fill(head, NDArrayIndex.all());
                head[time] = NDArrayIndex.interval(0, steps);
                longFeatures.get(head).assign(features);
                INDArray longMask = Nd4j.zeros(mask.dataType(), rows, longest);
                longMask.get(NDArrayIndex.all(), NDArrayIndex.interval(0, steps)).assign(mask);
                features = longFeatures;
                mask = longMask;
            }
            padded.add(new DataSet(features, part.getLabels(), mask, part.getLabelsMaskArray()));
        }
        return padded;
    }

    private static boolean sameShapes(List<DataSet> parts) {
        long[] first = parts.get(0).getFeatures().shape();
        for (DataSet part : parts) {
            long[] shape = part.getFeatures().shape();
            if (shape.length != first.length) {
                return false;
            }
            for (int d = 1; d < shape.length; d++) {
                if (shape[d] != first[d]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static IllegalStateException shapesDiffer(List<DataSet> parts) {
        List<String> shapes = new ArrayList<>();
        for (DataSet part : parts) {
            shapes.add(Arrays.toString(part.getFeatures().shape()));
        }
        return new IllegalStateException("The source iterator's batches have features of different shapes " + shapes
                + ", so their examples cannot be served in one batch. Only sequences may differ, in their number"
                + " of steps: [examples, channels, steps], or [examples, steps] token ids with a features mask."
                + " Give every example the same shape (resize images, pad sequences with a features mask).");
    }
}
