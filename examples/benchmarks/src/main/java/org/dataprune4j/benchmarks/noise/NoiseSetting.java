package org.dataprune4j.benchmarks.noise;

import java.util.Arrays;
import java.util.Locale;
import org.dataprune4j.data.LabelNoise;
import org.dataprune4j.data.LabelledImages;

/**
 * A label-noise setting of the study: symmetric flips of a share of all labels, or the asymmetric look-alike case
 * (40% of Fashion-MNIST's shirts labelled T-shirt/top).
 *
 * @param key its name on the command line: {@code sym5}, {@code sym10}, {@code sym20}, {@code shirt}
 * @param fraction the share flipped (of all labels, or of the shirts)
 * @param asymmetric whether it is the shirt case
 */
public record NoiseSetting(String key, double fraction, boolean asymmetric) {
    private static final int SHIRT = 6;
    private static final int T_SHIRT = 0;

    /** The setting named {@code key}: {@code symN} (N percent symmetric) or {@code shirt}. */
    public static NoiseSetting parse(String key) {
        if (key.equals("shirt")) {
            return new NoiseSetting(key, 0.40, true);
        }
        if (key.startsWith("sym")) {
            try {
                double percent = Double.parseDouble(key.substring(3));
                if (percent > 0 && percent < 100) {
                    return new NoiseSetting(key, percent / 100, false);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("Unknown noise setting '" + key + "': use symN (N percent of the labels"
                + " flipped to another class, 0 < N < 100, e.g. sym10) or shirt (40% of Fashion-MNIST's shirts"
                + " labelled T-shirt/top)");
    }

    /** Parses a comma-separated list. */
    public static java.util.List<NoiseSetting> parseAll(String keys) {
        return Arrays.stream(keys.split(",")).map(String::trim).filter(k -> !k.isEmpty()).map(NoiseSetting::parse)
                .toList();
    }

    /** Whether this setting applies to {@code dataset} (the shirt case is Fashion-MNIST's). */
    public boolean appliesTo(String dataset) {
        return !asymmetric || dataset.equals("fashion-mnist");
    }

    /** Flips the labels with a seed. */
    public LabelNoise.Noisy apply(LabelledImages clean, long seed) {
        return asymmetric ? LabelNoise.asymmetric(clean, SHIRT, T_SHIRT, fraction, seed)
                : LabelNoise.symmetric(clean, fraction, seed);
    }

    /** A description for tables, e.g. {@code symmetric 10%}. */
    public String describe() {
        return asymmetric ? "40% of shirts labelled T-shirt/top"
                : String.format(Locale.ROOT, "symmetric %s%%", key.substring(3));
    }
}
