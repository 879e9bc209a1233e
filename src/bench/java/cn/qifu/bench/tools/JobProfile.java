package cn.qifu.bench.tools;

import cn.qifu.bench.App;
import cn.qifu.bench.Latencies;
import cn.qifu.bench.StatementCounter;
import cn.qifu.bench.Variant;
import cn.qifu.bench.loop.ProblemLoop;
import cn.qifu.problem.ProblemService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Not part of the table: the statements of one red deadline timer (亮红灯 + 督办 task), per verb and table, for tuning
 * the burst. {@code java -Dbench.statements.detail=true -cp … cn.qifu.bench.tools.JobProfile [TUNED|DEFAULTS] [jobs]}.
 */
public final class JobProfile {

    private JobProfile() {
    }

    public static void main(String[] args) {
        Variant variant = Variant.valueOf(args.length > 0 ? args[0] : "TUNED");
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (App app = App.startFresh("profile", variant, Map.of("camunda.bpm.job-execution.enabled", "false"))) {
            ProblemLoop loop = new ProblemLoop(app);
            ProblemService problems = app.bean(ProblemService.class);
            ManagementService management = app.engine().getManagementService();
            Map<String, Long> total = new HashMap<>();
            for (int i = 0; i < jobs + 3; i++) {
                long id = loop.serviceUntilHandling(i, new Latencies());
                Job job = management.createJobQuery().processInstanceId(problems.get(id).processInstanceId())
                        .activityId("deadlineReached").singleResult();
                Map<String, Long> before = snapshot();
                management.executeJob(job.getId());
                if (i >= 3) {
                    snapshot().forEach((k, v) -> {
                        long d = v - before.getOrDefault(k, 0L);
                        if (d != 0) {
                            total.merge(k, d, Long::sum);
                        }
                    });
                }
            }
            total.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("   %6.1f  %s%n", e.getValue() / (double) jobs, e.getKey()));
            System.out.printf("== total %.1f statements per red timer%n",
                    total.values().stream().mapToLong(Long::longValue).sum() / (double) jobs);
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
}
