package probe;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

public class Probe {
    public static void main(String[] args) {
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("probe"));
        List<DataSet> data = new ArrayList<>();
        Nd4j.getRandom().setSeed(1);
        for (int i = 0; i < 64; i++) {
            INDArray f = Nd4j.rand(16, 4);
            INDArray l = Nd4j.zeros(16, 2);
            for (int r = 0; r < 16; r++) {
                l.putScalar(r, f.getDouble(r, 0) > 0.5 ? 1 : 0, 1);
            }
            data.add(new DataSet(f, l));
        }
        JavaRDD<DataSet> rdd = sc.parallelize(data, 4);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2)
                        .activation(Activation.SOFTMAX).build()).build();
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, conf,
                new ParameterAveragingTrainingMaster.Builder(16).averagingFrequency(2).batchSizePerWorker(16).build());
        for (int e = 0; e < 3; e++) {
            spark.fit(rdd);
            System.out.println("PROBE epoch " + e + " score " + spark.getScore());
        }
        System.out.println("PROBE eval accuracy " + spark.evaluate(rdd).accuracy());
        System.out.println("PROBE scoreExamples " + spark.scoreExamples(rdd, false).take(3));
        sc.stop();
    }
}
