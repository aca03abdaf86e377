package org.dataprune4j;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * Where a result was computed: the DataPrune4J, DL4J, ND4J and Java versions and the machine. Part of every
 * {@link PruningRecord}, so that a kept set read back later says what made it.
 *
 * @param dataprune4j this library's version
 * @param deeplearning4j the {@code deeplearning4j-nn} version on the classpath
 * @param nd4j the {@code nd4j-api} version on the classpath
 * @param java the Java runtime version
 * @param os operating system name, version and architecture
 * @param cores available processors
 * @param ompThreads the {@code OMP_NUM_THREADS} environment variable, or "unset"
 */
public record Provenance(String dataprune4j, String deeplearning4j, String nd4j, String java, String os, int cores,
                         String ompThreads) {

    /** The provenance of this JVM. */
    public static Provenance current() {
        String omp = System.getenv("OMP_NUM_THREADS");
        return new Provenance(version("org.dataprune4j", "dataprune4j"), version("org.deeplearning4j",
                "deeplearning4j-nn"), version("org.nd4j", "nd4j-api"), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                omp == null ? "unset" : omp);
    }

    /** This provenance as an ordered map of strings, for JSON records and logs. */
    public Map<String, String> toMap() {
        return ImmutableMap.<String, String>builder().put("dataprune4j", dataprune4j)
                .put("deeplearning4j", deeplearning4j).put("nd4j", nd4j).put("java", java).put("os", os)
                .put("cores", Integer.toString(cores)).put("OMP_NUM_THREADS", ompThreads).build();
    }

    /** The inverse of {@link #toMap()}. */
    static Provenance fromMap(Map<String, String> m) {
        return new Provenance(m.get("dataprune4j"), m.get("deeplearning4j"), m.get("nd4j"), m.get("java"),
                m.get("os"), Integer.parseInt(m.get("cores")), m.get("OMP_NUM_THREADS"));
    }

    /** The version in a jar's Maven metadata, or a note saying why there is none (e.g. run from classes). */
    private static String version(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown (not run from a jar)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
