package org.dataprune4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.dataprune4j.PruningListener;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.spark.SparkScoring;
import org.junit.jupiter.api.Test;

/**
 * The jars a Spark job ships (the core, dataprune4j-spark, dataprune4j-data) name no class of {@code com.google.common}:
 * the core's Guava is relocated inside it, the other two call none, so Spark's Guava 16 first on the classpath cannot
 * break them. Reads the packaged jars, class by class.
 */
class NoGuavaReferencesIT {
    private static final byte[] GUAVA = "com/google/common/".getBytes(StandardCharsets.UTF_8);

    @Test
    void theShippedJarsReferenceNoUnrelocatedGuava() throws Exception {
        for (Class<?> type : List.of(PruningListener.class, SparkScoring.class, Datasets.class)) {
            Path jar = jarOf(type);
            List<String> offenders = new ArrayList<>();
            int classes = 0;
            try (JarFile file = new JarFile(jar.toFile())) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().endsWith(".class")) {
                        classes++;
                        try (InputStream in = file.getInputStream(e)) {
                            if (indexOf(in.readAllBytes(), GUAVA) >= 0) {
                                offenders.add(e.getName());
                            }
                        }
                    }
                }
                if (type == PruningListener.class) {
                    assertNotNull(file.getEntry("org/dataprune4j/shaded/guava/common/base/Preconditions.class"),
                            "Guava relocated into the core jar");
                }
            }
            assertTrue(classes > 0, jar + " holds classes");
            assertEquals(List.of(), offenders, jar + " references com.google.common");
        }
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        Path p = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(p.toString().endsWith(".jar"), type + " must come from its packaged jar (mvn verify), not " + p);
        return p;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
