package org.dataprune4j.embed;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.dataprune4j.iterator.PruningIterator;
import org.dataprune4j.score.OffHeap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
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
 *       the activations that enter its output layer;</li>
 *   <li>{@link #trainedModelLayer(int)}: the model being trained, the output of layer {@code i} (0-based, as in
 *       {@code MultiLayerNetwork.getLayer(i)});</li>
 *   <li>{@link #pretrained(MultiLayerNetwork, int)}: a separate network the user trained before, e.g. an
 *       autoencoder or a network trained on related data; its layer {@code i}.</li>
 * </ul>
 * Activations of convolutional layers are flattened to one row per example. Immutable.
 */
public final class EmbeddingSpec {
    private static final int LAST_HIDDEN = -1;

    private final MultiLayerNetwork pretrained;
    private final int layer;

    private EmbeddingSpec(MultiLayerNetwork pretrained, int layer) {
        this.pretrained = pretrained;
        this.layer = layer;
    }

    /** The input of the trained model's output layer (its last hidden layer's activations). */
    public static EmbeddingSpec lastHiddenLayer() {
        return new EmbeddingSpec(null, LAST_HIDDEN);
    }

    /**
     * The output of layer {@code layer} of the model being trained; checked against the model when the listener
     * binds to it.
     *
     * @param layer 0-based layer index
     */
    public static EmbeddingSpec trainedModelLayer(int layer) {
        checkArgument(layer >= 0, "the embedding layer index must be >= 0, got %s", layer);
        return new EmbeddingSpec(null, layer);
    }

    /**
     * The output of layer {@code layer} of a network trained beforehand; it is used for inference only.
     *
     * @param network an initialised network that accepts the training features
     * @param layer 0-based layer index in {@code network}
     * @throws IllegalArgumentException if the layer does not exist
     */
    public static EmbeddingSpec pretrained(MultiLayerNetwork network, int layer) {
        requireNonNull(network, "network");
        checkLayer(network, layer, "pretrained network");
        return new EmbeddingSpec(network, layer);
    }

    /** Whether the embeddings come from a separate pretrained network. */
    public boolean usesPretrainedNetwork() {
        return pretrained != null;
    }

    /**
     * Checks the layer index against the model being trained (a pretrained network was checked when this
     * spec was made).
     *
     * @throws IllegalArgumentException if the layer does not exist
     */
    public void check(MultiLayerNetwork trainedModel) {
        if (pretrained == null && layer != LAST_HIDDEN) {
            checkLayer(trainedModel, layer, "trained network");
        }
    }

    private static void checkLayer(MultiLayerNetwork net, int layer, String what) {
        int layers = net.getnLayers();
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("Embedding layer index " + layer + " does not exist: the " + what
                    + " has " + layers + " layers, indices 0 to " + (layers - 1) + ". Pick one of them (the last"
                    + " hidden layer, " + Math.max(0, layers - 2) + ", is the usual choice).");
        }
    }

    /**
     * Embeds every example of the iterator, in id order, with the trained model or the pretrained network.
     *
     * @param trainedModel the model being trained (ignored for a pretrained spec)
     * @param data the examples; a scoring pass over all of them
     * @param batchSize rows per inference batch
     * @return {@code [numExamples, d]} float matrix, row = example id
     */
    public INDArray embed(MultiLayerNetwork trainedModel, PruningIterator data, int batchSize) {
        return embed(trainedModel, data.numExamples(), consumer -> data.forEachExampleInIdOrder(batchSize, consumer));
    }

    /**
     * Embeds the rows of a data set, in order.
     *
     * @param trainedModel the model being trained (ignored for a pretrained spec)
     * @param data the examples
     * @param batchSize rows per inference batch
     * @return {@code [numExamples, d]} float matrix
     */
    public INDArray embed(MultiLayerNetwork trainedModel, DataSet data, int batchSize) {
        checkArgument(batchSize >= 1, "batchSize must be at least 1, got %s", batchSize);
        int n = data.numExamples();
        return embed(trainedModel, n, consumer -> {
            INDArray features = data.getFeatures();
            INDArrayIndex[] rows = new INDArrayIndex[features.rank()];
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                Arrays.fill(rows, NDArrayIndex.all());
                rows[0] = NDArrayIndex.interval(from, to);
                INDArray batch = features.get(rows).dup();
                int[] ids = new int[to - from];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = from + i;
                }
                consumer.accept(ids, new DataSet(batch, null));
                OffHeap.release(batch);
            }
        });
    }

    private INDArray embed(MultiLayerNetwork trainedModel, int n, Consumer<BiConsumer<int[], DataSet>> pass) {
        MultiLayerNetwork net = pretrained != null ? pretrained : requireNonNull(trainedModel, "trainedModel");
        check(net);
        int target = layer == LAST_HIDDEN ? net.getnLayers() - 2 : layer;
        float[][] rows = new float[n][];
        int[] width = {-1};
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            pass.accept((ids, batch) -> {
                INDArray features = batch.getFeatures();
                List<INDArray> activations = null;
                INDArray act;
                try {
                    if (target < 0) {
                        act = features;
                    } else {
                        activations = net.feedForwardToLayer(target, features, false);
                        act = last(activations);
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("The " + (pretrained != null ? "pretrained" : "trained")
                            + " network could not embed features of shape " + Arrays.toString(features.shape())
                            + " at layer " + target + ": " + e.getMessage() + ". The embedding network must accept"
                            + " the training features as they are served.", e);
                }
                INDArray flat = act.rank() == 2 ? act : act.reshape('c', act.size(0), -1);
                int d = (int) flat.columns();
                width[0] = d;
                float[] values = OffHeap.toFloats(flat);
                for (int r = 0; r < ids.length; r++) {
                    rows[ids[r]] = Arrays.copyOfRange(values, r * d, (r + 1) * d);
                }
                if (activations != null) {
                    // feedForwardToLayer returns copies outside any workspace, freed only when the JVM collects
                    // them; a large heap then lets gigabytes of off-heap garbage pile up. Release them now
                    // (index 0 is the caller's features).
                    OffHeap.release(activations.subList(1, activations.size()));
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

    private static INDArray last(List<INDArray> activations) {
        return activations.get(activations.size() - 1);
    }

    @Override
    public String toString() {
        String which = layer == LAST_HIDDEN ? "last hidden layer" : "layer " + layer;
        return (pretrained != null ? "pretrained network, " : "trained model, ") + which;
    }
}
