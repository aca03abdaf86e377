package org.dataprune4j;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.dataprune4j.internal.TrainedModel;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a resumed run must share with its checkpoint beyond the settings: the same data (the labels, by id) and the
 * checkpoint's model (its architecture, and its parameters as saved, so that a fresh network or another run's is
 * refused). Internal to the listener.
 */
final class ResumeChecks {
    private static final Logger log = LoggerFactory.getLogger(PruningListener.class);
    /** The configuration entry holding the labels' digest; recorded with the settings. */
    static final String DATA_LABELS = "data.labels";
    /** The checkpoint-only entry holding the saved model's parameter count, sum and L2 norm. */
    static final String PARAMETERS = "checkpoint.parameters";
    /** The checkpoint-only entry holding the saved model's layers, with their sizes. */
    static final String ARCHITECTURE = "checkpoint.architecture";
    /**
     * Settings that earlier checkpoints did not record: absent from a checkpoint's configuration, they are not a
     * difference (a checkpoint written before DataPrune4J recorded them still resumes).
     */
    private static final Set<String> RECORDED_LATER = Set.of(PruningIterator.AUGMENTATION_SETTING);
    /**
     * Parameters restored from the checkpoint are the saved ones bit for bit; the sums are compared to a relative
     * 1e-5 all the same, so that only a different model (fresh, or another checkpoint's) is refused.
     */
    private static final double TOLERANCE = 1e-5;

    private ResumeChecks() {
    }

    /** The first 16 hex digits of a SHA-256 digest of the number of examples and every label, in id order. */
    static String labelsDigest(int[] labels) {
        Hasher h = Hashing.sha256().newHasher().putInt(labels.length);
        for (int label : labels) {
            h.putInt(label);
        }
        return h.hash().toString().substring(0, 16);
    }

    /** The configuration with the model's parameter summary added, for a checkpoint. */
    static Map<String, String> withParameters(Map<String, String> configuration, TrainedModel model) {
        Map<String, String> all = new LinkedHashMap<>(configuration);
        all.put(ARCHITECTURE, architecture(model));
        all.put(PARAMETERS, parameters(model.model()));
        return all;
    }

    /** The model's layers in order, each with its input and output sizes where it has them. */
    private static String architecture(TrainedModel model) {
        StringJoiner layers = new StringJoiner(", ", model.model().getClass().getSimpleName() + " [", "]");
        for (Layer layer : model.layerConfigurations()) {
            layers.add(layer.getClass().getSimpleName() + (layer instanceof FeedForwardLayer f
                    ? "(" + f.getNIn() + " -> " + f.getNOut() + ")" : ""));
        }
        return layers.toString();
    }

    private static String parameters(Model model) {
        INDArray p = model.params();
        return String.format(Locale.ROOT, "%d %.9e %.9e", p.length(), p.sumNumber().doubleValue(),
                p.norm2Number().doubleValue());
    }

    /** The configuration entries two runs must share for one to resume the other (paths may differ). */
    static Map<String, String> comparable(Map<String, String> configuration) {
        Map<String, String> m = withoutParameters(configuration);
        m.remove("scoresCsv");
        m.remove("checkpoints");
        m.remove("model");
        m.remove(PruningIterator.PRE_PROCESSOR_SETTING); // compared when training starts: samePreProcessor
        return m;
    }

    /** The configuration without the checkpoint-only parameter summary. */
    static Map<String, String> withoutParameters(Map<String, String> configuration) {
        Map<String, String> m = new LinkedHashMap<>(configuration);
        m.remove(PARAMETERS);
        m.remove(ARCHITECTURE);
        return m;
    }

    /** The entries whose values differ between a checkpoint's configuration and this run's, each described. */
    static List<String> differences(Map<String, String> saved, Map<String, String> now) {
        List<String> diffs = new ArrayList<>();
        for (String key : saved.keySet()) {
            if (!String.valueOf(saved.get(key)).equals(String.valueOf(now.get(key)))) {
                diffs.add(key + ": checkpoint " + saved.get(key) + ", now " + now.get(key));
            }
        }
        for (String key : now.keySet()) {
            if (!saved.containsKey(key) && !RECORDED_LATER.contains(key)) {
                diffs.add(key + ": not in the checkpoint, now " + now.get(key));
            }
        }
        return diffs;
    }

    /** Refuses to resume on other data: the labels by id differ from the checkpoint's. */
    static void sameData(Path checkpoint, Map<String, String> saved, String labelsNow, int examplesNow) {
        String before = saved.get(DATA_LABELS);
        if (before != null && !before.equals(labelsNow)) {
            throw new IllegalArgumentException("The checkpoint " + checkpoint + " was made on other data: the labels"
                    + " of its " + saved.getOrDefault("iterator.examples", "?") + " examples by id (digest " + before
                    + ") are not this iterator's " + examplesNow + " (digest " + labelsNow + "). Resume with the data"
                    + " the interrupted run trained on, in the same order.");
        }
    }

    /**
     * Refuses a model that is not the checkpoint's, checked when the model first calls the listener: another
     * architecture, or other parameters (most often a fresh network: the model was not restored).
     */
    static void sameModel(Path checkpoint, Map<String, String> saved, TrainedModel model, int epochsDone) {
        String architecture = saved.get(ARCHITECTURE);
        if (architecture != null && !architecture.equals(architecture(model))) {
            throw new IllegalStateException("The model being trained is not the checkpoint's: the checkpoint "
                    + checkpoint + " holds " + architecture + ", this is " + architecture(model) + ". Restore it with"
                    + " PruningCheckpoint.restoreNetwork(dir) (or restoreGraph) and train that.");
        }
        String params = saved.get(PARAMETERS);
        if (params != null && !close(params, parameters(model.model()))) {
            boolean fresh = model.epochCount() == 0 && epochsDone > 0;
            throw new IllegalStateException("The model's parameters are not those of the checkpoint " + checkpoint
                    + " (" + epochsDone + " epoch(s) done)" + (fresh ? ": it has trained no epoch, so it was probably"
                    + " built afresh instead of restored" : "") + ". Train the checkpoint's model:"
                    + " PruningCheckpoint.restoreNetwork(dir) (or restoreGraph) with the same dir as resumeFrom.");
        }
    }

    /**
     * Refuses a resumed run whose iterator pre-processes batches otherwise than the checkpoint's did (a normalizer
     * forgotten, or another one), which would train the remaining epochs on differently scaled inputs. A checkpoint
     * that did not record the pre-processor is not refused for it. Checked when training starts, not when the
     * listener is built, since {@code setPreProcessor} may come after.
     */
    static void samePreProcessor(Path checkpoint, Map<String, String> saved, String now) {
        String before = saved.get(PruningIterator.PRE_PROCESSOR_SETTING);
        if (before != null && !before.equals(now)) {
            throw new IllegalStateException("The checkpoint " + checkpoint + " was trained with the pre-processor "
                    + before + " on its PruningIterator; this run's iterator has " + now + ", so the remaining epochs"
                    + " would train on differently prepared inputs. Set the same pre-processor (fitted as before) with"
                    + " setPreProcessor before fit.");
        }
    }

    private static boolean close(String saved, String now) {
        String[] a = saved.split(" ");
        String[] b = now.split(" ");
        if (!a[0].equals(b[0])) {
            return false;
        }
        for (int i = 1; i < 3; i++) {
            double x = Double.parseDouble(a[i]);
            double y = Double.parseDouble(b[i]);
            if (Math.abs(x - y) > TOLERANCE * Math.max(1, Math.abs(x))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Warns when a new run starts on a model that has trained already: a restart without {@code resumeFrom} (the
     * model restored from DL4J's CheckpointListener, say) redoes the warm-up on all data; fine-tuning is right.
     */
    static void warnIfTrainedBefore(TrainedModel model) {
        if (model.epochCount() > 0) {
            log.warn("DataPrune4J: the model has trained {} epoch(s) already (its epoch count), and this listener"
                    + " starts a new pruning run with its warm-up on all data. To continue an interrupted pruned"
                    + " run, resume it (checkpoints(dir).resumeFrom(dir); DL4J's CheckpointListener saves no"
                    + " pruning state); to fine-tune a trained model, this is right.", model.epochCount());
        }
    }
}
