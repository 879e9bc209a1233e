package cn.qifu.bench.tools;

import cn.qifu.bench.App;
import cn.qifu.bench.Latencies;
import cn.qifu.bench.StatementCounter;
import cn.qifu.bench.Variant;
import cn.qifu.bench.loop.ProblemLoop;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Not part of the table: which statements each step of the loop sends, per verb and table, averaged over a few problems
 * through the services. For tuning. {@code java -Dbench.statements.detail=true -cp … cn.qifu.bench.tools.StatementProfile
 * [TUNED|DEFAULTS] [problems]}.
 */
public final class StatementProfile {

    private StatementProfile() {
    }

    public static void main(String[] args) {
        if (!Boolean.getBoolean("bench.statements.detail")) {
            throw new IllegalStateException("run with -Dbench.statements.detail=true");
        }
        Variant variant = Variant.valueOf(args.length > 0 ? args[0] : "TUNED");
        int problems = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (App app = App.startFresh("profile", variant, Map.of())) {
            ProblemLoop loop = new ProblemLoop(app);
            var cfg = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) app.engine().getProcessEngineConfiguration();
            System.out.println("== engine: history " + cfg.getHistoryLevel().getName() + ", revokes "
                    + cfg.getAuthorizationCheckRevokes() + ", task metrics " + cfg.isTaskMetricsEnabled()
                    + ", removal time " + cfg.getHistoryRemovalTimeStrategy() + ", batch " + cfg.isJdbcBatchProcessing()
                    + ", id generator " + cfg.getIdGenerator().getClass().getSimpleName()
                    + ", exclusive over hierarchies " + cfg.isJobExecutorAcquireExclusiveOverProcessHierarchies()
                    + ", job threads " + ((org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor)
                    cfg.getJobExecutor()).getTaskExecutor());
            for (int i = 0; i < 5; i++) {
                loop.serviceLoop(i, new Latencies());
            }
            Map<String, Map<String, Long>> perStep = new java.util.LinkedHashMap<>();
            for (int i = 0; i < problems; i++) {
                loop.serviceLoop(100 + i, new Latencies() {
                    @Override
                    public void time(String step, Runnable work) {
                        Map<String, Long> before = snapshot();
                        work.run();
                        add(perStep, step, before);
                    }

                    @Override
                    public <T> T time(String step, java.util.function.Supplier<T> work) {
                        Map<String, Long> before = snapshot();
                        T result = work.get();
                        add(perStep, step, before);
                        return result;
                    }
                });
            }
            Map<String, Long> total = new TreeMap<>();
            for (Map.Entry<String, Map<String, Long>> step : perStep.entrySet()) {
                long sum = step.getValue().values().stream().mapToLong(Long::longValue).sum();
                System.out.printf("== %s: %.1f statements%n", step.getKey(), sum / (double) problems);
                step.getValue().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> {
                            System.out.printf("   %6.1f  %s%n", e.getValue() / (double) problems, e.getKey());
                            total.merge(e.getKey(), e.getValue(), Long::sum);
                        });
            }
            System.out.println("== per problem, by table");
            total.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("   %6.1f  %s%n", e.getValue() / (double) problems, e.getKey()));
            StatementCounter.SAMPLES.forEach((sql, n) -> System.out.println("-- " + n.sum() + " × " + sql));
            System.out.printf("== total %.1f%n", total.values().stream().mapToLong(Long::longValue).sum() / (double) problems);
        }
        System.exit(0);
    }

    private static Map<String, Long> snapshot() {
        Map<String, Long> m = new HashMap<>();
        for (Map.Entry<String, LongAdder> e : StatementCounter.DETAIL.entrySet()) {
            m.put(e.getKey(), e.getValue().sum());
        }
        return m;
    }

    private static void add(Map<String, Map<String, Long>> perStep, String step, Map<String, Long> before) {
        Map<String, Long> delta = perStep.computeIfAbsent(step, k -> new HashMap<>());
        for (Map.Entry<String, Long> e : snapshot().entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d != 0) {
                delta.merge(e.getKey(), d, Long::sum);
            }
        }
    }
}
