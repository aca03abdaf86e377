package org.dataprune4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Examples streamed from a resettable {@link DataSetIterator}. An example's id is its position in the stream,
 * so the source must yield the same examples in the same order every epoch: the first pass (at construction)
 * records each position's label, and every later pass checks count and labels against it. Kept examples are
 * re-batched to the requested batch size; the stream's order is kept (no reshuffle).
 *
 * <p>Batches are built outside ND4J workspaces, because rows carried over from one source batch to the next
 * must outlive the prefetch thread's workspace cycle.
 */
final class StreamingSource implements ExampleSource {
    private final DataSetIterator source;
    private final int[] labelIndices;
    /** Every example's feature fingerprint on the first pass; null once the source is said to augment. */
    private int[] fingerprints;
    private boolean featuresChange;
    private final BitSet masked = new BitSet();
    private final int inputColumns;
    private final int totalOutcomes;
    private final int firstBatchSize;

    StreamingSource(DataSetIterator source) {
        if (source == null) {
            throw new NullPointerException("source");
        }
        if (!source.resetSupported()) {
            throw new IllegalArgumentException("The source iterator " + source.getClass().getSimpleName()
                    + " does not support reset(); the PruningIterator passes over it every epoch. Load it into a"
                    + " DataSet, or use a resettable iterator.");
        }
        source.reset();
        List<int[]> chunks = new ArrayList<>();
        List<int[]> prints = new ArrayList<>();
        int first = 0;
        int n = 0;
        long columns = -1;
        long outcomes = -1;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            while (source.hasNext()) {
                DataSet batch = source.next();
                SourceChecks.checkShapes(batch.getFeatures(), batch.getLabels(), "The source iterator's batch at "
                        + "example " + n);
                int[] labels = SourceChecks.labelIndices(batch.getLabels(), n);
                chunks.add(labels);
                prints.add(SourceChecks.fingerprints(batch.getFeatures()));
                BitSet m = SourceChecks.maskedRows(batch.getLabelsMaskArray(), n);
                if (m != null) {
                    masked.or(m);
                }
                first = first == 0 ? labels.length : first;
                n += labels.length;
                columns = batch.getFeatures().rank() == 3 ? batch.getFeatures().size(1) // per time step, as DL4J's
                        : batch.getFeatures().length() / Math.max(1, batch.getFeatures().size(0));
                outcomes = batch.getLabels().size(1);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("The source iterator " + source.getClass().getSimpleName()
                    + " yielded no examples; give the PruningIterator a non-empty source (was it reset?).");
        }
        this.source = source;
        this.labelIndices = new int[n];
        this.fingerprints = new int[n];
        int at = 0;
        for (int c = 0; c < chunks.size(); c++) {
            System.arraycopy(chunks.get(c), 0, labelIndices, at, chunks.get(c).length);
            System.arraycopy(prints.get(c), 0, fingerprints, at, chunks.get(c).length);
            at += chunks.get(c).length;
        }
        this.inputColumns = (int) columns;
        this.totalOutcomes = (int) outcomes;
        this.firstBatchSize = first;
    }

    @Override
    public int size() {
        return labelIndices.length;
    }

    @Override
    public BitSet masked() {
        return (BitSet) masked.clone();
    }

    /**
     * The source augments its examples: from now on an example is checked by position, label and count, not by its
     * features (the fingerprints are dropped).
     */
    void acceptChangingFeatures() {
        fingerprints = null;
        featuresChange = true;
    }

    @Override
    public boolean featuresChange() {
        return featuresChange;
    }

    /** Number of examples in the source's first batch. */
    int firstBatchSize() {
        return firstBatchSize;
    }

    /** As the source iterator says ({@code asyncSupported()}): some sources must be read on one thread. */
    @Override
    public boolean prefetchAllowed() {
        return source.asyncSupported();
    }

    @Override
    public int[] labels() {
        return labelIndices;
    }

    @Override
    public int inputColumns() {
        return inputColumns;
    }

    @Override
    public int totalOutcomes() {
        return totalOutcomes;
    }

    @Override
    public boolean randomAccess() {
        return false;
    }

    @Override
    public Cursor open(int[] ids, int batchSize) {
        BitSet wanted = new BitSet(labelIndices.length);
        for (int i = 0; i < ids.length; i++) {
            if (i > 0 && ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("A streamed source serves ids in ascending order only");
            }
            wanted.set(ids[i]);
        }
        source.reset();
        return new StreamCursor(wanted, batchSize);
    }

    /** Rows [from, to) of one source batch, with their ids. */
    private record Fragment(DataSet data, int[] ids) {
    }

    private final class StreamCursor implements Cursor {
        private final BitSet wanted;
        private final int batchSize;
        private final Deque<Fragment> pending = new ArrayDeque<>();
        private int pendingRows;
        private int position;
        private boolean exhausted;
        private RuntimeException failure;
        private int[] last;

        StreamCursor(BitSet wanted, int batchSize) {
            this.wanted = wanted;
            this.batchSize = batchSize;
        }

        @Override
        public boolean hasNext() {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                fill();
            }
            return failure == null && pendingRows > 0;
        }

        private void fill() {
            while (failure == null && !exhausted && pendingRows < batchSize) {
                if (!source.hasNext()) {
                    exhausted = true;
                    if (position != labelIndices.length) {
                        failure = sizeChanged(position);
                    }
                    return;
                }
                DataSet batch = source.next();
                int rows = batch.numExamples();
                if (position + rows > labelIndices.length) {
                    failure = sizeChanged(position + rows);
                    return;
                }
                int[] labels = SourceChecks.labelIndices(batch.getLabels(), position);
                int[] expected = fingerprints;
                int[] prints = expected == null ? null : SourceChecks.fingerprints(batch.getFeatures());
                for (int r = 0; r < rows; r++) {
                    if (prints != null && prints[r] != expected[position + r]
                            && labels[r] == labelIndices[position + r]) {
                        failure = new IllegalStateException("The source iterator changed its order or its data: the"
                                + " features of the example at position " + (position + r) + " differ from the first"
                                + " pass (same label, different pixels or values). Example ids are stream positions,"
                                + " so the source must yield the same examples in the same order every epoch. The"
                                + " usual causes: a pre-processor (a normalizer) set on a source that keeps its"
                                + " DataSets, such as ListDataSetIterator, which normalises them in place again every"
                                + " epoch (set it on the PruningIterator with preProcessor(...) instead); shuffling in"
                                + " the source; random augmentation inside it (an ImageTransform in an"
                                + " ImageRecordReader): say so with PruningIterator.builder(source).sourceAugments(),"
                                + " or augment with augmentation(...) on the PruningIterator. Or load the data into a"
                                + " DataSet.");
                        return;
                    }
                    if (labels[r] != labelIndices[position + r]) {
                        failure = new IllegalStateException("The source iterator changed its order: the example at"
                                + " position " + (position + r) + " had label " + labelIndices[position + r]
                                + " on the first pass and " + labels[r] + " now. Example ids are stream positions,"
                                + " so the source must yield the same examples in the same order every epoch:"
                                + " turn off its shuffling (the PruningIterator does not reshuffle streams; a DataVec"
                                + " FileSplit given a Random reshuffles at every reset: shuffle its locations() once"
                                + " and read them with a CollectionInputSplit) or load the data into a DataSet, which"
                                + " the PruningIterator reshuffles itself.");
                        return;
                    }
                }
                addWanted(batch, rows);
                position += rows;
            }
        }

        private IllegalStateException sizeChanged(int seen) {
            return new IllegalStateException("The source iterator yielded " + (exhausted ? "" : "at least ") + seen
                    + " examples this epoch but " + labelIndices.length + " on its first pass. Example ids are stream"
                    + " positions, so the source must yield the same examples every epoch; a source that changes"
                    + " size cannot be pruned by id.");
        }

        private void addWanted(DataSet batch, int rows) {
            int[] keep = new int[rows];
            int k = 0;
            for (int r = 0; r < rows; r++) {
                if (wanted.get(position + r)) {
                    keep[k++] = r;
                }
            }
            if (k == 0) {
                return;
            }
            int[] ids = new int[k];
            for (int i = 0; i < k; i++) {
                ids[i] = position + keep[i];
            }
            DataSet rowsKept = k == rows ? detached(batch) : select(batch, Arrays.copyOf(keep, k));
            pending.add(new Fragment(rowsKept, ids));
            pendingRows += k;
        }

        @Override
        public DataSet next() {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                fill();
                int take = Math.min(batchSize, pendingRows);
                List<DataSet> parts = new ArrayList<>();
                int[] ids = new int[take];
                int got = 0;
                while (got < take) {
                    Fragment head = pending.poll();
                    int n = head.ids().length;
                    int use = Math.min(n, take - got);
                    System.arraycopy(head.ids(), 0, ids, got, use);
                    if (use == n) {
                        parts.add(head.data());
                    } else {
                        parts.add(rows(head.data(), 0, use));
                        pending.addFirst(new Fragment(rows(head.data(), use, n),
                                Arrays.copyOfRange(head.ids(), use, n)));
                    }
                    got += use;
                }
                pendingRows -= take;
                last = ids;
                return parts.size() == 1 ? parts.get(0) : merge(parts);
            }
        }

        @Override
        public int[] lastIds() {
            return last;
        }

        @Override
        public RuntimeException failure() {
            return failure;
        }
    }

    /**
     * The parts stacked row after row, each array keeping its own shape: DL4J's {@code DataSet.merge} widens a
     * per-example labels mask [n, 1] to [n, classes], which MCXENT with softmax then rejects ("Per output masking
     * ... not supported"). Masks present in some parts only get ones (a present mask) for the others. Sequences
     * of different lengths are first padded at the end to the longest ({@link SequencePadding}).
     */
    static DataSet merge(List<DataSet> unpadded) {
        List<DataSet> parts = SequencePadding.toLongest(unpadded);
        return new DataSet(stack(parts, DataSet::getFeatures), stack(parts, DataSet::getLabels),
                stack(parts, DataSet::getFeaturesMaskArray), stack(parts, DataSet::getLabelsMaskArray));
    }

    private static INDArray stack(List<DataSet> parts, java.util.function.Function<DataSet, INDArray> part) {
        INDArray shaped = parts.stream().map(part).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (shaped == null) {
            return null;
        }
        INDArray[] arrays = new INDArray[parts.size()];
        for (int i = 0; i < arrays.length; i++) {
            INDArray a = part.apply(parts.get(i));
            if (a == null) {
                long[] shape = shaped.shape().clone();
                shape[0] = parts.get(i).getFeatures().size(0);
                a = Nd4j.ones(shaped.dataType(), shape);
            }
            arrays[i] = a;
        }
        return Nd4j.concat(0, arrays);
    }

    private static DataSet detached(DataSet batch) {
        return new DataSet(dup(batch.getFeatures()), dup(batch.getLabels()), dup(batch.getFeaturesMaskArray()),
                dup(batch.getLabelsMaskArray()));
    }

    private static INDArray dup(INDArray a) {
        return a == null ? null : a.dup();
    }

    private static DataSet select(DataSet batch, int[] rows) {
        return new DataSet(pull(batch.getFeatures(), rows), pull(batch.getLabels(), rows),
                pull(batch.getFeaturesMaskArray(), rows), pull(batch.getLabelsMaskArray(), rows));
    }

    private static INDArray pull(INDArray a, int[] rows) {
        if (a == null) {
            return null;
        }
        INDArray flat = SourceChecks.flatten(a);
        INDArray picked = Nd4j.pullRows(flat, 1, rows, 'c');
        return a.rank() == 2 ? picked : picked.reshape('c', SourceChecks.shapeFor(a.shape(), rows.length));
    }

    private static DataSet rows(DataSet d, int from, int to) {
        return new DataSet(slice(d.getFeatures(), from, to), slice(d.getLabels(), from, to),
                slice(d.getFeaturesMaskArray(), from, to), slice(d.getLabelsMaskArray(), from, to));
    }

    private static INDArray slice(INDArray a, int from, int to) {
        if (a == null) {
            return null;
        }
        INDArrayIndex[] index = new INDArrayIndex[a.rank()];
        index[0] = NDArrayIndex.interval(from, to);
        for (int d = 1; d < index.length; d++) {
            index[d] = NDArrayIndex.all();
        }
        return a.get(index).dup('c');
    }
}
