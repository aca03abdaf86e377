package org.dataprune4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** One working copy restored per candidate must train exactly as that candidate's own copy would. */
class ModelStateTest {
    private static final DataSet DATA = TestData.blobs(3, 40, 4, 3);
    private static final DataSet OTHER = TestData.blobs(3, 40, 4, 4);

    @Test
    void aRestoredNetworkContinuesExactlyLikeTheOriginal() {
        MultiLayerNetwork original = TestData.mlp(5, 8, 3, 1);
        original.fit(DATA);
        original.fit(DATA);
        MultiLayerNetwork work = original.clone();
        ModelState snapshot = ModelState.of(original);

        work.fit(OTHER);                       // another candidate's training moves the working copy
        assertNotEquals(original.params(), work.params());
        snapshot.restoreInto(work);
        assertEquals(original.params(), work.params());
        assertEquals(original.getIterationCount(), work.getIterationCount());

        original.fit(DATA);                    // Adam's moments and bias correction must match too
        work.fit(DATA);
        assertEquals(original.params(), work.params());
        assertEquals(original.getUpdater().getStateViewArray(), work.getUpdater().getStateViewArray());
    }

    @Test
    void aRestoredGraphContinuesExactlyLikeTheOriginal() {
        ComputationGraph original = graph();
        original.fit(DATA);
        ComputationGraph work = new ComputationGraph(original.getConfiguration().clone());
        work.init(original.params().dup(), true);
        ModelState snapshot = ModelState.of(original);

        work.fit(OTHER);
        snapshot.restoreInto(work);
        assertEquals(original.params(), work.params());
        assertEquals(original.getIterationCount(), work.getIterationCount());

        original.fit(DATA);
        work.fit(DATA);
        assertEquals(original.params(), work.params());
    }

    @Test
    void aGraphsCopyTrainsOnFromTheOriginalsIteration() {
        ComputationGraph original = graph();
        original.fit(DATA);
        original.fit(DATA);
        ComputationGraph copy = (ComputationGraph) ModelState.copyOf(original);
        assertEquals(2, original.getIterationCount());
        assertEquals(original.getIterationCount(), copy.getIterationCount(), "a schedule and Adam read it");
        assertEquals(original.getEpochCount(), copy.getEpochCount());
        original.fit(DATA);
        copy.fit(DATA);
        assertEquals(original.params(), copy.params());
    }

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
