package org.dataprune4j.ui;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.dataprune4j.EpochSummary;
import org.dataprune4j.Outlier;
import org.dataprune4j.PruningLedger;
import org.dataprune4j.PruningReport;
import org.dataprune4j.ScoreHistogram;
import org.dataprune4j.select.ScoreInterval;

/** The JSON of the records the recorder stores and the page reads: a run's static information and its epochs. */
final class RecordJson {

    private RecordJson() {
    }

    static JsonObject runInfo(String runId, long startedAt, int numExamples, List<String> classNames,
            Map<String, String> configuration, int[] imageShape, int histogramBins) {
        JsonObject config = new JsonObject();
        configuration.forEach(config::put);
        return new JsonObject().put("runId", runId).put("startedAt", startedAt).put("numExamples", numExamples)
                .put("classNames", new JsonArray(List.copyOf(classNames))).put("configuration", config)
                .put("imageShape", imageShape == null ? null : ints(imageShape)).put("histogramBins", histogramBins);
    }

    /** One epoch; {@code images} holds an outlier's pixels by id, or is empty. */
    static JsonObject epoch(EpochSummary s, int histogramBins, OutlierImages images) {
        JsonObject o = new JsonObject().put("epoch", s.epoch()).put("examplesTrained", s.examplesTrained())
                .put("nextEpochExamples", s.nextEpochExamples()).put("phase", s.phase())
                .put("learningRateFirst", finite(s.learningRateFirst()))
                .put("learningRateLast", finite(s.learningRateLast())).put("ledger", ledger(s.ledger()));
        s.decision().ifPresent(r -> o.put("decision", decision(r, histogramBins, images)));
        return o;
    }

    static JsonObject ledger(PruningLedger ledger) {
        JsonArray perEpoch = new JsonArray();
        ledger.examplesPerEpoch().forEach(perEpoch::add);
        return new JsonObject().put("examplesPerEpoch", perEpoch).put("examplesTrained", ledger.examplesTrained())
                .put("fullDataExamples", ledger.fullDataExamples())
                .put("extraInferenceExamples", ledger.extraInferenceExamples())
                .put("examplesRatio", finite(1 - ledger.effectivePruningRatio())).put("describe", ledger.describe());
    }

    static JsonObject decision(PruningReport r, int bins, OutlierImages images) {
        ScoreHistogram h = r.scoreHistogram(bins);
        ScoreInterval range = r.keptScoreRange();
        JsonArray outliers = new JsonArray();
        for (Outlier out : r.outliers()) {
            outliers.add(new JsonObject().put("id", out.id()).put("label", out.label())
                    .put("predicted", out.predicted()).put("score", finite(out.score())).put("kept", out.kept())
                    .put("pixels", images.pixels(out.id())));
        }
        return new JsonObject().put("swapEpoch", r.swapEpoch()).put("scoreKind", r.scoreKind().columnName())
                .put("rule", r.selection().rule()).put("kept", r.keptCount()).put("total", r.totalCount())
                .put("keptPerClass", ints(r.keptPerClass())).put("totalPerClass", ints(r.totalPerClass()))
                .put("keptRange", new JsonArray().add(finite(range.lowerEndpoint()))
                        .add(finite(range.upperEndpoint())))
                .put("histogram", new JsonObject().put("lower", h.lower()).put("upper", h.upper())
                        .put("kept", ints(h.kept())).put("pruned", ints(h.pruned())).put("nonFinite", h.nonFinite()))
                .put("outliers", outliers);
    }

    private static JsonArray ints(int[] values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    /** JSON has no NaN or infinity: null stands for them. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
