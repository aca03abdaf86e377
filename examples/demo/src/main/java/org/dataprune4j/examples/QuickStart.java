package org.dataprune4j.examples;

import java.nio.file.Path;
import org.dataprune4j.ExtrapolatedScores;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningLedger;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningReport;
import org.dataprune4j.SubsetScoring;
import org.dataprune4j.embed.EmbeddingSpec;
import org.dataprune4j.eval.ClassAccuracy;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.eval.LogitAdjustment;
import org.dataprune4j.extrapolate.GraphExtrapolator;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.schedule.TrainingBudget;
import org.dataprune4j.score.DynamicsWindow;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.tune.HalvingTuner;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The README's "add it to your training code" snippet, compiled: {@link #trainWithPruning} is the code the
 * README shows, {@link #trainGraphWithPruning} its ComputationGraph snippet, {@link #prototypeListener} its
 * prototype snippet, {@link #trainWithSoftPruning} its dynamic-pruning snippet. {@link #main} runs it on 10,000 Fashion-MNIST images for 4 epochs.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Trains {@code net} for 10 epochs: 2 warm-up epochs on every example, then 8 on the kept half.
     *
     * @param net a MultiLayerNetwork ending in an OutputLayer with softmax and MCXENT
     * @param trainData the training examples, with one-hot labels
     * @param epochs total epochs
     * @param scoresCsv where to write every example's scores
     */
    public static PruningReport trainWithPruning(MultiLayerNetwork net, DataSet trainData, int epochs, Path scoresCsv) {
        // README snippet begins
        PruningIterator train = PruningIterator.builder(trainData, 128).seed(42).build();
        PruningListener pruning = PruningListener.builder(train, ScoreRangeRule.quantiles(0.48, 0.98))
                .warmupEpochs(2)          // score every example during the first 2 epochs
                .build();                 // then drop the top 2% by EL2N and keep the next 50%
        net.addListeners(pruning);
        net.fit(train, epochs);           // one fit call: the iterator swaps to the kept subset after epoch 2

        PruningReport report = pruning.report();
        report.writeScoresCsv(scoresCsv); // id, label, predicted, every score, extrapolated, kept, decision
        report.writeRunRecord(scoresCsv.resolveSibling("run.json"));  // how the kept set was made (JSON)
        // README snippet ends
        return report;
    }

    /**
     * The README's ComputationGraph snippet: the same two lines on a graph (a zoo model, a transfer-learning result,
     * a graph loaded with {@code ModelSerializer}), here with the embedding taken at a named vertex.
     *
     * @param graph a ComputationGraph with one input and one output layer (softmax + MCXENT)
     * @param trainData the training examples, with one-hot labels
     * @param epochs total epochs
     * @param embeddingVertex the vertex whose activations embed examples for the prototype score
     */
    public static PruningReport trainGraphWithPruning(ComputationGraph graph, DataSet trainData, int epochs,
                                                      String embeddingVertex) {
        // README graph snippet begins
        PruningIterator train = PruningIterator.builder(trainData, 128).seed(42).build();
        PruningListener pruning = PruningListener.builder(train, ScoreRangeRule.keepHardest(0.5))
                .alsoCompute(ScoreKind.PROTOTYPE)                            // label-free prototypes, for the report
                .embedding(EmbeddingSpec.trainedModelVertex(embeddingVertex)) // a graph's vertices are named
                .build();
        graph.addListeners(pruning);
        graph.fit(train, epochs);         // ComputationGraph.fit(DataSetIterator, int), as for a network
        // README graph snippet ends
        return pruning.report();
    }

    /**
     * The README's prototype-and-extrapolation snippet: a listener that ranks by class-aligned prototype
     * distance, also reports the label-free one, and extrapolates GraNd from 10% of the examples.
     *
     * @param train the training iterator the listener prunes
     */
    public static PruningListener prototypeListener(PruningIterator train) {
        // README prototype snippet begins
        PruningListener pruning = PruningListener.builder(train, ScoreRangeRule.keepHardest(0.5))
                .score(ScoreKind.PROTOTYPE_CLASS)                            // distance to the own class's centroid
                .alsoCompute(ScoreKind.PROTOTYPE)                            // label-free, k = number of classes
                .embedding(EmbeddingSpec.lastHiddenLayer())                  // or EmbeddingSpec.pretrained(myNet, 1)
                .extrapolate(ScoreExtrapolation.of(ScoreKind.GRAND, 0.1))    // GraNd on 10%, predicted for 90%
                .build();
        // README prototype snippet ends
        return pruning;
    }

    /**
     * The README's dynamic-pruning snippet: soft pruning with InfoBatch's rule, ranked by each example's latest
     * training loss, and the run's cost ledger.
     *
     * @param net a MultiLayerNetwork ending in an OutputLayer with softmax and MCXENT
     * @param trainData the training examples, with one-hot labels
     * @param epochs total epochs; the schedule needs them to place the annealing epochs
     */
    public static PruningLedger trainWithSoftPruning(MultiLayerNetwork net, DataSet trainData, int epochs) {
        // README dynamic snippet begins
        PruningIterator train = PruningIterator.builder(trainData, 128).seed(42).build();
        PruningListener pruning = PruningListener.builder(train, SoftPruningSchedule.builder(epochs).build())
                .score(ScoreKind.LOSS)            // InfoBatch's score: each example's latest training loss
                .build();
        net.addListeners(pruning);
        net.fit(train, epochs);   // epoch 1 on all data; then each epoch leaves out half of the examples below
                                  // the mean loss and weights the other half 2x; the last 12.5% of epochs train all
        PruningLedger ledger = pruning.ledger();  // examples trained per epoch, extra passes, time split
        // README dynamic snippet ends
        return ledger;
    }

    /**
     * The README's training-dynamics snippet: TDDS computed on 10% of the data by a separate subset run, predicted for
     * the rest by a graph network, and the real run pruned by it from its first epoch.
     *
     * @param net the network to train, a MultiLayerNetwork ending in softmax and MCXENT
     * @param freshNetworkOfTheSameConfiguration a second, freshly initialised network of the same configuration
     * @param train the training iterator
     * @param epochs the real run's epochs
     * @return the real run's listener, for its ledger
     */
    public static PruningListener trainWithExtrapolatedTdds(MultiLayerNetwork net,
                                                            MultiLayerNetwork freshNetworkOfTheSameConfiguration,
                                                            PruningIterator train, int epochs) {
        // README dynamics snippet begins (in the README, net.fit(train, 10))
        ExtrapolatedScores tdds = SubsetScoring.builder(ScoreKind.TDDS)
                .scoredFraction(0.1).epochs(10).window(DynamicsWindow.of(5))      // 10% of the data, 10 epochs
                .extrapolator(GraphExtrapolator.defaults(42))                      // or the default: kNN, 10 neighbours
                .build().score(train, freshNetworkOfTheSameConfiguration);
        PruningListener pruning = PruningListener.builder(train, tdds.schedule(ScoreRangeRule.keepHardest(0.5))).build();
        net.setListeners(pruning);
        net.fit(train, epochs);    // pruning.ledger(): the pruned epochs plus the subset run's examples and time
        // README dynamics snippet ends
        return pruning;
    }

    /**
     * The README's budget snippet: a cosine learning rate fitted to the pruned run, and a budget of half the examples
     * of 10 full epochs, planned by the library.
     *
     * @param trainData the training examples, with one-hot labels
     * @param inputs the number of features
     * @param classes the number of classes
     * @return the listener, for its ledger
     */
    public static PruningListener trainWithBudget(DataSet trainData, int inputs, int classes) {
        // README budget snippet begins
        FittedSchedule lr = FittedSchedule.cosine(1e-3).build();            // decays to 0 at the run's last iteration
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .updater(new Adam(lr)).list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(256).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        TrainingBudget budget = TrainingBudget.of(0.5, 10);                 // as many examples as 5 of 10 full epochs
        PruningIterator train = PruningIterator.builder(trainData, 128).seed(42).build();
        PruningListener pruning = PruningListener.builder(train, budget).build();
        net.addListeners(pruning);
        net.fit(train, budget.epochs());    // 1 warm-up epoch on all data, the hardest 37.5% by EL2N re-selected every
                                            // epoch, a last epoch on all data; the ledger shows 0.5 x 10 x N examples
        // README budget snippet ends
        return pruning;
    }

    /**
     * The README's imbalance snippet: the class-adaptive rule (RCAP's quotas and draw) by the loss, re-selected every
     * epoch after 2 warm-up epochs, then the test accuracy per class.
     *
     * @param net a MultiLayerNetwork ending in softmax and MCXENT
     * @param trainData the (imbalanced) training examples, with one-hot labels
     * @param testSet the test examples, with one-hot labels
     * @return the test accuracy per class
     */
    public static ClassAccuracy trainImbalanced(MultiLayerNetwork net, DataSet trainData, DataSet testSet) {
        int numClasses = (int) trainData.getLabels().size(1);
        PruningIterator train = PruningIterator.builder(trainData, 128).seed(42).build();
        // README imbalance snippet begins
        PruningListener pruning = PruningListener.builder(train, ClassAdaptiveRule.rcap(0.375, numClasses, 42))
                .score(ScoreKind.LOSS)                          // RCAP ranks by the loss, clipped at ln C
                .schedule(ReselectSchedule.every(1, 2))         // 2 warm-up epochs, then a new draw every epoch
                .epochs(10).build();
        // README imbalance snippet ends
        net.addListeners(pruning);
        net.fit(train, 10);
        return ClassAccuracy.of(net, testSet, 500);
    }

    /**
     * The README's imbalance budget snippet: the class-adaptive rule (temperature 3, the stable draw) in a budget of
     * half the examples of 10 full epochs, spread over 15 epochs, by the loss.
     *
     * @param net a MultiLayerNetwork ending in softmax and MCXENT, with a {@code FittedSchedule} in its updater
     * @param trainData the (imbalanced) training examples, with one-hot labels
     * @return the listener, for its ledger
     */
    public static PruningListener trainImbalancedWithinBudget(MultiLayerNetwork net, DataSet trainData) {
        int numClasses = (int) trainData.getLabels().size(1);
        PruningIterator train = PruningIterator.builder(trainData, 128).seed(42).build();
        // README imbalance budget snippet begins
        TrainingBudget budget = TrainingBudget.of(0.5, 10)   // the examples of 5 full epochs
                .spreadOver(15)                               // over 15: a smaller share each, the rare classes
                .warmupEpochs(2)                              //   (kept whole) seen more often
                .keptBy(share -> ClassAdaptiveRule.rcap(share, numClasses, 42).sampledWithin(3.0, 42)
                        .stableWithinClass());                //   a stable part of each large class
        PruningListener pruning = PruningListener.builder(train, budget).score(ScoreKind.LOSS).build();
        net.addListeners(pruning);
        net.fit(train, budget.epochs());                      // 2 epochs on all data, then 13 at 3/13 of it
        // README imbalance budget snippet ends
        return pruning;
    }

    /**
     * The README's adjustment snippet: test accuracy per class with the predictions adjusted for the class shares a
     * class-adaptive run trained on (post-hoc logit adjustment, tau 1).
     *
     * @param pruning the run's listener, for its ledger
     * @param net the trained network
     * @param testSet the test examples, with one-hot labels
     * @return the adjusted test accuracy per class
     */
    public static ClassAccuracy adjustedAfterClassAdaptive(PruningListener pruning, MultiLayerNetwork net,
                                                           DataSet testSet) {
        // README adjustment snippet begins
        LogitAdjustment adjust = LogitAdjustment.ofTrained(pruning.ledger().examplesPerClass());
        ClassAccuracy accuracy = adjust.accuracy(net, testSet, 500);  // balanced and worst class, adjusted
        // README adjustment snippet ends
        return accuracy;
    }

    /**
     * The README's tuning snippet: the kept range tuned at the swap by successive halving on a validation set,
     * saved with the data's fingerprint and reused by a later run on the same data.
     *
     * @param net a MultiLayerNetwork or ComputationGraph ending in softmax and MCXENT (here a network)
     * @param trainData the training examples, with one-hot labels
     * @param validationData held-out examples, disjoint from the training examples
     * @param epochs total epochs (2 of them warm-up)
     * @param tuningFile where the tuned range is saved, and read back by a later run on the same data
     */
    public static PruningReport trainWithTunedRange(MultiLayerNetwork net, DataSet trainData, DataSet validationData,
                                                    int epochs, Path tuningFile) {
        // README tuning snippet begins
        HalvingTuner tuned = HalvingTuner.builder(validationData, 0.5)  // every candidate keeps 50%
                .finalProxyEpochs(0.75)   // the default: ~1/10 of the epochs after the swap, ~0.2x a full run
                .savedTo(tuningFile)      // saved with the data's fingerprint; reused on the same data
                .build();
        PruningIterator train = PruningIterator.builder(trainData, 128).build();
        PruningListener pruning = PruningListener.builder(train, tuned).warmupEpochs(2).build();
        net.addListeners(pruning);
        net.fit(train, epochs);   // at the swap: 9 windows from hardest to easiest race on copies of the model
        // README tuning snippet ends
        return pruning.report();
    }

    /** Runs the snippet on 10,000 Fashion-MNIST training images for 4 epochs. */
    public static void main(String[] args) {
        DataSet data = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).head(10_000).toDataSet();
        PruningReport report = trainWithPruning(ExampleNetworks.mlp(42), data, 4, Path.of("target/quickstart-scores.csv"));
        System.out.println(report.summary());
    }
}
