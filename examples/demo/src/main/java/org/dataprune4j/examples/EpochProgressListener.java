package org.dataprune4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one progress line per epoch (examples seen, seconds, mean training loss) and keeps the epoch times. */
public final class EpochProgressListener extends BaseTrainingListener {
    private static final Logger log = LoggerFactory.getLogger(EpochProgressListener.class);

    private final String name;
    private final int totalEpochs;
    private final List<Double> epochSeconds = new ArrayList<>();
    private long epochStart;
    private long examples;
    private double lossSum;
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
        lossSum = 0;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epochNumber) {
        int batch = model.batchSize();
        examples += batch;
        lossSum += model.score() * batch;
    }

    @Override
    public void onEpochEnd(Model model) {
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        epochSeconds.add(seconds);
        epoch++;
        log.info("[{}] epoch {}/{}: {} examples in {} s, mean training loss {}", name, epoch, totalEpochs, examples,
                String.format("%.1f", seconds), String.format("%.4f", examples == 0 ? Double.NaN : lossSum / examples));
    }

    /** Seconds each epoch took, in order. */
    public List<Double> epochSeconds() {
        return List.copyOf(epochSeconds);
    }
}
