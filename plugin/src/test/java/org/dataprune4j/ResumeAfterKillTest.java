package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dataprune4j.testing.CheckpointedTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with {@code kill -9} (a child JVM, {@code Process.destroyForcibly}), once during
 * warm-up and once after the swap, resumes from its last checkpoint and ends with the same kept set and the same
 * final parameters, bit for bit, as a run that was never interrupted (fixed seeds, one OpenMP thread).
 */
class ResumeAfterKillTest {
    private static final int EPOCHS = 7;

    private record Outcome(float[] params, int[] kept, int epochs) {
    }

    private static Process child(String mode, Path dir, long pauseMillis, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                CheckpointedTraining.class.getName(), mode, dir.toString(), Integer.toString(EPOCHS),
                Long.toString(pauseMillis), out.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile());
        return pb.start();
    }

    private static Outcome run(String mode, Path dir, long pause, Path out) throws Exception {
        Process p = child(mode, dir, pause, out);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child finished");
        assertEquals(0, p.exitValue(), () -> log(out));
        return read(out);
    }

    private static String log(Path out) {
        try {
            List<String> lines = Files.readAllLines(out.resolveSibling(out.getFileName() + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Outcome read(Path out) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(out))) {
            float[] params = new float[in.readInt()];
            for (int i = 0; i < params.length; i++) {
                params[i] = in.readFloat();
            }
            int[] kept = new int[in.readInt()];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = in.readInt();
            }
            return new Outcome(params, kept, in.readInt());
        }
    }

    /** Starts a fresh run, kills it with SIGKILL once its checkpoints reach {@code killAfter} epochs, resumes. */
    private static Outcome killAndResume(Path dir, int killAfter) throws Exception {
        Process p = child("fresh", dir, 1500, dir.resolveSibling(dir.getFileName() + "-killed.bin"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (PruningCheckpoint.epochsDone(dir) < killAfter && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the child was still training when killed");
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(p.exitValue() != 0, "killed, not finished");
        int done = PruningCheckpoint.epochsDone(dir);
        assertTrue(done >= killAfter && done < EPOCHS, "killed after " + done + " checkpointed epochs");
        return run("resume", dir, 0, dir.resolveSibling(dir.getFileName() + "-resumed.bin"));
    }

    @Test
    void aRunKilledDuringWarmUpOrAfterTheSwapResumesToTheSameKeptSetAndParameters(@TempDir Path tmp)
            throws Exception {
        Outcome uninterrupted = run("fresh", tmp.resolve("whole"), 0, tmp.resolve("whole.bin"));
        assertEquals(EPOCHS, uninterrupted.epochs());
        assertEquals(180, uninterrupted.kept().length, "ranks 90 to 270 of 300");

        Outcome duringWarmUp = killAndResume(tmp.resolve("warmup"), 1);
        Outcome afterSwap = killAndResume(tmp.resolve("swapped"), CheckpointedTraining.WARMUP + 1);

        for (Outcome resumed : List.of(duringWarmUp, afterSwap)) {
            assertEquals(EPOCHS, resumed.epochs());
            assertArrayEquals(uninterrupted.kept(), resumed.kept(), "same kept set");
            assertArrayEquals(uninterrupted.params(), resumed.params(), 0f, "same final parameters, bit for bit");
        }
    }
}
