package org.dataprune4j.data;

import java.util.Locale;

/** Argument checks without Guava: this module runs in Spark drivers and executors beside Spark's old Guava. */
final class Args {
    private Args() {
    }

    /** Throws {@link IllegalArgumentException} with {@code String.format(message, args)} unless {@code ok}. */
    static void checkArgument(boolean ok, String message, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, message, args));
        }
    }
}
