package org.dataprune4j.extrapolate;

import java.util.SplittableRandom;
import org.dataprune4j.internal.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The weights of {@link GraphExtrapolator}'s three graph convolutions, {@code Â X W1 -> ReLU -> Â H W2 -> ReLU -> Â H
 * w3}, with their gradients written out and Adam updates. {@code Â X} is given once, propagated already.
 */
final class GcnWeights {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    /** W1, b1, W2, b2, w3, b3. */
    private final INDArray[] params;
    private final INDArray[] firstMoment;
    private final INDArray[] secondMoment;
    private int steps;

    GcnWeights(int inputs, int hidden1, int hidden2, SplittableRandom random) {
        params = new INDArray[] {glorot(inputs, hidden1, random), Nd4j.zeros(DataType.FLOAT, 1, hidden1),
            glorot(hidden1, hidden2, random), Nd4j.zeros(DataType.FLOAT, 1, hidden2), glorot(hidden2, 1, random),
            Nd4j.zeros(DataType.FLOAT, 1, 1)};
        firstMoment = new INDArray[params.length];
        secondMoment = new INDArray[params.length];
        for (int i = 0; i < params.length; i++) {
            firstMoment[i] = Nd4j.zeros(DataType.FLOAT, params[i].shape());
            secondMoment[i] = Nd4j.zeros(DataType.FLOAT, params[i].shape());
        }
    }

    private static INDArray glorot(int in, int out, SplittableRandom random) {
        double limit = Math.sqrt(6.0 / (in + out));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
        return Nd4j.create(w, new long[] {in, out}, 'c');
    }

    /** The predictions of every node, without dropout. */
    float[] predict(NeighbourGraph graph, INDArray propagated) {
        Forward f = forward(graph, propagated, 0, null);
        float[] out = OffHeap.toFloats(f.out);
        f.release();
        return out;
    }

    /** One full-batch step on the mean squared error of the fitted rows. */
    void step(NeighbourGraph graph, INDArray propagated, int[] rows, float[] targets, double dropout,
              SplittableRandom random, double learningRate) {
        Forward f = forward(graph, propagated, dropout, random);
        int n = graph.size();
        float[] out = OffHeap.toFloats(f.out);
        float[] dOut = new float[n];
        for (int i = 0; i < rows.length; i++) {
            dOut[rows[i]] = 2 * (out[rows[i]] - targets[i]) / rows.length;
        }
        INDArray dOutArr = Nd4j.create(dOut, new long[] {n, 1}, 'c');
        INDArray[] grads = new INDArray[params.length];
        grads[5] = dOutArr.sum(true, 0);
        INDArray dQ3 = graph.propagate(dOutArr);
        grads[4] = f.h2.transpose().mmul(dQ3);
        INDArray dZ2 = gated(dQ3.mmul(params[4].transpose()), f.gate2);
        grads[3] = dZ2.sum(true, 0);
        INDArray dQ2 = graph.propagate(dZ2);
        grads[2] = f.h1.transpose().mmul(dQ2);
        INDArray dZ1 = gated(dQ2.mmul(params[2].transpose()), f.gate1);
        grads[1] = dZ1.sum(true, 0);
        grads[0] = propagated.transpose().mmul(dZ1);
        OffHeap.release(dOutArr, dQ3, dZ2, dQ2, dZ1);
        f.release();
        adam(grads, learningRate);
        OffHeap.release(grads);
    }

    private void adam(INDArray[] grads, double learningRate) {
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < params.length; i++) {
            INDArray g = grads[i].castTo(DataType.FLOAT);
            INDArray scaled = g.mul(1 - BETA1);
            INDArray squared = g.mul(g).muli(1 - BETA2);
            firstMoment[i].muli(BETA1).addi(scaled);
            secondMoment[i].muli(BETA2).addi(squared);
            OffHeap.release(scaled, squared);
            INDArray denominator = Transforms.sqrt(secondMoment[i].div(c2), false).addi(EPS);
            INDArray update = firstMoment[i].div(c1).divi(denominator).muli(learningRate);
            params[i].subi(update);
            OffHeap.release(denominator, update);
            if (g != grads[i]) {
                OffHeap.release(g);
            }
        }
    }

    private static INDArray gated(INDArray d, float[] gate) {
        float[] v = OffHeap.toFloats(d);
        for (int i = 0; i < v.length; i++) {
            v[i] *= gate[i];
        }
        INDArray out = Nd4j.create(v, d.shape(), 'c');
        OffHeap.release(d);
        return out;
    }

    private Forward forward(NeighbourGraph graph, INDArray propagated, double dropout, SplittableRandom random) {
        Forward f = new Forward();
        INDArray z1 = propagated.mmul(params[0]).addiRowVector(params[1]);
        f.gate1 = new float[(int) z1.length()];
        f.h1 = relu(z1, f.gate1, dropout, random);
        INDArray q2 = f.h1.mmul(params[2]);
        INDArray z2 = graph.propagate(q2).addiRowVector(params[3]);
        f.gate2 = new float[(int) z2.length()];
        f.h2 = relu(z2, f.gate2, dropout, random);
        INDArray q3 = f.h2.mmul(params[4]);
        f.out = graph.propagate(q3).addiRowVector(params[5]);
        OffHeap.release(z1, q2, z2, q3);
        return f;
    }

    /** ReLU with inverted dropout; {@code gate} receives d(output)/d(input) per entry. */
    private static INDArray relu(INDArray z, float[] gate, double dropout, SplittableRandom random) {
        float[] v = OffHeap.toFloats(z);
        float keep = (float) (1 / (1 - dropout));
        for (int i = 0; i < v.length; i++) {
            boolean dropped = dropout > 0 && random.nextDouble() < dropout;
            gate[i] = v[i] > 0 && !dropped ? keep : 0;
            v[i] *= gate[i];
        }
        return Nd4j.create(v, z.shape(), 'c');
    }

    void release() {
        OffHeap.release(params);
        OffHeap.release(firstMoment);
        OffHeap.release(secondMoment);
    }

    /** What a forward pass keeps for the backward pass. */
    private static final class Forward {
        INDArray h1;
        INDArray h2;
        INDArray out;
        float[] gate1;
        float[] gate2;

        void release() {
            OffHeap.release(h1, h2, out);
        }
    }
}
