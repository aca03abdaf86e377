package org.dataprune4j;

import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * A random augmentation whose random state a checkpoint can carry, so that a run resumed from a checkpoint
 * ({@code PruningListenerBuilder.resumeFrom}) augments its later epochs as the uninterrupted run would have, and ends
 * with the same parameters and kept sets. Give it to {@code PruningIteratorBuilder.augmentation(...)} (or as the
 * pre-processor). An augmentation that is not one of these still trains correctly after a resume, with other random
 * draws than the interrupted run's; the listener warns when it resumes such a run.
 *
 * <p>The listener calls {@link #state()} when it writes a checkpoint, at the end of an epoch, when no batch is being
 * augmented, and {@link #restore(byte[])} once when it resumes, before any batch. {@code RandomCropFlip} (the data
 * module) is one.
 */
public interface ResumableAugmentation extends DataSetPreProcessor {
    /**
     * The random state after every batch augmented so far, with whatever {@link #restore(byte[])} needs to refuse a
     * state that another configuration (another seed, say) wrote.
     */
    byte[] state();

    /**
     * Continues from a state {@link #state()} returned, as if this augmentation had augmented the same batches.
     *
     * @throws IllegalArgumentException if the state was written by an augmentation configured otherwise, naming the
     *     difference
     */
    void restore(byte[] state);
}
