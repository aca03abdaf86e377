package org.dataprune4j.tune;

/** Fails early, with the fix, when Arbiter (an optional dependency of DataPrune4J) is not on the classpath. */
final class ArbiterCheck {
    private ArbiterCheck() {
    }

    static void requireArbiter() {
        try {
            Class.forName("org.deeplearning4j.arbiter.optimize.api.ParameterSpace", false,
                    ArbiterCheck.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Range tuning needs Arbiter, an optional dependency of DataPrune4J: add"
                    + " org.deeplearning4j:arbiter-core:1.0.0-beta7 (with org.nd4j:* excluded, and commons-lang3 kept"
                    + " at DL4J's 3.11) to your build, as the README's tuning section shows.", e);
        }
    }
}
