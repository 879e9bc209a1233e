package cn.qifu.bench.loop;

import cn.qifu.bench.Alternatives;
import cn.qifu.bench.App;
import cn.qifu.bench.BenchConfig;
import cn.qifu.bench.Clients;
import cn.qifu.bench.Latencies;
import cn.qifu.bench.LoopRun;
import cn.qifu.bench.Report;
import cn.qifu.bench.StatementCounter;
import cn.qifu.bench.Stats;
import cn.qifu.bench.Variant;
import cn.qifu.bench.limit.CommitRate;
import cn.qifu.bench.volume.Cloner;
import cn.qifu.problem.ProblemService;
import cn.qifu.testsupport.MariaDbServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 1: problems carried through the whole loop per second, and each step's latency, with 1, 2 and 4 clients,
 * through the Java services and through HTTP; in the tuned application and with Camunda's defaults; then the same
 * loop-shaped BPMN on bare Camunda and on Flowable 7, and the database's commit rate for the same statements per step.
 */
public final class LoopSection {

    static final String SECTION = "1 Loop throughput";
    static final String LATENCY = "1 Loop step latency";
    static final int[] CLIENTS = {1, 2, 4};

    private LoopSection() {
    }

    public static void run(BenchConfig config, Report report) {
        int instances = config.scaled(400, 20);
        int warmUp = config.scaled(150, 20);
        // -Dbench.loop.parts=alternatives,limit runs only the engines beside this application and the database's limit
        List<String> parts = List.of(System.getProperty("bench.loop.parts", "application,alternatives,limit").split(","));
        StatementCounter.Snapshot perProblem = null;
        if (!parts.contains("application") && parts.contains("limit")) {
            try (App app = App.startFresh("loop_tuned", Variant.TUNED, Map.of())) {
                ProblemLoop loop = new ProblemLoop(app);
                check(Clients.run(2, warmUp, 0, (n, l) -> loop.serviceLoop(n, l)), "warm-up");
                perProblem = statementsPerStep(loop, report, Variant.TUNED);
            }
        }
        for (Variant variant : parts.contains("application") ? Variant.values() : new Variant[0]) {
            String column = variant == Variant.TUNED ? Report.TUNED : Report.DEFAULTS;
            try (App app = App.startFresh("loop_" + variant.name().toLowerCase(Locale.ROOT), variant, Map.of())) {
                ProblemLoop loop = new ProblemLoop(app);
                report.note(String.format(Locale.ROOT, "loop, %s: application started in %.1f s; warm-up %d + %d problems",
                        variant.label(), app.startSeconds(), warmUp, warmUp));
                check(Clients.run(2, warmUp, 0, (n, l) -> loop.serviceLoop(n, l)), "warm-up");
                check(Clients.run(2, warmUp, warmUp, (n, l) -> loop.httpLoop(n, l)), "warm-up");
                StatementCounter.Snapshot counted = statementsPerStep(loop, report, variant);
                if (variant == Variant.TUNED) {
                    perProblem = counted;
                }
                int number = 10_000;
                int done = 2 * warmUp + 20;
                for (int r = 0; r < config.repeats(); r++) {
                    for (int clients : CLIENTS) {
                        for (String mode : List.of("services", "HTTP")) {
                            Clients.Result result = Clients.run(clients, instances, number, mode.equals("services")
                                    ? (n, l) -> loop.serviceLoop(n, l) : (n, l) -> loop.httpLoop(n, l));
                            check(result, mode);
                            number += instances;
                            done += instances;
                            record(report, column, mode, clients, instances, result.seconds(),
                                    Latencies.merge(result.latencies()));
                        }
                    }
                }
                long closed = closedProblems(app);
                report.note(String.format(Locale.ROOT, "loop, %s: %d problems closed in the ledger, %d expected",
                        variant.label(), closed, done));
                if (closed != done) {
                    throw new IllegalStateException("not every problem went through the loop: " + closed + " of " + done);
                }
                int open = config.scaled(30_000, 500);
                atVolume(app, loop, report, column, variant, open, instances, number);
            }
        }
        goals(report);
        if (parts.contains("alternatives")) {
            alternatives(config, report, instances);
        }
        if (!parts.contains("limit")) {
            return;
        }
        if (perProblem != null && Alternatives.present(Alternatives.COMMIT_RATE)) {
            limit(config, report, perProblem);
        } else {
            report.note("physical limit: " + Alternatives.COMMIT_RATE + " not present; no limit column");
        }
    }

    /**
     * The loop once more, through the services with 2 clients, with {@code open} problems waiting at 牵头办理并答复
     * (copied in bulk with their engine rows, as the burst's are): a center's runtime tables are never empty, and a
     * statement that reads a whole table (Camunda's search for a completed task's subtasks, system.EngineIndexes) shows
     * only here.
     */
    static void atVolume(App app, ProblemLoop loop, Report report, String column, Variant variant, int open,
                         int instances, int number) {
        ProblemService problems = app.bean(ProblemService.class);
        List<Cloner.Template> templates = Collections.synchronizedList(new ArrayList<>());
        check(Clients.run(2, 40, number, (n, l) -> {
            long id = loop.serviceUntilHandling(n, l);
            templates.add(new Cloner.Template(id, problems.get(id).processInstanceId()));
        }), "templates of the open problems");
        long t = System.nanoTime();
        try (Connection c = app.connect()) {
            Cloner cloner = new Cloner(c);
            cloner.copy(templates, new Cloner.Shape("QL", 1, open, true, true, "0", "'GREEN'", 5000));
            cloner.fixAutoIncrement();
        } catch (SQLException e) {
            throw new IllegalStateException("open problems not copied", e);
        }
        report.note(String.format(Locale.ROOT, "loop, %s: %d open problems copied in %.0f s", variant.label(), open,
                (System.nanoTime() - t) / 1e9));
        check(Clients.run(2, Math.max(20, instances / 10), number + 100, (n, l) -> loop.serviceLoop(n, l)),
                "warm-up at volume");
        Clients.Result result = Clients.run(2, instances, number + 1_000, (n, l) -> loop.serviceLoop(n, l));
        check(result, "services at volume");
        report.figure(SECTION, String.format(Locale.ROOT, "services, 2 clients, %,d open problems", open),
                "problems/s", true).add(column, instances / result.seconds());
    }

    static void record(Report report, String column, String mode, int clients, int instances, double seconds,
                       Map<String, long[]> latencies) {
        report.figure(SECTION, mode + ", " + clients + " client" + (clients > 1 ? "s" : ""), "problems/s", true)
                .add(column, instances / seconds);
        for (String step : ProblemLoop.STEPS) {
            long[] samples = latencies.get(step);
            if (samples == null) {
                continue;
            }
            report.figure(LATENCY, mode + ", " + clients + "c, " + step + " p50", "ms", false)
                    .add(column, Stats.percentileMillis(samples, 50));
            report.figure(LATENCY, mode + ", " + clients + "c, " + step + " p95", "ms", false)
                    .add(column, Stats.percentileMillis(samples, 95));
        }
    }

    private static void goals(Report report) {
        report.figure(SECTION, "services, 2 clients", "problems/s", true).goal(">=", 60);
        report.figure(SECTION, "HTTP, 2 clients", "problems/s", true).goal(">=", 40);
    }

    /** One client, problem after problem, the statements of each step counted; returns the statements per problem. */
    static StatementCounter.Snapshot statementsPerStep(ProblemLoop loop, Report report, Variant variant) {
        int problems = 20;
        Map<String, StatementCounter.Snapshot> steps = new LinkedHashMap<>();
        StatementCounter.Snapshot total = StatementCounter.snapshot().minus(StatementCounter.snapshot());
        for (int i = 0; i < problems; i++) {
            CountingLatencies counting = new CountingLatencies(steps);
            StatementCounter.Snapshot before = StatementCounter.snapshot();
            loop.serviceLoop(5_000 + i + (variant == Variant.TUNED ? 0 : 500), counting);
            total = add(total, StatementCounter.snapshot().minus(before));
        }
        StringBuilder text = new StringBuilder("statements per step through the services, " + variant.label()
                + " (SELECT + writes, commits):");
        for (Map.Entry<String, StatementCounter.Snapshot> e : steps.entrySet()) {
            StatementCounter.Snapshot s = e.getValue();
            text.append(String.format(Locale.ROOT, " %s %.0f+%.0f (%.0f)", e.getKey(), s.selects() / (double) problems,
                    s.writes() / (double) problems, s.commits() / (double) problems));
        }
        text.append(String.format(Locale.ROOT, "; per problem %.0f SELECT, %.0f INSERT, %.0f UPDATE, %.0f DELETE, %.0f other,"
                        + " %.0f commits, %.0f round trips", total.selects() / (double) problems,
                total.inserts() / (double) problems, total.updates() / (double) problems,
                total.deletes() / (double) problems, total.others() / (double) problems,
                total.commits() / (double) problems, total.roundTrips() / (double) problems));
        report.note(text.toString());
        report.fact("statementsPerProblem." + variant.name(), Map.of("selects", total.selects() / (double) problems,
                "writes", total.writes() / (double) problems, "commits", total.commits() / (double) problems));
        return new StatementCounter.Snapshot(total.selects() / problems, total.inserts() / problems,
                total.updates() / problems, total.deletes() / problems, total.others() / problems,
                total.commits() / problems, total.roundTrips() / problems);
    }

    private static StatementCounter.Snapshot add(StatementCounter.Snapshot a, StatementCounter.Snapshot b) {
        return new StatementCounter.Snapshot(a.selects() + b.selects(), a.inserts() + b.inserts(),
                a.updates() + b.updates(), a.deletes() + b.deletes(), a.others() + b.others(), a.commits() + b.commits(),
                a.roundTrips() + b.roundTrips());
    }

    /** Records per step the statements counted while it ran (one thread only). */
    private static final class CountingLatencies extends Latencies {
        private final Map<String, StatementCounter.Snapshot> steps;

        CountingLatencies(Map<String, StatementCounter.Snapshot> steps) {
            this.steps = steps;
        }

        @Override
        public void time(String step, Runnable work) {
            StatementCounter.Snapshot before = StatementCounter.snapshot();
            work.run();
            steps.merge(step, StatementCounter.snapshot().minus(before), LoopSection::add);
        }

        @Override
        public <T> T time(String step, java.util.function.Supplier<T> work) {
            StatementCounter.Snapshot before = StatementCounter.snapshot();
            T result = work.get();
            steps.merge(step, StatementCounter.snapshot().minus(before), LoopSection::add);
            return result;
        }
    }

    private static void alternatives(BenchConfig config, Report report, int instances) {
        for (String[] alternative : List.of(new String[] {Alternatives.BARE_CAMUNDA, Report.BARE, "bare"},
                new String[] {Alternatives.FLOWABLE, Report.FLOWABLE, "flowable"})) {
            if (!Alternatives.present(alternative[0])) {
                report.note(alternative[0] + " not present: no " + alternative[1] + " column");
                continue;
            }
            for (int r = 0; r < config.repeats(); r++) {
                for (int clients : CLIENTS) {
                    String url = MariaDbServer.freshDatabase("qifu_bench_" + alternative[2]);
                    LoopRun run;
                    try {
                        run = Alternatives.loop(alternative[0], url, MariaDbServer.USER, MariaDbServer.PASSWORD,
                                clients, instances);
                    } catch (RuntimeException e) {
                        // one engine's failed run leaves its figure out; the others and the limit are still measured
                        report.note(String.format(Locale.ROOT, "%s, %d client(s), repeat %d FAILED: %s", alternative[1],
                                clients, r + 1, e.getMessage()));
                        continue;
                    }
                    if (r == 0 && clients == 2) {
                        report.note(alternative[1] + ": " + run.engine());
                    }
                    report.figure(SECTION, "services, " + clients + " client" + (clients > 1 ? "s" : ""), "problems/s", true)
                            .add(alternative[1], run.perSecond());
                    for (Map.Entry<String, long[]> e : run.stepLatencyNanos().entrySet()) {
                        String step = Alternatives.STEP_NAMES.getOrDefault(e.getKey(), e.getKey());
                        report.figure(LATENCY, "services, " + clients + "c, " + step + " p50", "ms", false)
                                .add(alternative[1], Stats.percentileMillis(e.getValue(), 50));
                        report.figure(LATENCY, "services, " + clients + "c, " + step + " p95", "ms", false)
                                .add(alternative[1], Stats.percentileMillis(e.getValue(), 95));
                    }
                }
            }
        }
    }

    /**
     * The database's commit rate for transactions of the loop's size (statements per commit, counted above) with as
     * many threads as clients; divided by the commits per problem it is the most problems/s this database could take.
     */
    private static void limit(BenchConfig config, Report report, StatementCounter.Snapshot perProblem) {
        long commits = Math.max(1, perProblem.commits());
        int perCommit = (int) Math.max(1, Math.round((perProblem.selects() + perProblem.writes()) / (double) commits));
        Duration duration = Duration.ofMillis((long) Math.max(3000, 10_000 * Math.min(1, config.scale())));
        for (int clients : CLIENTS) {
            String url = MariaDbServer.freshDatabase("qifu_bench_limit");
            CommitRate rate = Alternatives.commitRate(url, MariaDbServer.USER, MariaDbServer.PASSWORD, perCommit, clients,
                    duration);
            double problemsPerSecond = rate.perSecond() / commits;
            report.note(String.format(Locale.ROOT, "physical limit, %d thread(s): %.0f commits/s of %d statements; "
                            + "a problem takes %d commits → %.0f problems/s", clients, rate.perSecond(), perCommit,
                    commits, problemsPerSecond));
            for (String mode : List.of("services", "HTTP")) {
                report.figure(SECTION, mode + ", " + clients + " client" + (clients > 1 ? "s" : ""), "problems/s", true)
                        .limit(problemsPerSecond);
            }
        }
    }

    private static void check(Clients.Result result, String what) {
        if (result.failures() > 0) {
            throw new IllegalStateException(what + ": " + result.failures() + " problems failed", result.firstFailure());
        }
    }

    private static long closedProblems(App app) {
        try (Connection c = app.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM qf_problem WHERE status = 'CLOSED'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
