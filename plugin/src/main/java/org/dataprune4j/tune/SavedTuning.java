package org.dataprune4j.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.dataprune4j.internal.AtomicFiles;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * A tuned range saved as JSON with the fingerprint of the data it was tuned on, so that a later run on the same
 * data reuses it without tuning again ({@link HalvingTunerBuilder#savedTo}), and a run on other data refuses it.
 *
 * @param format file format version, 1
 * @param dataFingerprint digest of the training data's features and labels, in id order
 * @param numExamples training examples
 * @param score the ranked score, e.g. {@code el2n}
 * @param budget the kept fraction the candidates shared
 * @param lo the tuned range's lower quantile
 * @param hi the tuned range's upper quantile
 * @param objective what was optimised, e.g. {@code accuracy}
 * @param objectiveValue the winner's validation objective at the last rung
 * @param candidates number of candidate ranges
 * @param trainedExamples examples the candidates trained on, all rungs
 * @param validationExamples validation examples evaluated, all rungs
 * @param seconds wall time of the search
 */
public record SavedTuning(@JsonProperty("format") int format,
                          @JsonProperty("dataFingerprint") String dataFingerprint,
                          @JsonProperty("numExamples") int numExamples, @JsonProperty("score") String score,
                          @JsonProperty("budget") double budget, @JsonProperty("lo") double lo,
                          @JsonProperty("hi") double hi, @JsonProperty("objective") String objective,
                          @JsonProperty("objectiveValue") double objectiveValue,
                          @JsonProperty("candidates") int candidates,
                          @JsonProperty("trainedExamples") long trainedExamples,
                          @JsonProperty("validationExamples") long validationExamples,
                          @JsonProperty("seconds") double seconds) {
    /** The file format this version writes and reads. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The saved range. */
    public QuantileRange range() {
        return new QuantileRange(lo, hi);
    }

    /**
     * Writes the file atomically (a crash leaves the old file or the new one, never half of one).
     *
     * @throws UncheckedIOException if it cannot be written
     */
    public void write(Path file) {
        AtomicFiles.write(file, "the tuning result", out -> out.write(JSON.writeValueAsString(this)));
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws IllegalArgumentException if the file is not a tuning result of this format, saying what to do
     */
    public static SavedTuning read(Path file) {
        SavedTuning t;
        try {
            t = JSON.readValue(Files.readAllBytes(file), SavedTuning.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("The tuning file " + file.toAbsolutePath() + " cannot be read as a"
                    + " saved tuning (" + e.getMessage() + "). Delete it to tune again.", e);
        }
        if (t.format() != FORMAT || t.dataFingerprint() == null || t.score() == null) {
            throw new IllegalArgumentException("The tuning file " + file.toAbsolutePath() + " has format "
                    + t.format() + ", not " + FORMAT + ", or lacks its data fingerprint. Delete it to tune again.");
        }
        return t;
    }

    /**
     * Checks that this result was tuned for the same data, score and budget as a run now.
     *
     * @throws IllegalStateException naming what differs and what to do
     */
    void requireSameSetting(Path file, String fingerprint, int n, String scoreName, double budgetNow) {
        String why = null;
        if (!dataFingerprint.equals(fingerprint) || numExamples != n) {
            why = String.format(Locale.ROOT, "it was tuned on other data (%,d examples, fingerprint %s) than this"
                    + " run's (%,d examples, fingerprint %s)", numExamples, shortPrint(dataFingerprint), n,
                    shortPrint(fingerprint));
        } else if (!score.equals(scoreName)) {
            why = "it ranks by " + score + ", this run by " + scoreName;
        } else if (Math.abs(budget - budgetNow) > 1e-9) {
            why = "it was tuned for a budget of " + budget + " kept, this run asks " + budgetNow;
        }
        if (why != null) {
            throw new IllegalStateException("The saved tuning " + file.toAbsolutePath() + " does not fit this run: "
                    + why + ". A range tuned on one data set does not carry over to another; delete the file, or"
                    + " save this run's tuning to another path, to tune again.");
        }
    }

    private static String shortPrint(String print) {
        return print.length() > 12 ? print.substring(0, 12) : print;
    }
}
