package org.dataprune4j.testing;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dataprune4j.PruningCheckpoint;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningListenerBuilder;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The child process of {@code ResumeAfterKillTest}: trains the test MLP with checkpoints, one epoch per
 * {@code fit} call with a pause after each (so that the parent can kill it between or during checkpoints), or
 * resumes from the latest checkpoint; then writes the final parameters and the kept ids.
 *
 * <p>Arguments: {@code fresh|resume checkpointDir epochs pauseMillis outFile}.
 */
public final class CheckpointedTraining {
    /** Warm-up epochs of the child run. */
    public static final int WARMUP = 3;

    private CheckpointedTraining() {
    }

    /** Runs the child; see the class comment. */
    public static void main(String[] args) throws Exception {
        boolean resume = args[0].equals("resume");
        Path dir = Path.of(args[1]);
        int epochs = Integer.parseInt(args[2]);
        long pause = Long.parseLong(args[3]);
        Path out = Path.of(args[4]);

        DataSet data = TestData.blobs(3, 100, 4, 11);
        PruningIterator it = PruningIterator.builder(data, 32).build();
        PruningListenerBuilder builder = PruningListener.builder(it, ScoreRangeRule.quantiles(0.3, 0.9))
                .warmupEpochs(WARMUP).checkpoints(dir);
        MultiLayerNetwork net;
        if (resume) {
            net = (MultiLayerNetwork) PruningCheckpoint.restoreModel(dir);
            builder.resumeFrom(dir);
        } else {
            net = TestData.mlp(5, 8, 3, 1);
        }
        PruningListener pruning = builder.build();
        net.addListeners(pruning);
        for (int e = pruning.epochsSeen(); e < epochs; e++) {
            net.fit(it, 1);
            Thread.sleep(pause);
        }
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(out))) {
            float[] params = net.params().toFloatVector();
            o.writeInt(params.length);
            for (float p : params) {
                o.writeFloat(p);
            }
            int[] kept = pruning.report().selection().keptIds();
            o.writeInt(kept.length);
            for (int id : kept) {
                o.writeInt(id);
            }
            o.writeInt(pruning.epochsSeen());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
