package org.dataprune4j.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.dataprune4j.internal.TrainedModel;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The models built on an executor (a JVM), kept across tasks and scoring passes. A pass broadcasts the model's
 * configuration and its parameters apart; an executor builds a network from the configuration once and, for every
 * later task, lends an idle one, giving it the pass's parameters if it last served another pass (one bulk copy
 * instead of a restore). A model serves one task at a time (DL4J models are not thread-safe), so an executor running
 * k tasks at once holds at most k per configuration. Only the last two configurations and the last two passes'
 * parameters are kept; older ones are dropped for the garbage collector (their off-heap arrays go with them).
 */
final class ExecutorModels {
    private static final int KEPT = 2;
    private static final Map<String, Deque<Pooled>> POOLS = lru();
    private static final Map<String, INDArray> PARAMS = lru();

    private ExecutorModels() {
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEPT;
            }
        };
    }

    /** A built model and the pass whose parameters it holds. */
    private record Pooled(TrainedModel model, String pass) {
    }

    /**
     * Broadcasts {@code model} for one scoring pass: its configuration (keyed by its digest, so that passes over the
     * same network share built models) and its parameters.
     */
    static ModelSource broadcast(JavaSparkContext sc, Model model, int numClasses, String pass) {
        boolean graph = model instanceof ComputationGraph;
        // without the training counters, which change every iteration and do not change the network's output
        String json;
        if (graph) {
            ComputationGraphConfiguration conf = ((ComputationGraph) model).getConfiguration().clone();
            conf.setIterationCount(0);
            conf.setEpochCount(0);
            json = conf.toJson();
        } else {
            MultiLayerConfiguration conf = ((MultiLayerNetwork) model).getLayerWiseConfigurations().clone();
            conf.setIterationCount(0);
            conf.setEpochCount(0);
            json = conf.toJson();
        }
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        try {
            Nd4j.write(params, model.params());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialise the model's parameters to broadcast them", e);
        }
        return new ModelSource(pass, digest(json) + (graph ? ":graph" : ":layers"), sc.broadcast(json),
                sc.broadcast(params.toByteArray()), graph, numClasses);
    }

    private static String digest(String json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static synchronized Pooled take(String structure) {
        Deque<Pooled> pool = POOLS.computeIfAbsent(structure, s -> new ArrayDeque<>());
        return pool.poll();
    }

    private static synchronized void put(String structure, Pooled model) {
        POOLS.computeIfAbsent(structure, s -> new ArrayDeque<>()).push(model);
    }

    private static synchronized INDArray params(String pass) {
        return PARAMS.get(pass);
    }

    private static synchronized void putParams(String pass, INDArray params) {
        PARAMS.put(pass, params);
    }

    /** Drops every model and parameter array this JVM keeps (for tests). */
    static synchronized void clear() {
        POOLS.clear();
        PARAMS.clear();
    }

    /** How many built models this JVM keeps idle for {@code source}'s network (for tests). */
    static synchronized int idle(ModelSource source) {
        Deque<Pooled> pool = POOLS.get(source.structure);
        return pool == null ? 0 : pool.size();
    }

    /** Where a task gets its model: the pass's id, its broadcast configuration and parameters. Shipped in the task. */
    static final class ModelSource implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String pass;
        private final String structure;
        private final Broadcast<String> configuration;
        private final Broadcast<byte[]> parameters;
        private final boolean graph;
        private final int numClasses;

        private ModelSource(String pass, String structure, Broadcast<String> configuration,
                            Broadcast<byte[]> parameters, boolean graph, int numClasses) {
            this.pass = pass;
            this.structure = structure;
            this.configuration = configuration;
            this.parameters = parameters;
            this.graph = graph;
            this.numClasses = numClasses;
        }

        /** A model for this task alone, holding this pass's parameters. */
        TrainedModel borrow() {
            Pooled idle = take(structure);
            if (idle != null && idle.pass().equals(pass)) {
                return idle.model();
            }
            INDArray params = passParameters();
            if (idle != null) {
                idle.model().model().setParams(params);
                return idle.model();
            }
            Model built;
            if (graph) {
                ComputationGraph g = new ComputationGraph(ComputationGraphConfiguration.fromJson(configuration.value()));
                g.init(params, true);
                built = g;
            } else {
                MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configuration.value()));
                net.init(params, true);
                built = net;
            }
            return TrainedModel.of(built, numClasses);
        }

        /** Returns a borrowed model for the next task on this executor. */
        void giveBack(TrainedModel model) {
            put(structure, new Pooled(model, pass));
        }

        /** Removes the pass's broadcasts from the executors. */
        void unpersist() {
            configuration.unpersist(false);
            parameters.unpersist(false);
        }

        private INDArray passParameters() {
            INDArray params = params(pass);
            if (params == null) {
                params = Nd4j.read(new ByteArrayInputStream(parameters.value()));
                putParams(pass, params); // two tasks may both read them: the same values either way
            }
            return params;
        }
    }
}
