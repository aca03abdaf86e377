package org.dataprune4j.spark;

import static org.dataprune4j.internal.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.dataprune4j.Outlier;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.RankRange;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.dataprune4j.select.ClassBalancedRule;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A selection rule applied to scores held on Spark: the same kept set as the rule gives on one machine, found without
 * collecting the scores. The examples are ranked by a distributed sort of (class, score, tie key); the rule's kept
 * ranks become at most two boundary keys per class, which the executors compare every example against. The driver
 * holds the boundaries and the counts per class and decision, never a per-example array.
 *
 * <p>Rules: {@link ScoreRangeRule} (keep-hardest, keep-easiest, any quantile range) and {@link ClassBalancedRule} of
 * one. Made by {@link #select}; tied to the {@link SparkScores} it was made from.
 */
public final class SparkSelection {
    private static final Logger log = LoggerFactory.getLogger(SparkSelection.class);
    private static final Decision[] DECISIONS = {Decision.KEPT, Decision.PRUNED_BELOW_RANGE,
        Decision.PRUNED_ABOVE_RANGE};

    private final SparkScores scores;
    private final ScoreKind kind;
    private final String rule;
    private final Boundaries boundaries;
    private final long[][] counts;

    private SparkSelection(SparkScores scores, ScoreKind kind, String rule, Boundaries boundaries, long[][] counts) {
        this.scores = scores;
        this.kind = kind;
        this.rule = rule;
        this.boundaries = boundaries;
        this.counts = counts;
    }

    /**
     * Applies {@code rule} to the scores of kind {@code kind}.
     *
     * @throws IllegalArgumentException for a rule other than a score range or a class-balanced score range, a score
     *     kind the pass did not compute, or a range that keeps no example (of some class)
     */
    public static SparkSelection select(SelectionRule rule, SparkScores scores, ScoreKind kind) {
        requireNonNull(rule, "rule");
        requireNonNull(scores, "scores");
        scores.checkKind(kind);
        long start = System.nanoTime();
        boolean byClass = rule instanceof ClassBalancedRule;
        ScoreRangeRule range = checkRule(rule);
        int groups = byClass ? scores.numClasses() : 1;
        JavaRDD<PartitionScores> partitions = scores.partitions();
        long[] groupCounts = partitions.map(ps -> {
            long[] c = new long[groups];
            for (int i = 0; i < ps.size(); i++) {
                c[byClass ? ps.labels[i] : 0]++;
            }
            return c;
        }).fold(new long[groups], SparkSelection::add);
        // the global ranks (in the sort by group, score, tie key) that bound each group's kept ranks
        Map<Long, Integer> boundaryRanks = new HashMap<>();
        long offset = 0;
        for (int g = 0; g < groups; g++) {
            long n = groupCounts[g];
            if (n > 0) {
                RankRange kept;
                try {
                    kept = range.keptRanks((int) n);
                } catch (IllegalArgumentException e) {
                    throw byClass ? new IllegalArgumentException("In class " + g + " (" + n + " examples): "
                            + e.getMessage(), e) : e;
                }
                if (kept.lowerEndpoint() > 0) {
                    boundaryRanks.put(offset + kept.lowerEndpoint(), g);
                }
                if (kept.upperEndpoint() < n) {
                    boundaryRanks.put(offset + kept.upperEndpoint(), groups + g);
                }
            }
            offset += n;
        }
        RankKey[] lower = new RankKey[groups];
        RankKey[] upper = new RankKey[groups];
        if (!boundaryRanks.isEmpty()) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(partitions.context());
            Broadcast<Map<Long, Integer>> wanted = sc.broadcast(boundaryRanks);
            JavaRDD<RankKey> keys = partitions.flatMap(ps -> {
                List<RankKey> k = new ArrayList<>(ps.size());
                for (int i = 0; i < ps.size(); i++) {
                    k.add(new RankKey(byClass ? ps.labels[i] : 0, SparkScores.value(ps, kind, i), ps.ids[i]));
                }
                return k.iterator();
            });
            List<Tuple2<RankKey, Long>> found = keys.sortBy(k -> k, true, keys.getNumPartitions()).zipWithIndex()
                    .filter(t -> wanted.value().containsKey(t._2())).collect();
            for (Tuple2<RankKey, Long> t : found) {
                int slot = boundaryRanks.get(t._2());
                if (slot < groups) {
                    lower[slot] = t._1();
                } else {
                    upper[slot - groups] = t._1();
                }
            }
            wanted.unpersist(false);
        }
        Boundaries b = new Boundaries(byClass, lower, upper);
        int numClasses = scores.numClasses();
        long[] flat = partitions.map(ps -> {
            long[] c = new long[numClasses * DECISIONS.length];
            for (int i = 0; i < ps.size(); i++) {
                c[ps.labels[i] * DECISIONS.length + b.decide(ps, kind, i)]++;
            }
            return c;
        }).fold(new long[numClasses * DECISIONS.length], SparkSelection::add);
        long[][] counts = new long[numClasses][DECISIONS.length];
        for (int c = 0; c < numClasses; c++) {
            System.arraycopy(flat, c * DECISIONS.length, counts[c], 0, DECISIONS.length);
        }
        SparkSelection selection = new SparkSelection(scores, kind, rule.describe(), b, counts);
        log.info("{} by {} on Spark: kept {} of {} in {} s", selection.rule, kind.columnName(),
                selection.keptCount(), selection.size(), String.format(Locale.ROOT, "%.2f",
                        (System.nanoTime() - start) / 1e9));
        return selection;
    }

    /**
     * The score range a rule ranks by.
     *
     * @throws IllegalArgumentException for a rule other than a score range or a class-balanced score range
     */
    static ScoreRangeRule checkRule(SelectionRule rule) {
        SelectionRule ranked = rule instanceof ClassBalancedRule balanced ? balanced.perClass() : rule;
        if (ranked instanceof ScoreRangeRule range) {
            return range;
        }
        throw new IllegalArgumentException("On Spark the rule must be a ScoreRangeRule (keepHardest, keepEasiest,"
                + " quantiles) or ClassBalancedRule.of one; got " + rule.describe() + ". Other rules select on"
                + " one machine (a PruningListener)" + (rule instanceof ClassAdaptiveRule ? ", the class-adaptive"
                + " rule among them. Do not put ClassBalancedRule with keep-hardest in its place on long-tailed data:"
                + " it lost up to 6 pp of balanced accuracy there (README, \"Imbalanced classes\")" : "") + ".");
    }

    private static long[] add(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    /** The scores this selection was made from (cached on the executors; {@link SparkScores#unpersist} frees them). */
    public SparkScores scores() {
        return scores;
    }

    /** Number of examples decided on. */
    public long size() {
        return scores.count();
    }

    /** Number of examples kept. */
    public long keptCount() {
        long kept = 0;
        for (long[] c : counts) {
            kept += c[0];
        }
        return kept;
    }

    /** The rule's description. */
    public String rule() {
        return rule;
    }

    /** The score the rule ranked by. */
    public ScoreKind scoreKind() {
        return kind;
    }

    /** For every class: how many of its examples were kept, pruned below and pruned above the range. */
    public Map<Integer, Map<Decision, Long>> countsByClass() {
        Map<Integer, Map<Decision, Long>> byClass = new TreeMap<>();
        for (int c = 0; c < counts.length; c++) {
            Map<Decision, Long> m = new EnumMap<>(Decision.class);
            for (int d = 0; d < DECISIONS.length; d++) {
                m.put(DECISIONS[d], counts[c][d]);
            }
            byClass.put(c, Collections.unmodifiableMap(m));
        }
        return Collections.unmodifiableMap(byClass);
    }

    /** Every example's decision, keyed by id. */
    public JavaPairRDD<Long, Decision> decisions() {
        Boundaries b = boundaries;
        ScoreKind k = kind;
        return scores.partitions().flatMapToPair(ps -> {
            List<Tuple2<Long, Decision>> out = new ArrayList<>(ps.size());
            for (int i = 0; i < ps.size(); i++) {
                out.add(new Tuple2<>((long) ps.ids[i], DECISIONS[b.decide(ps, k, i)]));
            }
            return out.iterator();
        });
    }

    /**
     * The kept examples: {@code examples} filtered partition by partition beside their scores, with no shuffle.
     *
     * @param examples the keyed RDD the scores were computed from (same partitions, same order), or any RDD keyed
     *     the same way and partitioned alike (its values can be of any type: records, file names, rows)
     * @param <T> the type of the values
     * @throws IllegalStateException (when the job runs) if a partition's examples are not those scored
     */
    public <T> JavaPairRDD<Long, T> kept(JavaPairRDD<Long, T> examples) {
        requireNonNull(examples, "examples");
        checkArgument(examples.getNumPartitions() == scores.partitions().getNumPartitions(), "The examples have %s"
                + " partitions, the scores %s: pass the keyed RDD the scores were computed from",
                examples.getNumPartitions(), scores.partitions().getNumPartitions());
        Boundaries b = boundaries;
        ScoreKind k = kind;
        return examples.zipPartitions(scores.partitions(), (it, psIt) -> {
            PartitionScores ps = psIt.next();
            List<Tuple2<Long, T>> kept = new ArrayList<>();
            int i = 0;
            while (it.hasNext()) {
                Tuple2<Long, T> example = it.next();
                if (i >= ps.size() || ps.ids[i] != example._1()) {
                    throw new IllegalStateException("Example " + example._1() + " is not the one scored at its place"
                            + " in its partition: pass the keyed RDD the scores were computed from, persisted and not"
                            + " repartitioned since.");
                }
                if (b.decide(ps, k, i) == 0) {
                    kept.add(example);
                }
                i++;
            }
            return kept.iterator();
        }).mapToPair(t -> t);
    }

    /**
     * The {@code k} highest-scoring examples (often mislabelled), highest first, found by the executors.
     *
     * @param k how many; at most the number of examples is returned
     */
    public List<Outlier> outliers(int k) {
        checkArgument(k >= 0, "k must be >= 0, got %s", k);
        if (k == 0) {
            return List.of();
        }
        Boundaries b = boundaries;
        ScoreKind kk = kind;
        List<RankedRow> top = scores.partitions().flatMap(ps -> {
            List<RankedRow> rows = new ArrayList<>(ps.size());
            for (int i = 0; i < ps.size(); i++) {
                rows.add(new RankedRow(new RankKey(0, SparkScores.value(ps, kk, i), ps.ids[i]), ps.ids[i],
                        ps.labels[i], ps.predicted[i], b.decide(ps, kk, i) == 0));
            }
            return rows.iterator();
        }).top(k, new RowOrder());
        List<Outlier> outliers = new ArrayList<>(top.size());
        for (RankedRow r : top) {
            outliers.add(new Outlier(r.id, r.label, r.predicted, r.key.score, r.kept));
        }
        return Collections.unmodifiableList(outliers);
    }

    /**
     * Writes every example's scores and decision as CSV, one part file per partition written by the executors
     * ({@code saveAsTextFile}), each starting with the header
     * {@code id,label,predicted,el2n,loss[,forgetting],decision,reason}.
     *
     * @param directory a directory Spark can write (local path, HDFS, S3) that does not exist yet
     */
    public void writeScores(String directory) {
        requireNonNull(directory, "directory");
        Boundaries b = boundaries;
        ScoreKind k = kind;
        boolean forgetting = scores.tracksForgetting();
        scores.partitions().flatMap(ps -> {
            List<String> lines = new ArrayList<>(ps.size() + 1);
            lines.add("id,label,predicted,el2n,loss" + (forgetting ? ",forgetting" : "") + ",decision,reason");
            for (int i = 0; i < ps.size(); i++) {
                Decision d = DECISIONS[b.decide(ps, k, i)];
                lines.add(ps.ids[i] + "," + ps.labels[i] + "," + ps.predicted[i] + "," + ps.el2n[i] + "," + ps.loss[i]
                        + (forgetting ? "," + ps.forgetting[i] : "") + "," + d.name() + ",\"" + d.reason() + "\"");
            }
            return lines.iterator();
        }).saveAsTextFile(directory);
    }

    /** One line for logs: the rule, the score and the kept count. */
    public String describe() {
        return String.format(Locale.ROOT, "%s by %s: kept %d of %d", rule, kind.columnName(), keptCount(), size());
    }

    @Override
    public String toString() {
        return "SparkSelection{" + describe() + "}";
    }

    /** The boundary keys of every group: what the executors need to decide. */
    private static final class Boundaries implements Serializable {
        private static final long serialVersionUID = 1L;
        private final boolean byClass;
        private final RankKey[] lower;
        private final RankKey[] upper;

        Boundaries(boolean byClass, RankKey[] lower, RankKey[] upper) {
            this.byClass = byClass;
            this.lower = lower;
            this.upper = upper;
        }

        /** The index in {@link #DECISIONS} for example {@code i} of a partition. */
        int decide(PartitionScores ps, ScoreKind kind, int i) {
            int g = byClass ? ps.labels[i] : 0;
            RankKey key = new RankKey(g, SparkScores.value(ps, kind, i), ps.ids[i]);
            if (lower[g] != null && key.compareTo(lower[g]) < 0) {
                return 1;
            }
            if (upper[g] != null && key.compareTo(upper[g]) >= 0) {
                return 2;
            }
            return 0;
        }
    }

    /** A candidate outlier. */
    private static final class RankedRow implements Serializable {
        private static final long serialVersionUID = 1L;
        final RankKey key;
        final int id;
        final int label;
        final int predicted;
        final boolean kept;

        RankedRow(RankKey key, int id, int label, int predicted, boolean kept) {
            this.key = key;
            this.id = id;
            this.label = label;
            this.predicted = predicted;
            this.kept = kept;
        }
    }

    /** Orders candidate outliers by score (then tie key), for {@code top}. */
    private static final class RowOrder implements Comparator<RankedRow>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(RankedRow a, RankedRow b) {
            return a.key.compareTo(b.key);
        }
    }
}
