package org.dataprune4j.tune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.score.ScoreKind;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.dataset.DataSet;

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
        conf = conf.clone();
        warmups = List.copyOf(warmups);
        kinds = List.copyOf(kinds);
    }
}
