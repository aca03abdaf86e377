package org.dataprune4j.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Spark standalone cluster of this machine's processes, bound to 127.0.0.1: a {@code SPARK_HOME} whose {@code jars/}
 * links Spark's jars (the classpath file of the spark-dist module), a Master, Workers of one core each, and
 * spark-submit runs. Every process it starts is killed on {@link #close()}, by a shutdown hook if the test JVM ends
 * first, and after its timeout; a process that fails shows the end of its log in the exception.
 */
final class LocalCluster implements AutoCloseable {
    /** The {@code --add-opens} a Java 17 driver needs (Spark 3.3 adds them to the executors itself). */
    static final List<String> ADD_OPENS = Arrays.stream(new String[] {"java.lang", "java.lang.invoke",
            "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util", "java.util.concurrent",
            "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar"})
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").collect(Collectors.toList());
    private static final long START_SECONDS = 90;
    private static final long SUBMIT_SECONDS = 420;

    private final Path dir;
    private final Path sparkHome;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final Thread killer = new Thread(this::killAll, "local-cluster-killer");
    private String masterUrl;

    private LocalCluster(Path dir) {
        this.dir = dir;
        this.sparkHome = dir.resolve("spark-home");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts a Master and {@code workers} one-core Workers of 2 GB and waits until every Worker has registered. */
    static LocalCluster start(Path dir, int workers) throws IOException, InterruptedException {
        return start(dir, workers, "2g");
    }

    /** Starts a Master and {@code workers} one-core Workers offering {@code memory} each, registered. */
    static LocalCluster start(Path dir, int workers, String memory) throws IOException, InterruptedException {
        LocalCluster c = new LocalCluster(dir);
        try {
            c.makeSparkHome();
            int port = freePort();
            Process master = c.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host",
                    "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
            c.masterUrl = "spark://127.0.0.1:" + port;
            for (int w = 0; w < workers; w++) {
                Path work = Files.createDirectories(dir.resolve("work-" + w));
                c.workers.add(c.launch("worker-" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host",
                        "127.0.0.1", "--cores", "1", "--memory", memory, "--webui-port", String.valueOf(freePort()),
                        "--work-dir", work.toString(), c.masterUrl)));
            }
            c.awaitLog(master, "master", "Registering worker", workers);
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    long workerPid(int w) {
        return workers.get(w).pid();
    }

    /**
     * Runs {@link ClusterDriver} through spark-submit on {@code master} and returns its output directory.
     *
     * @throws AssertionError if it fails or runs past its time, with the end of its log
     */
    Path submit(String master, String name, int examples, int partitions, long killPid)
            throws IOException, InterruptedException {
        Path out = dir.resolve("out-" + name);
        List<String> args = new ArrayList<>(List.of(out.toString(), String.valueOf(examples),
                String.valueOf(partitions)));
        if (killPid > 0) {
            args.add(String.valueOf(killPid));
        }
        submit(master, name, ClusterDriver.class.getName(), args, "1500m", "1500m", SUBMIT_SECONDS);
        return out;
    }

    /**
     * Runs {@code mainClass} of the application jar through spark-submit on {@code master} (client mode, Kryo with
     * ND4J's registrator, the application's jars in {@code --jars}) and waits for it.
     *
     * @throws AssertionError if it fails or runs past {@code seconds}, with the end of its log
     */
    void submit(String master, String name, String mainClass, List<String> appArgs, String driverMemory,
                String executorMemory, long seconds) throws IOException, InterruptedException {
        submit(master, name, mainClass, appArgs, driverMemory, executorMemory, seconds, "1");
    }

    /** As above, the driver's {@code OMP_NUM_THREADS} set to {@code driverThreads}. */
    void submit(String master, String name, String mainClass, List<String> appArgs, String driverMemory,
                String executorMemory, long seconds, String driverThreads) throws IOException, InterruptedException {
        String jars = Arrays.stream(Files.readString(Path.of(System.getProperty("application.classpath.file")))
                .trim().split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).collect(Collectors.joining(","));
        List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master,
                "--deploy-mode", "client", "--driver-memory", driverMemory,
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=" + executorMemory,
                "--conf", "spark.serializer=org.apache.spark.serializer.KryoSerializer",
                "--conf", "spark.kryo.registrator=org.nd4j.kryo.Nd4jRegistrator",
                "--jars", jars, "--class", mainClass, System.getProperty("application.jar")));
        args.addAll(appArgs);
        Process p = launch("submit-" + name, args, driverMemory, driverThreads);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            kill(p);
            throw new AssertionError("spark-submit (" + name + ") ran past " + seconds + " s:\n" + tail("submit-" + name));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("spark-submit (" + name + ") exited with " + p.exitValue() + ":\n"
                    + tail("submit-" + name));
        }
    }

    private void makeSparkHome() throws IOException {
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (String jar : Files.readString(Path.of(System.getProperty("spark.classpath.file"))).trim()
                .split(java.io.File.pathSeparator)) {
            Path target = Path.of(jar);
            Path link = jars.resolve(target.getFileName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, target);
            }
        }
        // a distribution has RELEASE; the launcher then takes jars/ as Spark's classpath for the executors
        Files.writeString(sparkHome.resolve("RELEASE"), "Spark 3.3.0 (Maven jars, for the cluster test)\n");
        Path conf = Files.createDirectories(sparkHome.resolve("conf"));
        Files.writeString(conf.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = warn", "rootLogger.appenderRef.stdout.ref = console",
                "appender.console.type = Console", "appender.console.name = console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n",
                "logger.master.name = org.apache.spark.deploy.master.Master", "logger.master.level = info",
                "logger.dp.name = org.dataprune4j", "logger.dp.level = info", ""));
    }

    private Process launch(String name, List<String> mainAndArgs) throws IOException {
        return launch(name, mainAndArgs, "256m", "1");
    }

    private Process launch(String name, List<String> mainAndArgs, String heap, String threads) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ADD_OPENS);
        cmd.add("-Xmx" + heap);
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("conf") + java.io.File.pathSeparator + sparkHome.resolve("jars") + "/*");
        cmd.addAll(mainAndArgs);
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = b.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_CONF_DIR", sparkHome.resolve("conf").toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
        env.put("OMP_NUM_THREADS", threads);
        Process p = b.start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    private void awaitLog(Process p, String name, String line, int times) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        Path log = dir.resolve(name + ".log");
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + ":\n" + tail(name));
            }
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.split(line, -1).length - 1 >= times) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + ": '" + line + "' not seen " + times + " times in " + START_SECONDS
                + " s:\n" + tail(name));
    }

    private String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private void killAll() {
        synchronized (processes) {
            for (Process p : processes) {
                kill(p);
            }
            for (Process p : processes) {
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
