package org.dataprune4j.benchmarks.matrix;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.dataprune4j.score.ScoreKind;

/**
 * One run of the matrix. A full-data run has no score and keeps 1.0.
 *
 * @param dataset data set name, e.g. {@code fashion-mnist}
 * @param score the score ranked by (ignored for full data and random, which keep one run per kept fraction)
 * @param rule the selection rule
 * @param kept the fraction kept (the tuned range's budget)
 * @param seed network, shuffle and rule seed
 */
public record Cell(String dataset, ScoreKind score, RuleKind rule, double kept, long seed) {

    /** Validates the fields. */
    public Cell {
        requireNonNull(dataset, "dataset");
        requireNonNull(score, "score");
        requireNonNull(rule, "rule");
    }

    /** A unique key: what the results file records and a resumed run skips. */
    public String key() {
        return String.format(Locale.ROOT, "%s|%s|%s|%.2f|%d", dataset, score.name(), rule.name(), kept, seed);
    }

    /** The cell of a key. */
    public static Cell ofKey(String key) {
        String[] p = key.split("\\|");
        if (p.length != 5) {
            throw new IllegalArgumentException("A cell key has 5 fields separated by '|', got '" + key + "'");
        }
        return new Cell(p[0], ScoreKind.valueOf(p[1]), RuleKind.valueOf(p[2]), Double.parseDouble(p[3]),
                Long.parseLong(p[4]));
    }
}
