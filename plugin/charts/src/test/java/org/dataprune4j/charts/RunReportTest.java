package org.dataprune4j.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningReport;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class RunReportTest {

    /** 3 classes of 40 noisy points around their centres in 4 dimensions. */
    private static DataSet blobs() {
        SplittableRandom r = new SplittableRandom(5);
        float[][] x = new float[120][4];
        float[][] y = new float[120][3];
        for (int i = 0; i < 120; i++) {
            int c = i % 3;
            for (int d = 0; d < 4; d++) {
                x[i][d] = (float) ((d == c ? 2 : 0) + r.nextGaussian());
            }
            y[i][c] = 1;
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    private static PruningReport trainedReport() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        PruningIterator it = PruningIterator.builder(blobs(), 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .outliers(5).build();
        net.setListeners(pruning);
        net.fit(it, 2);
        return pruning.report();
    }

    @Test
    void aRunsPageHasItsSectionsChartsAndCounts(@TempDir Path dir) throws Exception {
        PruningReport report = trainedReport();
        Path page = RunReport.write(report, dir.resolve("out"), List.of("alpha", "beta", "gamma"));
        String html = Files.readString(page);
        for (String heading : List.of("<h1>DataPrune4J run report</h1>", "<h2>What was kept and why</h2>",
                "<h2>Scores</h2>", "<h2>Kept per class</h2>", "<h2>The highest scores</h2>", "<h2>Cost</h2>",
                "<h2>How the run was made</h2>")) {
            assertTrue(html.contains(heading), heading);
        }
        assertTrue(html.contains("<td class=\"l\">kept</td><td>60</td><td>50.0%</td>"), "60 of 120 kept");
        assertTrue(html.contains("<td class=\"l\">score below the kept range</td><td>60</td>"), html);
        assertEquals(5, html.split("<tr><td>").length - 1, "the 5 outliers, one row each");
        assertTrue(html.matches("(?s).*<td class=\"l\">(alpha|beta|gamma)</td>.*"), "class names, not indices");
        assertFalse(html.contains("<script"), "a plain page");
        for (String png : List.of("scores.png", "kept-per-class.png")) {
            assertNotNull(ImageIO.read(dir.resolve("out").resolve(png).toFile()), png);
            assertTrue(html.contains("src=\"" + png + "\""), png);
        }
    }

    /** Given the test accuracy per class, the page says the worst class and the balanced accuracy. */
    @Test
    void aPageWithATestSetShowsTheWorstClassAndTheBalancedAccuracy(@TempDir Path dir) throws Exception {
        PruningReport report = trainedReport();
        // class 0: 9 of 10 right, class 1: 5 of 10, class 2: 10 of 10
        int[] labels = new int[30];
        int[] predicted = new int[30];
        for (int i = 0; i < 30; i++) {
            labels[i] = i / 10;
            predicted[i] = (i == 0 || (i >= 10 && i < 15)) ? (labels[i] + 1) % 3 : labels[i];
        }
        Path page = RunReport.write(report, dir, List.of("alpha", "beta", "gamma"),
                org.dataprune4j.eval.ClassAccuracy.of(labels, predicted, 3));
        String html = Files.readString(page);
        assertTrue(html.contains("<h2>Test accuracy per class</h2>"), html);
        assertTrue(html.contains("Overall 80.00%, balanced (mean of the classes) 80.00%, worst class 50.00% (beta)."),
                html);
        assertTrue(html.contains("<td class=\"l\">beta</td><td>50.00%</td><td>10</td>"), html);
        // 2 epochs: all 40 of beta in the warm-up, then its kept ones; the share of full data's 2 x 40
        int keptBeta = report.keptPerClass()[1];
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "<td>%d / 40</td><td>%d (%.0f%%)</td></tr>",
                keptBeta, 40 + keptBeta, 100.0 * (40 + keptBeta) / 80)), html);
        assertFalse(Files.readString(RunReport.write(report, dir.resolve("plain"), List.of())).contains(
                "Test accuracy per class"));
    }

    @Test
    void oneBarFarTallerThanTheRestIsCutAndNamed() {
        double[] scores = new double[1000];
        boolean[] kept = new boolean[1000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i < 900 ? 0.001 : 0.1 + i / 1000.0; // 900 in the first bin, the rest spread out
            kept[i] = i >= 950;
        }
        Charts.Histogram h = Charts.histogram(scores, kept, 40);
        CategoryChart chart = Charts.scoreHistogram(h, "el2n", "el2n");
        assertTrue(chart.getXAxisTitle().contains("y-axis cut at"), chart.getXAxisTitle());
        assertTrue(chart.getXAxisTitle().contains("holds 900"), chart.getXAxisTitle());
        assertTrue(chart.getStyler().getYAxisMax() < 900, "cut below the tall bar");

        boolean[] none = new boolean[4];
        CategoryChart even = Charts.scoreHistogram(Charts.histogram(new double[] {0.1, 0.2, 0.3, 0.4}, none, 4),
                "t", "el2n");
        assertEquals("el2n (bin centre)", even.getXAxisTitle(), "no bar dominates: nothing cut");
    }
}
