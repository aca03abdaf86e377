package org.dataprune4j;

import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.loss.BatchWeights;
import org.dataprune4j.loss.WeightedLoss;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Stands a {@link WeightedLoss} in for the output layer's own loss while an epoch trains loss-weighted examples, and
 * puts the own loss back at the epoch's end, so that a model saved between epochs carries it.
 */
final class OutputLossSwap {
    /** The output layer's own loss while a {@link WeightedLoss} stands in for it, else null. */
    private ILossFunction replaced;

    /** Installs the weighted loss, reading each batch's weights from {@code weights}; a second call keeps it. */
    void weightEpoch(TrainedModel m, BatchWeights weights) {
        if (replaced == null) {
            BaseOutputLayer out = m.outputLayerConfiguration();
            ILossFunction own = out.getLossFn();
            replaced = own instanceof WeightedLoss w ? w.inner() : own;
            out.setLossFn(new WeightedLoss(replaced, weights));
        }
    }

    /** Puts the output layer's own loss back, if a weighted loss stands in for it. */
    void restore(TrainedModel m) {
        if (replaced != null) {
            m.outputLayerConfiguration().setLossFn(replaced);
            replaced = null;
        }
    }
}
