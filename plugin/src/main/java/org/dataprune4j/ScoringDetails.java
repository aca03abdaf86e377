package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dataprune4j.extrapolate.ExtrapolationSummary;
import org.dataprune4j.score.ClusteringSummary;

/**
 * How the scores that need more than the training passes were computed: the k-means runs behind prototype
 * scores, and the extrapolation of a score from a scored subset (with the ids actually scored).
 */
public final class ScoringDetails {
    private static final ScoringDetails NONE = new ScoringDetails(List.of(), Optional.empty(), new int[0]);

    private final ImmutableList<ClusteringSummary> clusterings;
    private final Optional<ExtrapolationSummary> extrapolation;
    private final int[] scoredIds;

    private ScoringDetails(List<ClusteringSummary> clusterings, Optional<ExtrapolationSummary> extrapolation,
                           int[] scoredIds) {
        this.clusterings = ImmutableList.copyOf(clusterings);
        this.extrapolation = extrapolation;
        this.scoredIds = scoredIds;
    }

    /** No clustering, no extrapolation. */
    public static ScoringDetails none() {
        return NONE;
    }

    /**
     * @param clusterings one per prototype score computed
     * @param extrapolation the extrapolation, if one ran
     * @param scoredIds ascending ids whose extrapolated score was computed, not predicted (empty if none ran)
     */
    public static ScoringDetails of(List<ClusteringSummary> clusterings, Optional<ExtrapolationSummary> extrapolation,
                                    int[] scoredIds) {
        requireNonNull(clusterings, "clusterings");
        requireNonNull(extrapolation, "extrapolation");
        requireNonNull(scoredIds, "scoredIds");
        return new ScoringDetails(clusterings, extrapolation, scoredIds.clone());
    }

    /** The k-means runs, one per prototype score. */
    public List<ClusteringSummary> clusterings() {
        return clusterings;
    }

    /** The extrapolation, if a score was extrapolated. */
    public Optional<ExtrapolationSummary> extrapolation() {
        return extrapolation;
    }

    /** Whether example {@code id}'s extrapolated score is a prediction (false if it was computed or none ran). */
    public boolean isPredicted(int id) {
        return extrapolation.isPresent() && Arrays.binarySearch(scoredIds, id) < 0;
    }
}
