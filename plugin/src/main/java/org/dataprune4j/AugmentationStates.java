package org.dataprune4j;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The random state of an iterator's augmentation and pre-processor in a checkpoint: saved where they can give it
 * ({@link ResumableAugmentation}), restored on resume, and a warning where a resumed run's augmentation cannot
 * continue as the interrupted run's would have.
 */
final class AugmentationStates {
    private static final Logger log = LoggerFactory.getLogger(AugmentationStates.class);
    /** The keys of the states in a checkpoint. */
    static final String AUGMENTATION = "augmentation";
    static final String PRE_PROCESSOR = "preProcessor";

    private AugmentationStates() {
    }

    /** The states of those of the two that can save theirs, by key; empty if neither can. */
    static Map<String, byte[]> save(DataSetPreProcessor augmentation, DataSetPreProcessor preProcessor) {
        Map<String, byte[]> states = new LinkedHashMap<>();
        if (augmentation instanceof ResumableAugmentation r) {
            states.put(AUGMENTATION, r.state().clone());
        }
        if (preProcessor instanceof ResumableAugmentation r) {
            states.put(PRE_PROCESSOR, r.state().clone());
        }
        return states;
    }

    /**
     * Restores the saved states into this run's augmentation and pre-processor, and warns where the resumed run
     * augments otherwise than the interrupted run would have: an augmentation that cannot save its state, a source
     * that augments, a checkpoint that holds no state for a resumable one.
     *
     * @throws IllegalArgumentException if a state cannot be restored (written by an augmentation configured otherwise)
     */
    static void restore(Map<String, byte[]> states, DataSetPreProcessor augmentation, DataSetPreProcessor preProcessor,
            boolean sourceAugments, Path checkpoint) {
        restoreOne(states.get(AUGMENTATION), augmentation, "augmentation", checkpoint);
        restoreOne(states.get(PRE_PROCESSOR), preProcessor, "pre-processor", checkpoint);
        if (augmentation != null && !(augmentation instanceof ResumableAugmentation)) {
            log.warn("Resumed from {}: the iterator's augmentation ({}) does not implement ResumableAugmentation, so"
                    + " its random state is not in the checkpoint and the resumed run augments with other random"
                    + " draws than the interrupted run would have. Training goes on correctly, but its parameters and"
                    + " later kept sets will not equal an uninterrupted run's. RandomCropFlip (data module) implements"
                    + " it.", checkpoint, name(augmentation));
        }
        if (sourceAugments) {
            log.warn("Resumed from {}: the source augments (sourceAugments()), and its random state (an"
                    + " ImageTransform's, say) is not in the checkpoint: it starts again from its seed, so the resumed"
                    + " run augments with other random draws than the interrupted run would have. Training goes on"
                    + " correctly, but its parameters and later kept sets will not equal an uninterrupted run's.",
                    checkpoint);
        }
    }

    private static void restoreOne(byte[] state, DataSetPreProcessor now, String what, Path checkpoint) {
        if (!(now instanceof ResumableAugmentation r)) {
            return; // a saved state with nothing to take it: the configuration check refuses a changed augmentation
        }
        if (state == null) {
            log.warn("Resumed from {}: the checkpoint holds no random state for the iterator's {} ({}; written"
                    + " before DataPrune4J saved it, or by a run without it), so it starts again from its seed and the"
                    + " resumed run augments with other random draws than the interrupted run would have.", checkpoint,
                    what, name(now));
            return;
        }
        try {
            r.restore(state.clone());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The checkpoint " + checkpoint + " holds the random state of another "
                    + what + " than this iterator's " + name(now) + ": " + e.getMessage() + " Build it as the"
                    + " interrupted run did.", e);
        }
    }

    /**
     * What augments the iterator's training batches, for its settings: "none", the augmentation's class, "source"
     * (sourceAugments()) or both. A lambda's class has no stable name, so it is "a lambda".
     */
    static String describe(DataSetPreProcessor augmentation, boolean sourceAugments) {
        String own = augmentation == null ? null : name(augmentation);
        return own == null ? (sourceAugments ? "source" : "none") : sourceAugments ? "source + " + own : own;
    }

    private static String name(DataSetPreProcessor p) {
        Class<?> c = p.getClass();
        return c.isHidden() || c.isSynthetic() ? "a lambda" : c.getName();
    }
}
