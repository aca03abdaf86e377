package org.dataprune4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's resident set size, peak (VmHWM) and current (VmRSS), from Linux {@code /proc/self/status}. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Peak RSS in MiB, or -1 where /proc is not available. */
    public static long peakRssMiB() {
        return statusMiB("VmHWM:");
    }

    /** Current RSS in MiB, or -1 where /proc is not available. */
    public static long rssMiB() {
        return statusMiB("VmRSS:");
    }

    private static long statusMiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
