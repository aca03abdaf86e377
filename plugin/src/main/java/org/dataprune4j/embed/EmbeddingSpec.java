package org.dataprune4j.embed;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.dataprune4j.internal.OffHeap;
import org.dataprune4j.internal.TrainedModel;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Which network and layer embed the training examples for prototype distance and score extrapolation.
 *
 * <ul>
 *   <li>{@link #lastHiddenLayer()} (the listener's default): the model being trained, at the end of warm-up,
 *       the activations that enter its output layer (a network's or a graph's);</li>
 *   <li>{@link #trainedModelLayer(int)}: a {@code MultiLayerNetwork} being trained, the output of layer {@code i}
 *       (0-based, as in {@code MultiLayerNetwork.getLayer(i)});</li>
 *   <li>{@link #trainedModelVertex(String)}: a {@code ComputationGraph} being trained, the output of the named
 *       vertex (a layer or any other vertex, e.g. a merge);</li>
 *   <li>{@link #pretrained(MultiLayerNetwork, int)} and {@link #pretrained(ComputationGraph, String)}: a separate
 *       model the user trained before, e.g. an autoencoder or a network trained on related data.</li>
 * </ul>
 * Activations of convolutional layers are flattened to one row per example. Immutable.
 */
public final class EmbeddingSpec {
    private static final int LAST_HIDDEN = -1;

    private final TrainedModel pretrained;
    private final int layer;
    private final String vertex;

    private EmbeddingSpec(TrainedModel pretrained, int layer, String vertex) {
        this.pretrained = pretrained;
        this.layer = layer;
        this.vertex = vertex;
    }

    /** The input of the trained model's output layer (its last hidden activations). */
    public static EmbeddingSpec lastHiddenLayer() {
        return new EmbeddingSpec(null, LAST_HIDDEN, null);
    }

    /**
     * The output of layer {@code layer} of the {@code MultiLayerNetwork} being trained; checked against the model
     * when the listener binds to it.
     *
     * @param layer 0-based layer index
     */
    public static EmbeddingSpec trainedModelLayer(int layer) {
        checkArgument(layer >= 0, "the embedding layer index must be >= 0, got %s", layer);
        return new EmbeddingSpec(null, layer, null);
    }

    /**
     * The output of the named vertex of the {@code ComputationGraph} being trained; checked against the graph when
     * the listener binds to it.
     *
     * @param vertex a vertex name of the graph (a layer, a merge or element-wise vertex, ...), not its output
     */
    public static EmbeddingSpec trainedModelVertex(String vertex) {
        requireNonNull(vertex, "vertex");
        return new EmbeddingSpec(null, LAST_HIDDEN, vertex);
    }

    /**
     * The output of layer {@code layer} of a network trained beforehand; it is used for inference only.
     *
     * @param network an initialised network that accepts the training features
     * @param layer 0-based layer index in {@code network}
     * @throws IllegalArgumentException if the layer does not exist
     */
    public static EmbeddingSpec pretrained(MultiLayerNetwork network, int layer) {
        TrainedModel model = TrainedModel.forInference(requireNonNull(network, "network"));
        model.checkLayer(layer, "pretrained network");
        return new EmbeddingSpec(model, layer, null);
    }

    /**
     * The output of the named vertex of a graph trained beforehand (one input); it is used for inference only.
     *
     * @param graph an initialised graph that accepts the training features
     * @param vertex a vertex name in {@code graph}
     * @throws IllegalArgumentException if the vertex does not exist or the graph has several inputs
     */
    public static EmbeddingSpec pretrained(ComputationGraph graph, String vertex) {
        TrainedModel model = TrainedModel.forInference(requireNonNull(graph, "graph"));
        model.checkVertex(requireNonNull(vertex, "vertex"), "pretrained graph");
        return new EmbeddingSpec(model, LAST_HIDDEN, vertex);
    }

    /** Whether the embeddings come from a separate pretrained model. */
    public boolean usesPretrainedNetwork() {
        return pretrained != null;
    }

    /**
     * Checks the layer or vertex against the model being trained (a pretrained model was checked when this spec
     * was made).
     *
     * @throws IllegalArgumentException if the layer or vertex does not exist in it
     */
    public void check(TrainedModel trainedModel) {
        if (pretrained != null) {
            return;
        }
        if (vertex != null) {
            trainedModel.checkVertex(vertex, "trained graph");
        } else if (layer != LAST_HIDDEN) {
            trainedModel.checkLayer(layer, "trained network");
        }
    }

    /**
     * Embeds the rows of a data set, in order.
     *
     * @param trainedModel the model being trained, a {@code MultiLayerNetwork} or {@code ComputationGraph}
     *     (ignored for a pretrained spec)
     * @param data the examples
     * @param batchSize rows per inference batch
     * @return {@code [numExamples, d]} float matrix
     */
    public INDArray embed(Model trainedModel, DataSet data, int batchSize) {
        checkArgument(batchSize >= 1, "batchSize must be at least 1, got %s", batchSize);
        TrainedModel model = pretrained != null ? null : TrainedModel.forInference(requireNonNull(trainedModel,
                "trainedModel"));
        int n = data.numExamples();
        return embed(model, n, consumer -> {
            INDArray features = data.getFeatures();
            INDArrayIndex[] rows = new INDArrayIndex[features.rank()];
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                Arrays.fill(rows, NDArrayIndex.all());
                rows[0] = NDArrayIndex.interval(from, to);
                INDArray batch = features.get(rows).dup();
                INDArray mask = data.getFeaturesMaskArray() == null ? null
                        : data.getFeaturesMaskArray().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
                int[] ids = new int[to - from];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = from + i;
                }
                consumer.accept(ids, new DataSet(batch, null, mask, null));
                OffHeap.release(batch);
            }
        });
    }

    /**
     * Embeds every example of a pass, by id; what the listener calls at the swap.
     *
     * @param trainedModel the model being trained (ignored for a pretrained spec)
     * @param n number of example ids, 0 to n - 1; the pass must cover each
     * @param pass runs the given consumer over batches of (ids, data)
     * @return {@code [n, d]} float matrix, row = example id
     */
    public INDArray embed(TrainedModel trainedModel, int n, Consumer<BiConsumer<int[], DataSet>> pass) {
        TrainedModel model = pretrained != null ? pretrained : requireNonNull(trainedModel, "trainedModel");
        check(model);
        float[][] rows = new float[n][];
        int[] width = {-1};
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            pass.accept((ids, batch) -> {
                INDArray features = batch.getFeatures();
                INDArray act;
                try {
                    act = activations(model, features, batch.getFeaturesMaskArray());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("The " + (pretrained != null ? "pretrained" : "trained")
                            + " model could not embed features of shape " + Arrays.toString(features.shape())
                            + " at " + where() + ": " + e.getMessage() + ". The embedding model must accept the"
                            + " training features as they are served.", e);
                }
                INDArray flat = act.rank() == 2 ? act : act.reshape('c', act.size(0), -1);
                int d = (int) flat.columns();
                if (width[0] != -1 && d != width[0]) {
                    throw new IllegalArgumentException("The embedding at " + where() + " has " + d + " values an"
                            + " example in one batch and " + width[0] + " in another (activations of shape "
                            + Arrays.toString(act.shape()) + "): sequences of different lengths give a layer"
                            + " per time step a different size. Embed with a layer that gives one vector per"
                            + " example, e.g. after LastTimeStep or a GlobalPoolingLayer.");
                }
                width[0] = d;
                float[] values = OffHeap.toFloats(flat);
                for (int r = 0; r < ids.length; r++) {
                    rows[ids[r]] = Arrays.copyOfRange(values, r * d, (r + 1) * d);
                }
                if (act != features) {
                    OffHeap.release(act);
                }
            });
        }
        int d = width[0];
        float[] all = new float[Math.multiplyExact(n, Math.max(d, 0))];
        for (int id = 0; id < n; id++) {
            if (rows[id] == null) {
                throw new IllegalStateException("Example " + id + " was not embedded; the data source served "
                        + "fewer examples than it holds.");
            }
            System.arraycopy(rows[id], 0, all, id * d, d);
        }
        return Nd4j.create(all, new long[] {n, d}, 'c');
    }

    private INDArray activations(TrainedModel model, INDArray features, INDArray featuresMask) {
        if (vertex != null) {
            return model.vertexActivations(features, featuresMask, vertex);
        }
        if (layer != LAST_HIDDEN) {
            return model.layerActivations(features, featuresMask, layer);
        }
        return model.outputLayerInputForFeatures(features, featuresMask);
    }

    private String where() {
        return vertex != null ? "vertex \"" + vertex + "\"" : layer == LAST_HIDDEN ? "the last hidden layer"
                : "layer " + layer;
    }

    @Override
    public String toString() {
        return (pretrained != null ? "pretrained model, " : "trained model, ") + where();
    }
}
