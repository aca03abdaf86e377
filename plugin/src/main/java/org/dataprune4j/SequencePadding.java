package org.dataprune4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Brings batches of sequences ([examples, features, steps]) of different lengths to one length before they are
 * stacked into a batch: each is padded at the end with zeros, which its features mask marks as absent, as DL4J's
 * {@code SequenceRecordReaderDataSetIterator} pads with {@code ALIGN_START}. A network is causal in time up to
 * its last real step, so padding at the end does not change what {@code LastTimeStep} or a masked
 * {@code GlobalPoolingLayer} sees.
 */
final class SequencePadding {
    private SequencePadding() {
    }

    /** The parts, the shorter ones padded to the longest with a features mask; the parts themselves if equal. */
    static List<DataSet> toLongest(List<DataSet> parts) {
        if (parts.isEmpty() || parts.get(0).getFeatures().rank() != 3) {
            return parts;
        }
        long longest = 0;
        boolean equal = true;
        for (DataSet part : parts) {
            long steps = part.getFeatures().size(2);
            equal &= longest == 0 || steps == longest;
            longest = Math.max(longest, steps);
        }
        if (equal) {
            return parts;
        }
        List<DataSet> padded = new ArrayList<>(parts.size());
        for (DataSet part : parts) {
            INDArray features = part.getFeatures();
            long rows = features.size(0);
            long steps = features.size(2);
            INDArray mask = part.getFeaturesMaskArray() != null ? part.getFeaturesMaskArray()
                    : Nd4j.ones(features.dataType(), rows, steps);
            if (steps < longest) {
                INDArray longFeatures = Nd4j.zeros(features.dataType(), rows, features.size(1), longest);
                longFeatures.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, steps))
                        .assign(features);
                INDArray longMask = Nd4j.zeros(mask.dataType(), rows, longest);
                longMask.get(NDArrayIndex.all(), NDArrayIndex.interval(0, steps)).assign(mask);
                features = longFeatures;
                mask = longMask;
            }
            padded.add(new DataSet(features, part.getLabels(), mask, part.getLabelsMaskArray()));
        }
        return padded;
    }
}
