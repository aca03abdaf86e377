package org.dataprune4j.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file atomically: into a temporary file beside it, then renamed over it, so that a reader (or a run
 * killed mid-write) never sees half a file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the text the given writer produces. */
    public interface Content {
        /** Writes the content. */
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes {@code file} atomically, creating its directory if needed.
     *
     * @param what what the file is, for the error message (e.g. "the scores CSV")
     * @throws UncheckedIOException naming the file and what to check, if it cannot be written
     */
    public static void write(Path file, String what, Content content) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try {
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    content.writeTo(w);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + what + " to " + target + ": " + e
                    + ". Check that the directory exists or can be created, and is writable.", e);
        }
    }
}
