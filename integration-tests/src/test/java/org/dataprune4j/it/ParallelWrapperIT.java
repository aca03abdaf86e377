package org.dataprune4j.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's ParallelWrapper trains copies of the model on worker threads, which never call the listener added to the
 * model: a user who wraps a pruned run in it gets an error that names ParallelWrapper as not supported and says
 * what to use instead (issue 25), not one that says the listener was never added.
 */
class ParallelWrapperIT {

    @Test
    void parallelWrapperOnAPruningIteratorIsNamedAsNotSupported() {
        Nd4j.getRandom().setSeed(5);
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, 64, 4), Nd4j.eye(4).repeat(0, 16));
        PruningIterator it = PruningIterator.builder(data, 8).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).build());
        ParallelWrapper wrapper = new ParallelWrapper.Builder<>(net).workers(2).prefetchBuffer(2)
                .averagingFrequency(1).build();
        Throwable e = assertThrows(Throwable.class, () -> {
            try {
                wrapper.fit(it);
            } finally {
                wrapper.shutdown();
            }
        });
        while (e.getCause() != null && !(e instanceof IllegalStateException)) {
            e = e.getCause();
        }
        assertTrue(e.getMessage().contains("ParallelWrapper is training on this iterator. It is not supported"),
                e.getMessage());
        assertTrue(e.getMessage().contains("SparkPruningTrainer"), e.getMessage());
    }
}
