package org.dataprune4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one progress line per epoch (examples seen, seconds) and keeps the epoch times. */
public final class EpochProgressListener extends BaseTrainingListener {
    private static final Logger log = LoggerFactory.getLogger(EpochProgressListener.class);

    private final String name;
    private final int totalEpochs;
    private final List<Double> epochSeconds = new ArrayList<>();
    private long epochStart;
    private long examples;
    private int epoch;

    /**
     * @param name the run's name in the progress lines
     * @param totalEpochs the planned number of epochs
     */
    public EpochProgressListener(String name, int totalEpochs) {
        this.name = name;
        this.totalEpochs = totalEpochs;
    }

    @Override
    public void onEpochStart(Model model) {
        epochStart = System.nanoTime();
        examples = 0;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epochNumber) {
        examples += model.batchSize();
    }

    @Override
    public void onEpochEnd(Model model) {
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        epochSeconds.add(seconds);
        epoch++;
        log.info("[{}] epoch {}/{}: {} examples in {} s, loss {}", name, epoch, totalEpochs, examples,
                String.format("%.1f", seconds), String.format("%.4f", model.score()));
    }

    /** Seconds each epoch took, in order. */
    public List<Double> epochSeconds() {
        return List.copyOf(epochSeconds);
    }
}
