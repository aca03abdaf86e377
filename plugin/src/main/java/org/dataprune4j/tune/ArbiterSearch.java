package org.dataprune4j.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;

/**
 * {@link RangeSearch}'s use of Arbiter: the candidates a generator proposes, run one at a time by Arbiter's local
 * runner until a termination condition holds, each turned into a {@link Trial} by the search's own evaluation.
 * Internal plumbing, kept apart so that the search reads as what it tries, not how Arbiter is driven.
 */
final class ArbiterSearch {
    private ArbiterSearch() {
    }

    /**
     * Runs the candidates and returns their trials in the order they finished; the runner's threads are shut down
     * before it returns.
     *
     * @param minimize whether a lower objective is better (Arbiter's direction)
     * @param evaluate the trial of one candidate: skipped, failed or completed with its objective
     */
    static List<Trial> run(CandidateGenerator generator, boolean minimize, List<TerminationCondition> stop,
            Function<Candidate<?>, Trial> evaluate) {
        List<Trial> trials = Collections.synchronizedList(new ArrayList<>());
        OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                .candidateGenerator(generator)
                .scoreFunction(new Direction(minimize))
                .terminationConditions(stop)
                .build();
        ClosingRunner runner = new ClosingRunner(configuration, new Tasks(evaluate, trials));
        try {
            runner.execute();
        } finally {
            runner.close();
        }
        return new ArrayList<>(trials);
    }

    /** Arbiter's tasks: evaluate the candidate, record the trial, report the objective. */
    private static final class Tasks implements TaskCreator {
        private final Function<Candidate<?>, Trial> evaluate;
        private final List<Trial> trials;

        Tasks(Function<Candidate<?>, Trial> evaluate, List<Trial> trials) {
            this.evaluate = evaluate;
            this.trials = trials;
        }

        @Override
        public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider,
                                                   ScoreFunction scoreFunction, List<StatusListener> statusListeners,
                                                   IOptimizationRunner runner) {
            return () -> {
                long created = System.currentTimeMillis();
                Trial trial = evaluate.apply(candidate);
                trials.add(trial);
                Double score = trial.status() == Trial.Status.COMPLETED ? trial.objective() : null;
                CandidateStatus status = trial.status() == Trial.Status.FAILED ? CandidateStatus.Failed
                        : CandidateStatus.Complete;
                CandidateInfo info = new CandidateInfo(candidate.getIndex(), status, score, created, created,
                        System.currentTimeMillis(), candidate.getFlatParameters(),
                        trial.status() == Trial.Status.FAILED ? trial.message() : null);
                return new OptimizationResult(candidate, score, candidate.getIndex(), null, info, null);
            };
        }

        @Override
        public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                                   Properties dataSourceProperties, ScoreFunction scoreFunction,
                                                   List<StatusListener> statusListeners, IOptimizationRunner runner) {
            return create(candidate, (DataProvider) null, scoreFunction, statusListeners, runner);
        }
    }

    /** Tells Arbiter the direction of the objective; the tasks compute the scores themselves. */
    private static final class Direction implements ScoreFunction {
        private static final long serialVersionUID = 1L;
        private final boolean minimize;

        Direction(boolean minimize) {
            this.minimize = minimize;
        }

        @Override
        public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
            throw new UnsupportedOperationException("scores are computed by the range search's tasks");
        }

        @Override
        public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
            throw new UnsupportedOperationException("scores are computed by the range search's tasks");
        }

        @Override
        public boolean minimize() {
            return minimize;
        }

        @Override
        public List<Class<?>> getSupportedModelTypes() {
            return List.of(Object.class);
        }

        @Override
        public List<Class<?>> getSupportedDataTypes() {
            return List.of(Object.class);
        }
    }

    /**
     * Arbiter's local runner with its two thread pools shut down after the search: {@code execute()} leaves them
     * running when the candidates run out (only a termination condition shuts one of them), and each search left
     * two idle threads behind, with their native memory: the benchmark matrix, which tunes dozens of times in one
     * process, grew by gigabytes.
     */
    private static final class ClosingRunner extends LocalOptimizationRunner {
        ClosingRunner(OptimizationConfiguration configuration,
                TaskCreator tasks) {
            super(1, configuration, tasks);
        }

        void close() {
            shutdown(true);
            if (futureListenerExecutor != null) {
                futureListenerExecutor.shutdown();
            }
        }
    }
}
