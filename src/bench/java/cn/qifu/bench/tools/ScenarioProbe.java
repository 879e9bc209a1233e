package cn.qifu.bench.tools;

import cn.qifu.bench.App;
import cn.qifu.bench.Clients;
import cn.qifu.bench.Http;
import cn.qifu.bench.Variant;
import cn.qifu.bench.scenario.ScenarioSection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.management.Metrics;

/**
 * Not part of the table: 企业开办 applications with one configuration, counting the jobs that failed (optimistic
 * locking at the scenario's join). {@code … ScenarioProbe TUNED|DEFAULTS applications clients [key=value …]}.
 */
public final class ScenarioProbe {

    private ScenarioProbe() {
    }

    public static void main(String[] args) {
        Variant variant = Variant.valueOf(args[0]);
        int applications = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            extra.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        try (App app = App.startFresh("probe", variant, extra)) {
            Http http = new Http(app.baseUrl());
            List<String> materials = ScenarioSection.materials(http);
            ManagementService management = app.engine().getManagementService();
            for (int round = 0; round < 2; round++) {
                management.reportDbMetricsNow();
                long failedBefore = management.createMetricsQuery().name(Metrics.JOB_FAILED).sum();
                long doneBefore = management.createMetricsQuery().name(Metrics.JOB_SUCCESSFUL).sum();
                Clients.Result r = Clients.run(clients, applications, 1000 * (round + 1),
                        (n, l) -> ScenarioSection.application(http, materials, n, l));
                management.reportDbMetricsNow();
                System.out.printf("PROBE %s %s: %.2f applications/s, %d jobs done, %d failed, %d applications failed%n",
                        variant, extra, applications / r.seconds(),
                        management.createMetricsQuery().name(Metrics.JOB_SUCCESSFUL).sum() - doneBefore,
                        management.createMetricsQuery().name(Metrics.JOB_FAILED).sum() - failedBefore, r.failures());
            }
        }
        System.exit(0);
    }
}
