package org.dataprune4j.benchmarks.budget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.score.ScoreKind;

/** The budget benchmark's command line: {@code key=value} arguments into a configured {@link BudgetBenchmark}. */
final class BudgetArguments {
    private BudgetArguments() {
    }

    /** Parses the arguments (see {@link BudgetBenchmark}) and runs the benchmark, or merges earlier runs. */
    static void run(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        Path out = Path.of(a.value("out", "target/budget-benchmark"));
        String merge = a.value("fromCsv", "");
        if (!merge.isEmpty()) {
            List<BudgetRun> all = new ArrayList<>();
            for (String dir : merge.split(",")) {
                all.addAll(BudgetBenchmark.read(Path.of(dir).resolve("runs.csv")));
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("runs.csv"), BudgetRun.HEADER + "\n" + String.join("\n",
                    all.stream().map(BudgetRun::toCsv).toList()) + "\n");
            BudgetReport.write(all, a.intValue("epochs", 10), out);
            return;
        }
        String dataset = a.value("dataset", "fashion-mnist");
        double imbalance = Double.parseDouble(a.value("imbalance", "1"));
        int validation = a.intValue("validation", 0);
        int positive = a.intValue("positive", -1);
        Workload workload = dataset.equals("tiny") ? Workload.tiny()
                : positive >= 0 ? Workload.oneVsRest(dataset, positive)
                : imbalance > 1 && validation > 0 ? Workload.longTailedValidation(dataset, imbalance, validation)
                : imbalance > 1 ? Workload.longTailed(dataset, imbalance)
                : a.value("model", "mlp").equals("cnn")
                ? Workload.cnn(dataset, a.intValue("trainSize", 20_000), a.intValue("width", 16))
                : a.value("model", "mlp").equals("lstm")
                ? Workload.rows(dataset, a.intValue("trainSize", 10_000), a.intValue("hidden", 64))
                : Workload.real(dataset);
        List<Long> seeds = Arrays.stream(a.value("seeds", "1,2,3").split(",")).map(Long::valueOf).toList();
        List<Double> budgets = Arrays.stream(a.value("budgets", "0.3,0.5,0.7").split(",")).map(Double::valueOf)
                .toList();
        List<String> planners = a.value("planners", "").isEmpty() ? List.of()
                : Arrays.asList(a.value("planners", "").split(","));
        new BudgetBenchmark(workload, a.intValue("epochs", 10), Double.parseDouble(a.value("lr", "1e-3")), out)
                .variants(planners, Boolean.parseBoolean(a.value("baselines", "true")))
                .scores(Arrays.stream(a.value("scores", "el2n").split(",")).map(BudgetArguments::scoreKind).toList(),
                        Boolean.parseBoolean(a.value("constantRate", "true")))
                .batchSize(a.intValue("batch", TrainingRuns.BATCH_SIZE))
                .classAware(Boolean.parseBoolean(a.value("classAware", Boolean.toString(imbalance > 1
                        || positive >= 0))))
                .temperatures(a.value("temperatures", "").isEmpty() ? List.of()
                        : Arrays.stream(a.value("temperatures", "").split(",")).map(Double::valueOf).toList())
                .sizeExponents(Arrays.stream(a.value("sizeExponents", "0.5").split(",")).map(Double::valueOf).toList())
                .stableDraws(Arrays.stream(a.value("draws", "fresh").split(",")).map(BudgetArguments::stable).toList())
                .only(a.value("only", "").isEmpty() ? List.of()
                        : Arrays.stream(a.value("only", "").split(",")).map(m -> m.replace('_', ' ')).toList())
                .run(seeds, budgets);
    }

    private static boolean stable(String draw) {
        if (!draw.equals("fresh") && !draw.equals("stable")) {
            throw new IllegalArgumentException("draws=" + draw + ": use fresh, stable or fresh,stable");
        }
        return draw.equals("stable");
    }

    private static ScoreKind scoreKind(String name) {
        return Arrays.stream(ScoreKind.values()).filter(k -> k.columnName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("scores=" + name + ": not a score; use el2n, loss,"
                        + " forgetting, grand, prototype or prototype_class"));
    }
}
