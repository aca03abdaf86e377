package org.dataprune4j.tune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.internal.Updaters;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.score.ScoreKind;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.slf4j.LoggerFactory;

/**
 * What a {@link RangeTuner} was built with: an immutable copy of its builder's settings, checked by
 * {@code RangeTuner.Builder.build()}.
 *
 * @param conf the network configuration (cloned again for every warm-up)
 * @param train training examples
 * @param validation validation examples
 * @param warmups warm-up epoch counts, one warm-up each
 * @param kinds the scores searched
 * @param proxyEpochs epochs each candidate trains
 * @param trainingSubsample fraction of the training set tuned on
 * @param maxKeptFraction the budget
 * @param minKeptFraction the floor
 * @param searchSpace the space candidates are drawn from (narrowed to the floor and budget)
 * @param candidates random-search candidates (when {@code gridPoints} is 0)
 * @param gridPoints grid points per axis, or 0 for random search
 * @param objective what the validation set measures
 * @param seed shuffling, subsampling and random-search seed
 * @param batchSize batch size of every run
 * @param timeBudget when to stop proposing candidates
 * @param trialsCsv where the trial table is written
 * @param extrapolation score extrapolation of the warm-up, if any
 * @param prototypeClusters k of the label-free prototype score, 0 for the number of classes
 */
record TunerSettings(MultiLayerConfiguration conf, DataSet train, DataSet validation, List<Integer> warmups,
                     List<ScoreKind> kinds, int proxyEpochs, double trainingSubsample, double maxKeptFraction,
                     double minKeptFraction, RangeSpace searchSpace, int candidates, int gridPoints, Objective objective,
                     long seed, int batchSize, Optional<Duration> timeBudget, Optional<Path> trialsCsv,
                     Optional<ScoreExtrapolation> extrapolation, int prototypeClusters) {

    TunerSettings {
        conf = withConstantRates(conf.clone());
        warmups = List.copyOf(warmups);
        kinds = List.copyOf(kinds);
    }

    /**
     * The configuration with every {@link FittedSchedule} replaced by a constant rate at its initial value: the
     * warm-ups and proxies are short runs that no schedule is fitted to (a FittedSchedule is fitted to the run a
     * listener is told the length of). The tuned range is then used in the real run with its schedule. The updaters
     * are replaced by changed copies: a cloned configuration shares its layers' updaters with the original.
     *
     * @throws IllegalArgumentException for a FittedSchedule inside a wrapper layer, whose configuration a clone shares
     */
    private static MultiLayerConfiguration withConstantRates(MultiLayerConfiguration conf) {
        double replaced = Double.NaN;
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            if (layerConf.getLayer() instanceof BaseLayer base) {
                IUpdater weights = constant(base.getIUpdater());
                if (weights != base.getIUpdater()) {
                    replaced = weights.getLearningRate(0, 0);
                    base.setIUpdater(weights);
                }
                IUpdater bias = constant(base.getBiasUpdater());
                if (bias != base.getBiasUpdater()) {
                    replaced = bias.getLearningRate(0, 0);
                    base.setBiasUpdater(bias);
                }
            }
        }
        List<Layer> layers = conf.getConfs().stream().map(NeuralNetConfiguration::getLayer).toList();
        for (IUpdater updater : Updaters.of(layers)) {
            if (Updaters.learningRateSchedule(updater) instanceof FittedSchedule) {
                throw new IllegalArgumentException("A layer inside a wrapper (LastTimeStep, Bidirectional, ...)"
                        + " learns at a FittedSchedule, which RangeTuner cannot set aside for its short runs. Give"
                        + " RangeTuner the configuration with a constant rate (e.g. new Adam(1e-3)), or tune at the"
                        + " swap with HalvingTuner, which continues your run's schedule.");
            }
        }
        if (!Double.isNaN(replaced)) {
            LoggerFactory.getLogger(RangeTuner.class).info("RangeTuner trains its warm-ups and proxies at a constant"
                    + " learning rate of {}, the FittedSchedule's initial value: a schedule is fitted to the length of"
                    + " the run it trains, and the tuner's runs are short. The configuration you gave keeps its"
                    + " schedule.", replaced);
        }
        return conf;
    }

    /** A copy of the updater at a constant rate, the FittedSchedule's initial value, or the updater itself. */
    private static IUpdater constant(IUpdater updater) {
        if (Updaters.learningRateSchedule(updater) instanceof FittedSchedule fitted) {
            IUpdater copy = updater.clone();
            copy.setLrAndSchedule(fitted.initialValue(), null);
            return copy;
        }
        return updater;
    }
}
