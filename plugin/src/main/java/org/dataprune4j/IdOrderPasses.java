package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Passes over the examples outside the training epoch (scoring, tuning, the data's fingerprint), in id order or in
 * a given order, pre-processed as training batches are; a streamed source is read once more. Internal to the
 * iterator.
 */
final class IdOrderPasses {
    private final ExampleSource source;
    private final int[] labels;
    private final UnaryOperator<DataSet> preProcess;

    IdOrderPasses(ExampleSource source, int[] labels, UnaryOperator<DataSet> preProcess) {
        this.source = source;
        this.labels = labels;
        this.preProcess = preProcess;
    }

    /** One pass over the given examples in id order, {@code passBatchSize} at a time: each batch's ids and data. */
    void forEachInIdOrder(int[] ids, int passBatchSize, BiConsumer<int[], DataSet> consumer) {
        checkArgument(passBatchSize > 0, "batch size must be positive, got %s", passBatchSize);
        for (int i = 0; i < ids.length; i++) {
            checkArgument(ids[i] >= 0 && ids[i] < labels.length && (i == 0 || ids[i] > ids[i - 1]),
                    "ids must be ascending, distinct and in [0, %s); got %s at position %s", labels.length, ids[i], i);
        }
        ExampleSource.Cursor pass = source.open(ids.clone(), passBatchSize);
        while (pass.hasNext()) {
            DataSet batch = preProcess.apply(pass.next());
            consumer.accept(pass.lastIds(), batch);
        }
        if (pass.failure() != null) {
            throw pass.failure();
        }
    }

    /** The examples with these ids, in this order, {@code passBatchSize} at a time (a tuner's training data). */
    void forEachBatch(int[] ids, int passBatchSize, Consumer<DataSet> consumer) {
        checkArgument(passBatchSize > 0, "batch size must be positive, got %s", passBatchSize);
        for (int id : ids) {
            checkArgument(id >= 0 && id < labels.length, "id %s is not in [0, %s)", id, labels.length);
        }
        ExampleSource.Cursor pass = source.open(ids.clone(), passBatchSize);
        while (pass.hasNext()) {
            consumer.accept(preProcess.apply(pass.next()));
        }
        if (pass.failure() != null) {
            throw pass.failure();
        }
    }

    /**
     * A SHA-256 digest of the data: the number of examples and classes, every example's label and the hash of its
     * features, in id order; for a source that augments (its features change at every read) the labels and counts
     * only, marked as such, so that a tuning saved on it is found again on the next run.
     */
    String fingerprint() {
        Hasher hasher = Hashing.sha256().newHasher().putInt(labels.length).putInt(source.totalOutcomes());
        for (int label : labels) {
            hasher.putInt(label);
        }
        if (source.featuresChange()) {
            return hasher.putString("features change: labels and counts only", StandardCharsets.UTF_8).hash()
                    .toString();
        }
        forEachInIdOrder(ExampleSource.allIds(labels.length), 1024, (ids, batch) -> {
            for (int print : SourceChecks.fingerprints(batch.getFeatures())) {
                hasher.putInt(print);
            }
        });
        return hasher.hash().toString();
    }
}
