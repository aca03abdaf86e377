package org.dataprune4j.tune;

import java.util.Locale;

/**
 * Whether the training labels look noisier than the validation labels, from the warmed-up model at the swap: its
 * error on a sample of the training set (against the training labels) against its error on the validation set. A
 * model that has not memorised flipped labels errs on almost every flipped example, so with a share {@code r} of
 * symmetric flips among {@code K} classes the training error exceeds the validation error by about
 * {@code r (1 - e K / (K - 1))}; on clean labels the training error is the lower of the two. The excess counts
 * only when it is more than two standard errors; the validation labels must be trusted (clean).
 *
 * @param trainingError error of the warmed-up model on the training sample, against the training labels
 * @param sampled training examples in the sample
 * @param validationError its error on the validation set
 * @param validated validation examples
 * @param classes number of classes
 */
public record NoiseCheck(double trainingError, int sampled, double validationError, int validated, int classes) {
    /** How many standard errors the excess must reach to count. */
    public static final double Z = 2.0;

    /** The training error minus the validation error. */
    public double excess() {
        return trainingError - validationError;
    }

    /** The standard error of {@link #excess()} (two independent proportions). */
    public double standardError() {
        return Math.sqrt(trainingError * (1 - trainingError) / sampled
                + validationError * (1 - validationError) / validated);
    }

    /** Whether the excess is more than {@link #Z} standard errors. */
    public boolean detected() {
        return excess() > Z * standardError();
    }

    /** The estimated share of wrong training labels, 0 when not {@link #detected()}. */
    public double estimatedShare() {
        if (!detected()) {
            return 0;
        }
        double seen = 1 - validationError * classes / (classes - 1.0);
        return Math.min(1, excess() / Math.max(seen, 0.1));
    }

    /** One line for the log. */
    public String describe() {
        return String.format(Locale.ROOT, "the warmed-up model errs on %.2f%% of %,d training examples and %.2f%% of"
                        + " %,d validation examples (excess %+.2f pp, %.2f standard errors): %s", 100 * trainingError,
                sampled, 100 * validationError, validated, 100 * excess(), excess() / standardError(),
                detected() ? String.format(Locale.ROOT, "about %.1f%% of the training labels look wrong",
                        100 * estimatedShare()) : "no sign of label noise");
    }
}
