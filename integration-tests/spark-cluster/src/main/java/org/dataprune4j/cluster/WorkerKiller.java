package org.dataprune4j.cluster;

import java.util.HashSet;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.dataprune4j.spark.SparkScoring;

/**
 * Kills a Worker (its executors first, then the Worker, all with SIGKILL) as soon as the first task of the first
 * scoring pass's main job has finished, and counts what followed: the executors Spark removed and the tasks that
 * finished after the kill. Spark calls it on its listener thread.
 */
final class WorkerKiller extends SparkListener {
    private final long workerPid;
    private final Set<Integer> scoringStages = new HashSet<>();
    private int scoringJob = -1;
    private int tasksInJob;
    private int tasksDone;
    private int tasksDoneAtKill = -1;
    private int failedTasks;
    private int executorsRemoved;
    private String jobResult = "not finished";

    private WorkerKiller(long workerPid) {
        this.workerPid = workerPid;
    }

    static WorkerKiller register(JavaSparkContext sc, long workerPid) {
        WorkerKiller killer = new WorkerKiller(workerPid);
        sc.sc().addSparkListener(killer);
        return killer;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart job) {
        String description = job.properties() == null ? null : job.properties().getProperty("spark.job.description");
        int tasks = 0;
        for (StageInfo stage : scala.collection.JavaConverters.seqAsJavaList(job.stageInfos())) {
            tasks += stage.numTasks();
        }
        if (scoringJob < 0 && description != null && description.startsWith(SparkScoring.JOB_PREFIX) && tasks > 1) {
            scoringJob = job.jobId();
            tasksInJob = tasks;
            for (StageInfo stage : scala.collection.JavaConverters.seqAsJavaList(job.stageInfos())) {
                scoringStages.add(stage.stageId());
            }
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
        if (!scoringStages.contains(task.stageId())) {
            return;
        }
        if (task.taskInfo().successful()) {
            tasksDone++;
        } else {
            failedTasks++;
        }
        if (tasksDoneAtKill < 0 && tasksDone > 0) {
            tasksDoneAtKill = tasksDone;
            ProcessHandle.of(workerPid).ifPresent(worker -> {
                worker.descendants().forEach(ProcessHandle::destroyForcibly);
                worker.destroyForcibly();
            });
        }
    }

    @Override
    public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        executorsRemoved++;
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd job) {
        if (job.jobId() == scoringJob) {
            jobResult = job.jobResult().toString();
        }
    }

    /** One line for the test: {@code tasks=.. doneAtKill=.. done=.. failed=.. executorsRemoved=.. result=..}. */
    synchronized String describe() {
        return "tasks=" + tasksInJob + " doneAtKill=" + tasksDoneAtKill + " done=" + tasksDone + " failed="
                + failedTasks + " executorsRemoved=" + executorsRemoved + " result=" + jobResult;
    }
}
