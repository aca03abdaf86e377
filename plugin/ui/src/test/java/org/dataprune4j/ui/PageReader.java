package org.dataprune4j.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.dataprune4j.Outlier;
import org.dataprune4j.PruningLedger;
import org.dataprune4j.PruningReport;
import org.dataprune4j.ScoreHistogram;

/** Reads the figures the Pruning page shows (from the rendered DOM) and checks them against the listener's. */
public final class PageReader {
    /** One JavaScript expression that collects what the page shows, as JSON. */
    private static final String READ = "JSON.stringify({"
            + "epochs: +document.getElementById('status').dataset.epochs || 0,"
            + "examples: [...document.querySelectorAll('[data-k^=\"examples-\"]')].map(e => +e.textContent),"
            + "trained: +document.getElementById('ledger').dataset.trained,"
            + "kept: +(document.querySelector('[data-k=kept]') || {}).textContent,"
            + "total: +(document.querySelector('[data-k=total]') || {}).textContent,"
            + "lo: +(document.querySelector('[data-k=range-lo]') || {}).textContent,"
            + "hi: +(document.querySelector('[data-k=range-hi]') || {}).textContent,"
            + "decision: document.getElementById('decision').value,"
            + "binsKept: [...document.querySelectorAll('rect.bin')].map(e => +e.dataset.kept),"
            + "binsPruned: [...document.querySelectorAll('rect.bin')].map(e => +e.dataset.pruned),"
            + "classKept: [...document.querySelectorAll('[data-k^=\"class-' + document.getElementById('decision').value"
            + " + '-\"]')].map(e => +e.dataset.kept),"
            + "outliers: [...document.querySelectorAll('#outliers .card')].map(e => +e.dataset.id),"
            + "images: document.querySelectorAll('#outliers canvas').length,"
            + "runs: document.getElementById('run').options.length})";

    private final HeadlessChromium browser;

    public PageReader(HeadlessChromium browser) {
        this.browser = browser;
    }

    /** What the page shows now. */
    public JsonObject read() throws Exception {
        return new JsonObject((String) browser.eval(READ));
    }

    /** Checks that the page shows the report's decision and the ledger's epochs; returns what it read. */
    public JsonObject assertShows(PruningReport report, PruningLedger ledger, int bins) throws Exception {
        JsonObject page = read();
        assertEquals(ledger.epochs(), page.getInteger("epochs"));
        assertEquals(ledger.examplesPerEpoch(), page.getJsonArray("examples").getList());
        assertEquals(ledger.examplesTrained(), page.getLong("trained"));
        assertEquals(report.keptCount(), page.getInteger("kept"));
        assertEquals(report.totalCount(), page.getInteger("total"));
        // the page prints 6 significant digits
        double lo = report.keptScoreRange().lowerEndpoint();
        double hi = report.keptScoreRange().upperEndpoint();
        assertEquals(lo, page.getDouble("lo"), 1e-5 * Math.max(1, Math.abs(lo)));
        assertEquals(hi, page.getDouble("hi"), 1e-5 * Math.max(1, Math.abs(hi)));
        ScoreHistogram h = report.scoreHistogram(bins);
        assertArrayEquals(h.kept(), PruningStatsRecorderTest.ints(page.getJsonArray("binsKept")));
        assertArrayEquals(h.pruned(), PruningStatsRecorderTest.ints(page.getJsonArray("binsPruned")));
        assertArrayEquals(report.keptPerClass(), PruningStatsRecorderTest.ints(page.getJsonArray("classKept")));
        List<Integer> ids = report.outliers().stream().map(Outlier::id).toList();
        assertEquals(ids, page.getJsonArray("outliers").getList());
        return page;
    }
}
