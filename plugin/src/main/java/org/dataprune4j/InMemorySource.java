package org.dataprune4j;

import java.util.Arrays;
import java.util.BitSet;
import org.dataprune4j.internal.OneHot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Examples held in one {@link DataSet}; each batch is gathered with {@code Nd4j.pullRows}, much faster than
 * {@code getRows} (docs/BENCHMARKS.md). Labels are kept as one class index per example (4 bytes, not the one-hot
 * rows: 4,000 bytes an example at 1,000 classes) and each batch's one-hot rows are built when it is served.
 */
final class InMemorySource implements ExampleSource {
    private final INDArray features;
    private final long[] featureShape;
    private final int numClasses;
    private final DataType labelType;
    private final INDArray featuresMask;
    private final long[] featuresMaskShape;
    private final INDArray labelsMask;
    private final long[] labelsMaskShape;
    private final int[] labelIndices;
    private final BitSet masked;

    InMemorySource(DataSet data) {
        if (data == null) {
            throw new NullPointerException("data");
        }
        SourceChecks.checkShapes(data.getFeatures(), data.getLabels(), "The DataSet");
        if (data.numExamples() == 0) {
            throw new IllegalArgumentException("The DataSet is empty; give the PruningIterator at least one example.");
        }
        this.featureShape = data.getFeatures().shape();
        this.features = SourceChecks.flatten(data.getFeatures());
        this.numClasses = (int) data.getLabels().size(1);
        this.labelType = data.getLabels().dataType();
        this.featuresMask = SourceChecks.flatten(data.getFeaturesMaskArray());
        this.featuresMaskShape = featuresMask == null ? null : data.getFeaturesMaskArray().shape();
        this.labelsMask = SourceChecks.flatten(data.getLabelsMaskArray());
        this.labelsMaskShape = labelsMask == null ? null : data.getLabelsMaskArray().shape();
        this.labelIndices = SourceChecks.labelIndices(data.getLabels(), 0);
        BitSet m = SourceChecks.maskedRows(data.getLabelsMaskArray(), 0);
        this.masked = m == null ? new BitSet() : m;
    }

    @Override
    public int size() {
        return labelIndices.length;
    }

    @Override
    public int[] labels() {
        return labelIndices;
    }

    @Override
    public int inputColumns() {
        return (int) features.size(1);
    }

    @Override
    public int totalOutcomes() {
        return numClasses;
    }

    @Override
    public BitSet masked() {
        return (BitSet) masked.clone();
    }

    @Override
    public boolean prefetchAllowed() {
        return true;
    }

    @Override
    public boolean randomAccess() {
        return true;
    }

    DataSet gather(int[] ids) {
        INDArray f = gather(features, featureShape, ids);
        INDArray l = OneHot.encode(labelIndices, ids, numClasses, labelType);
        INDArray fm = featuresMask == null ? null : gather(featuresMask, featuresMaskShape, ids);
        INDArray lm = labelsMask == null ? null : gather(labelsMask, labelsMaskShape, ids);
        return new DataSet(f, l, fm, lm);
    }

    private static INDArray gather(INDArray flat, long[] shape, int[] ids) {
        INDArray rows = isConsecutive(ids)
                ? flat.get(NDArrayIndex.interval(ids[0], ids[0] + ids.length), NDArrayIndex.all()).dup('c')
                : Nd4j.pullRows(flat, 1, ids, 'c');
        return shape.length == 2 ? rows : rows.reshape('c', SourceChecks.shapeFor(shape, ids.length));
    }

    /** Consecutive ascending ids (the scoring passes) are copied as one block, far faster than pullRows. */
    private static boolean isConsecutive(int[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] != ids[i - 1] + 1) {
                return false;
            }
        }
        return ids.length > 0;
    }

    @Override
    public Cursor open(int[] ids, int batchSize) {
        return new Cursor() {
            private int position;
            private int[] last;

            @Override
            public boolean hasNext() {
                return position < ids.length;
            }

            @Override
            public DataSet next() {
                int end = Math.min(ids.length, position + batchSize);
                last = Arrays.copyOfRange(ids, position, end);
                position = end;
                return gather(last);
            }

            @Override
            public int[] lastIds() {
                return last;
            }

            @Override
            public RuntimeException failure() {
                return null;
            }
        };
    }
}
