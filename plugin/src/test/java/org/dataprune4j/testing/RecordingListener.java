package org.dataprune4j.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Records, per epoch, the example ids a network or graph trained on (read from feature column 0). */
public final class RecordingListener extends BaseTrainingListener {
    private final List<List<Integer>> idsPerEpoch = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();

    @Override
    public void onEpochStart(Model model) {
        calls.add("epochStart");
        idsPerEpoch.add(new ArrayList<>());
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        calls.add("forward");
        for (int id : TestData.idsOf(activations.get(0))) {
            idsPerEpoch.get(idsPerEpoch.size() - 1).add(id);
        }
    }

    /** A graph's pass: the ids come from its (single) input vertex. */
    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        calls.add("forward");
        String input = ((ComputationGraph) model).getConfiguration().getNetworkInputs().get(0);
        for (int id : TestData.idsOf(activations.get(input))) {
            idsPerEpoch.get(idsPerEpoch.size() - 1).add(id);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        calls.add("epochEnd");
    }

    /** The ids trained on in epoch {@code e}, in order. */
    public List<Integer> ids(int epoch) {
        return idsPerEpoch.get(epoch);
    }

    /** The distinct ids of epoch {@code e}, checking that none repeats. */
    public Set<Integer> distinctIds(int epoch) {
        Set<Integer> set = new LinkedHashSet<>(ids(epoch));
        if (set.size() != ids(epoch).size()) {
            throw new AssertionError("epoch " + epoch + " repeated an example");
        }
        return set;
    }

    /** Number of epochs seen. */
    public int epochs() {
        return idsPerEpoch.size();
    }

    /** Number of training forward passes seen. */
    public long forwardPasses() {
        return calls.stream().filter("forward"::equals).count();
    }

    /** Every hook call, in order. */
    public List<String> calls() {
        return calls;
    }
}
