package cn.qifu.bench.scenario;

import cn.qifu.bench.App;
import cn.qifu.bench.BenchConfig;
import cn.qifu.bench.Clients;
import cn.qifu.bench.Http;
import cn.qifu.bench.Latencies;
import cn.qifu.bench.Report;
import cn.qifu.bench.Stats;
import cn.qifu.bench.Variant;
import cn.qifu.bench.volume.Cloner;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 4: 企业开办 applications end to end against the department simulator (every adapter call over HTTP): the
 * channel applies, the front desk finds all materials present (as in Tasklist, over /engine-rest), the job executor
 * submits the six basic items to their departments' systems in dependency order, the channel polls until the result is
 * there and rates it. Applications per second and the latency from application to result.
 */
public final class ScenarioSection {

    static final String SECTION = "4 Scenario throughput (企业开办)";
    static final int[] CLIENTS = {4};
    /** A run ends at the latest after this; applications still waiting then count as not done. */
    static final long BUDGET_NANOS = 90_000_000_000L;

    private ScenarioSection() {
    }

    public static void run(BenchConfig config, Report report) {
        int applications = config.scaled(120, 12);
        for (Variant variant : Variant.values()) {
            String column = variant == Variant.TUNED ? Report.TUNED : Report.DEFAULTS;
            try (App app = App.startFresh("scenario_" + variant.name().toLowerCase(Locale.ROOT), variant, Map.of())) {
                Http http = new Http(app.baseUrl());
                List<String> materials = materials(http);
                long warmUpEnd = System.nanoTime() + BUDGET_NANOS;
                Clients.run(2, Math.max(8, applications / 4), 0, (n, l) -> application(http, materials, n, l, warmUpEnd));
                int number = 1000;
                for (int r = 0; r < config.repeats(); r++) {
                    for (int clients : CLIENTS) {
                        long end = System.nanoTime() + BUDGET_NANOS;
                        Clients.Result result = Clients.run(clients, applications, number,
                                (n, l) -> application(http, materials, n, l, end));
                        number += applications;
                        int done = applications - result.failures();
                        if (result.failures() > 0) {
                            report.note(String.format(Locale.ROOT, "scenario, %s, %d client(s): %d of %d applications"
                                            + " without their result after %d s (%s)", variant.label(), clients,
                                    result.failures(), applications, BUDGET_NANOS / 1_000_000_000L,
                                    result.firstFailure().getMessage()));
                        }
                        String label = clients + " client" + (clients > 1 ? "s" : "");
                        report.figure(SECTION, label + ": applications end to end", "applications/s", true)
                                .add(column, done / result.seconds());
                        long[] latency = Latencies.merge(result.latencies()).get("to result");
                        report.figure(SECTION, label + ": application to result p50", "ms", false)
                                .add(column, Stats.percentileMillis(latency, 50));
                        report.figure(SECTION, label + ": application to result p95", "ms", false)
                                .add(column, Stats.percentileMillis(latency, 95));
                    }
                }
            }
        }
        report.note("scenario: 企业开办 with its 6 basic items (registration, then seal, invoices, social and medical "
                + "insurance, housing fund), no value-added items; " + applications + " applications per run");
    }

    public static List<String> materials(Http http) {
        JsonNode guide = http.get("channel1", "/api/scenarios/companyOpening").at("/guide/materials");
        return java.util.stream.StreamSupport.stream(guide.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** One application, from the channel's request to its rating. */
    public static void application(Http http, List<String> materials, int n, Latencies l) throws InterruptedException {
        application(http, materials, n, l, System.nanoTime() + BUDGET_NANOS);
    }

    /** One application; gives up at {@code deadline} (System.nanoTime), e.g. when its items wait for job retries. */
    public static void application(Http http, List<String> materials, int n, Latencies l, long deadline)
            throws InterruptedException {
        long start = System.nanoTime();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditCode", Cloner.creditCode(900_000 + n));
        body.put("enterpriseName", "基准开办企业" + n + "有限公司");
        body.put("contactName", "赵六");
        body.put("contactPhone", "13700000000");
        body.put("channel", "ONLINE");
        body.put("valueAddedItems", List.of());
        body.put("providedMaterials", materials);
        JsonNode created = http.post("channel1", "/api/scenarios/companyOpening/applications", body);
        long id = created.get("id").asLong();
        String number = created.get("number").asText();
        JsonNode tasks = http.get("frontdesk1", "/engine-rest/task?processInstanceBusinessKey="
                + URLEncoder.encode(number, StandardCharsets.UTF_8) + "&taskDefinitionKey=checkMaterials");
        if (tasks.size() != 1) {
            throw new IllegalStateException("no materials check for " + number + ": " + tasks);
        }
        String task = tasks.get(0).get("id").asText();
        http.post("frontdesk1", "/engine-rest/task/" + task + "/claim", Map.of("userId", "frontdesk1"));
        http.post("frontdesk1", "/engine-rest/task/" + task + "/complete", Map.of("variables",
                Map.of("missingMaterials", Map.of("value", "[]", "type", "Json"))));
        while (true) {
            String status = http.get("channel1", "/api/applications/" + id).get("status").asText();
            if (status.equals("AWAITING_RATING")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(number + " still " + status + " when the run's time was up");
            }
            Thread.sleep(50);
        }
        l.record("to result", System.nanoTime() - start);
        JsonNode rated = http.post("channel1", "/api/applications/" + id + "/evaluation", Map.of("rating", "SATISFIED"));
        if (!rated.get("status").asText().equals("CLOSED")) {
            throw new IllegalStateException(number + " not closed after its rating: " + rated.get("status"));
        }
    }

}
