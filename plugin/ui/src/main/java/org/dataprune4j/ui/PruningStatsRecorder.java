package org.dataprune4j.ui;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dataprune4j.EpochSummary;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningLedger;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningObserver;
import org.dataprune4j.PruningReport;
import org.dataprune4j.internal.OneHot;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.model.storage.impl.JavaStorageMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what a {@link PruningListener} does each epoch into a DL4J {@code StatsStorage}: the examples trained and
 * the ledger, each decision's kept share per class, score histogram and kept range, the likeliest mislabelled
 * examples (with their pixels when they are images), and the learning rate. DL4J's UI shows it on its "Pruning"
 * page ({@code /pruning}, added by {@link PruningUiModule}); a {@code FileStatsStorage} keeps it to replay later.
 *
 * <pre>{@code
 * StatsStorage storage = new FileStatsStorage(new File("training.dl4j"));
 * UIServer.getInstance().attach(storage);
 * PruningStatsRecorder.attach(pruning, storage);   // then http://localhost:9000/pruning
 * }</pre>
 */
public final class PruningStatsRecorder implements PruningObserver {
    private static final Logger log = LoggerFactory.getLogger(PruningStatsRecorder.class);
    /** The type id of DataPrune4J's records in a {@code StatsStorage}. */
    public static final String TYPE_ID = "DataPrune4J";
    /** The worker id of DataPrune4J's records (one listener, one worker). */
    public static final String WORKER_ID = "pruning";

    private final StatsStorageRouter storage;
    private final String sessionId;
    private final int histogramBins;
    private final OutlierImages images;
    private long lastTimestamp;

    private PruningStatsRecorder(StatsStorageRouter storage, String sessionId, int histogramBins,
            OutlierImages images) {
        this.storage = storage;
        this.sessionId = sessionId;
        this.histogramBins = histogramBins;
        this.images = images;
    }

    /**
     * Records {@code listener}'s run into {@code storage} under a new session id, with the default settings.
     *
     * @throws IllegalStateException if the listener already has a recorder
     */
    public static PruningStatsRecorder attach(PruningListener listener, StatsStorageRouter storage) {
        return builder(listener, storage).attach();
    }

    /** Starts a builder: session id, class names, image shape, histogram bins. */
    public static Builder builder(PruningListener listener, StatsStorageRouter storage) {
        return new Builder(requireNonNull(listener, "listener"), requireNonNull(storage, "storage"));
    }

    /** The session id this run's records carry (the page lists runs by it). */
    public String sessionId() {
        return sessionId;
    }

    /** The storage this recorder writes to. */
    public StatsStorageRouter storage() {
        return storage;
    }

    @Override
    public void epochEnded(EpochSummary summary) {
        put(RecordJson.epoch(summary, histogramBins, images).encode());
    }

    private void put(String json) {
        lastTimestamp = Math.max(System.currentTimeMillis(), lastTimestamp + 1); // the storage keys updates by time
        storage.putUpdate(new StoredRecord(sessionId, TYPE_ID, WORKER_ID, lastTimestamp, json));
    }

    private void start(PruningListener listener, List<String> classNames, PruningIterator iterator) {
        long now = System.currentTimeMillis();
        Optional<PruningReport> report = listener.hasSwapped() ? Optional.of(listener.report()) : Optional.empty();
        String runInfo = RecordJson.runInfo(UUID.randomUUID().toString(), now, iterator.numExamples(), classNames,
                listener.config().toMap(), images.shape(), histogramBins).encode();
        storage.putStorageMetaData(new JavaStorageMetaData(now, sessionId, TYPE_ID, WORKER_ID, StoredRecord.class,
                StoredRecord.class));
        storage.putStaticInfo(new StoredRecord(sessionId, TYPE_ID, WORKER_ID, now, runInfo));
        int seen = listener.epochsSeen();
        if (seen > 0) {
            log.warn("The PruningStatsRecorder was attached after {} epoch(s): the page shows their examples from the"
                    + " ledger and the latest decision only (no learning rates, no earlier decisions). Attach it"
                    + " before fit to see every epoch.", seen);
            PruningLedger ledger = listener.ledger();
            for (int e = 0; e < seen; e++) {
                int finalEpoch = e;
                Optional<PruningReport> decided = report.filter(r -> r.swapEpoch() == finalEpoch);
                int next = e + 1 < seen ? ledger.examplesPerEpoch().get(e + 1) : iterator.activeCount();
                epochEnded(new EpochSummary(e, ledger.examplesPerEpoch().get(e), next, "before the recorder",
                        decided, ledger, Double.NaN, Double.NaN));
            }
        }
        listener.addObserver(this);
        log.info("DataPrune4J records this run into {} as session {}: open the UI's /pruning page", storage,
                sessionId);
    }

    @Override
    public String toString() {
        return "PruningStatsRecorder[session " + sessionId + " into " + storage + "]";
    }

    /** Settings of a {@link PruningStatsRecorder}; {@link #attach()} checks them and starts recording. */
    public static final class Builder {
        private final PruningListener listener;
        private final StatsStorageRouter storage;
        private String sessionId;
        private List<String> classNames;
        private int[] imageShape;
        private int histogramBins = 40;

        private Builder(PruningListener listener, StatsStorageRouter storage) {
            this.listener = listener;
            this.storage = storage;
        }

        /**
         * The session id of this run's records; default a new random one. Pass DL4J's
         * {@code statsListener.getSessionID()} to give the Pruning page and DL4J's Train pages one id.
         */
        public Builder sessionId(String sessionId) {
            requireNonNull(sessionId, "sessionId");
            if (sessionId.isBlank()) {
                throw new IllegalArgumentException("sessionId must not be blank");
            }
            this.sessionId = sessionId;
            return this;
        }

        /** A name per class index, for the page; default the iterator's labels, else the indices. */
        public Builder classNames(List<String> classNames) {
            this.classNames = List.copyOf(requireNonNull(classNames, "classNames"));
            return this;
        }

        /**
         * The shape of each example's features as an image, for flat (2-d) features such as MNIST's 784 columns;
         * 4-d image features are drawn in their own shape without it.
         */
        public Builder imageShape(int height, int width, int channels) {
            if (height < 1 || width < 1 || (channels != 1 && channels != 3)) {
                throw new IllegalArgumentException("imageShape needs a positive height and width and 1 or 3 channels,"
                        + " got " + height + " x " + width + " x " + channels);
            }
            this.imageShape = new int[] {channels, height, width};
            return this;
        }

        /** Bins of each decision's score histogram, 2 to 1000; default 40. */
        public Builder histogramBins(int bins) {
            if (bins < 2 || bins > 1000) {
                throw new IllegalArgumentException("histogramBins must be 2 to 1000, got " + bins);
            }
            this.histogramBins = bins;
            return this;
        }

        /**
         * Checks the settings, writes the run's static information and registers the recorder with the listener.
         *
         * @throws IllegalStateException if the listener already has a recorder, or the storage already holds a
         *     pruning run under this session id (nothing is written then)
         * @throws IllegalArgumentException if the class names or image shape do not fit the data
         */
        public PruningStatsRecorder attach() {
            for (Object o : listener.observers()) {
                if (o instanceof PruningStatsRecorder other) {
                    throw new IllegalStateException("This PruningListener already records to " + other.storage
                            + " as session " + other.sessionId + "; one recorder per listener. To show the run in"
                            + " another UI, attach that storage to it (UIServer.attach) instead.");
                }
            }
            String id = sessionId != null ? sessionId : UUID.randomUUID().toString();
            List<String> sessions = pruningSessions(storage);
            if (sessions.contains(id)) {
                throw new IllegalStateException("The storage " + storage + " already holds a pruning run as session "
                        + id + "; recording this run there would mix two runs. Give a new sessionId(...) or use"
                        + " another storage; nothing was written.");
            }
            if (!sessions.isEmpty()) {
                log.info("The storage {} also holds {} earlier pruning run(s) ({}); the page lists every run, newest"
                        + " first", storage, sessions.size(), sessions);
            }
            PruningIterator iterator = listener.iterator();
            int classes = OneHot.classCount(iterator.totalOutcomes()); // 2 for one binary label column
            List<String> names = classNames != null ? classNames : defaultNames(iterator.getLabels(), classes);
            if (names.size() != classes) {
                throw new IllegalArgumentException("classNames has " + names.size() + " names but the data has "
                        + classes + " classes");
            }
            PruningStatsRecorder recorder = new PruningStatsRecorder(storage, id, histogramBins,
                    OutlierImages.of(iterator, imageShape));
            recorder.start(listener, names, iterator);
            return recorder;
        }

        private static List<String> pruningSessions(StatsStorageRouter router) {
            List<String> out = new ArrayList<>();
            if (router instanceof StatsStorage s) {
                for (String sid : s.listSessionIDs()) {
                    if (s.getStaticInfo(sid, TYPE_ID, WORKER_ID) != null) {
                        out.add(sid);
                    }
                }
            }
            return out;
        }

        private static List<String> defaultNames(List<String> labels, int classes) {
            if (labels != null && labels.size() == classes) {
                return List.copyOf(labels);
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                names.add(Integer.toString(c));
            }
            return names;
        }
    }
}
