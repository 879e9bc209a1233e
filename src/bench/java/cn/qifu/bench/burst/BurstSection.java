package cn.qifu.bench.burst;

import cn.qifu.bench.App;
import cn.qifu.bench.BenchConfig;
import cn.qifu.bench.Clients;
import cn.qifu.bench.Databases;
import cn.qifu.bench.Report;
import cn.qifu.bench.Variant;
import cn.qifu.bench.loop.ProblemLoop;
import cn.qifu.bench.volume.Cloner;
import cn.qifu.problem.ProblemService;
import cn.qifu.testsupport.AppNode;
import cn.qifu.testsupport.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 2: the morning after a holiday. 10,000 problems at the handling stage whose deadline timers all fall due at
 * the same instant; measured: the time from that instant until every one is red in the ledger and its 督办 task exists,
 * with the application as one node and as two nodes (separate processes, {@link AppNode}) on one database.
 *
 * <p>The problems: a few dozen real ones carried to 牵头办理并答复 through the services, then copied in bulk
 * ({@link Cloner}) with every engine row of their instances. Each configuration gets its own database; the nodes start
 * once and work a warm-up set, then one set of 10,000 per repeat (the other sets' timers stay in the future).
 */
public final class BurstSection {

    static final String SECTION = "2 Deadline burst";

    private BurstSection() {
    }

    public static void run(BenchConfig config, Report report) throws Exception {
        int problems = config.scaled(10_000, 200);
        // a node that has run for a day has its job path compiled: the first measured burst after a warm-up of a tenth
        // (1,000 timers) took a third longer than the second, the JIT still compiling; half (5,000) is a warm node
        int warmUp = Integer.getInteger("bench.burst.warm-up", Math.max(50, problems / 2));
        int copies = warmUp + config.repeats() * problems;
        // -Dbench.burst.variants=TUNED measures one variant only (while trying job executor settings)
        List<String> variants = List.of(System.getProperty("bench.burst.variants", "TUNED,DEFAULTS").split(","));
        for (Variant variant : Variant.values()) {
            if (!variants.contains(variant.name())) {
                continue;
            }
            String column = variant == Variant.TUNED ? Report.TUNED : Report.DEFAULTS;
            String v = variant.name().toLowerCase(Locale.ROOT);
            String template = "qifu_bench_burst_" + v;
            long[] ids = buildTemplate(template, variant, copies, report);
            String single = "qifu_bench_burst_" + v + "_1node";
            long t = System.nanoTime();
            Databases.copy(template, single);
            report.note(String.format(Locale.ROOT, "burst, %s: database copied in %.0f s", variant.label(),
                    (System.nanoTime() - t) / 1e9));
            for (int nodes : System.getProperty("bench.burst.nodes", "1,2").equals("1") ? new int[] {1} : new int[] {1, 2}) {
                String database = nodes == 1 ? single : template;
                List<Double> seconds = bursts(database, variant, nodes, ids[0], warmUp, problems, config.repeats(), report);
                for (double s : seconds) {
                    report.figure(SECTION, nodes + " node" + (nodes > 1 ? "s" : "") + ": 10,000 deadlines to red + 督办",
                            "s", false).add(column, s * 10_000.0 / problems);
                    report.figure(SECTION, nodes + " node" + (nodes > 1 ? "s" : "") + ": timers fired", "jobs/s", true)
                            .add(column, problems / s);
                }
            }
        }
        report.figure(SECTION, "1 node: 10,000 deadlines to red + 督办", "s", false).goal("<=", 25);
        report.figure(SECTION, "2 nodes: 10,000 deadlines to red + 督办", "s", false).goal("<=", 15);
        if (problems != 10_000) {
            report.note("burst: " + problems + " problems per burst (scale " + config.scale()
                    + "); the seconds are scaled to 10,000 linearly");
        }
    }

    /**
     * The template database: {@code real} problems carried to the handling stage through the services, then copied
     * {@code copies} times; returns the ledger ids of the copies.
     */
    static long[] buildTemplate(String database, Variant variant, int copies, Report report) throws SQLException {
        int real = 40;
        long t = System.nanoTime();
        List<Cloner.Template> templates = Collections.synchronizedList(new ArrayList<>());
        long[] ids;
        try (App app = App.startFresh(database.substring("qifu_bench_".length()), variant, Map.of())) {
            ProblemLoop loop = new ProblemLoop(app);
            ProblemService problems = app.bean(ProblemService.class);
            Clients.Result made = Clients.run(2, real, 0, (n, l) -> {
                long id = loop.serviceUntilHandling(n, l);
                templates.add(new Cloner.Template(id, problems.get(id).processInstanceId()));
            });
            if (made.failures() > 0) {
                throw new IllegalStateException("template problems failed", made.firstFailure());
            }
            try (Connection c = app.connect()) {
                Cloner cloner = new Cloner(c);
                ids = cloner.copy(templates, new Cloner.Shape("QR", 1, copies, true, true, "0", "'GREEN'", 5000));
                cloner.fixAutoIncrement();
            }
        }
        report.note(String.format(Locale.ROOT, "burst, %s: %d problems at 牵头办理并答复 (%d through the services, "
                        + "%d copied with SQL) in %.0f s", variant.label(), real + copies, real, copies,
                (System.nanoTime() - t) / 1e9));
        return ids;
    }

    /** Starts the nodes, then per set: every deadline timer due now, and the time until all are red with a 督办 task. */
    static List<Double> bursts(String database, Variant variant, int nodeCount, long firstId, int warmUp, int problems,
                               int repeats, Report report) throws Exception {
        String url = Databases.url(database);
        Map<String, String> properties = new LinkedHashMap<>(App.baseProperties(url));
        properties.keySet().removeIf(k -> k.startsWith("spring.datasource.") || k.equals("server.port"));
        properties.putAll(variant.properties());
        properties.put("camunda.bpm.job-execution.enabled", "true");
        List<AppNode> nodes = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        try {
            String trial = System.getProperty("bench.burst.sql", "");
            if (!trial.isBlank()) {
                // a change to try before the nodes start (e.g. an index), not part of the table's configurations
                try (Connection c = Databases.connect(database); java.sql.Statement s = c.createStatement()) {
                    for (String sql : trial.split(";")) {
                        s.execute(sql);
                    }
                }
            }
            long t = System.nanoTime();
            for (int i = 0; i < nodeCount; i++) {
                nodes.add(AppNode.start("burst-" + variant.name().toLowerCase(Locale.ROOT) + "-" + nodeCount + "n-" + i,
                        AppNode.freePort(), url, MariaDbServer.USER, MariaDbServer.PASSWORD, properties));
            }
            report.note(String.format(Locale.ROOT, "burst, %s, %d node(s) up in %.0f s", variant.label(), nodeCount,
                    (System.nanoTime() - t) / 1e9));
            try (Connection c = Databases.connect(database)) {
                long supervised = Databases.count(c, "SELECT COUNT(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'superviseOverdue'");
                burst(c, firstId, firstId + warmUp - 1, supervised + warmUp);
                supervised += warmUp;
                for (int r = 0; r < repeats; r++) {
                    long from = firstId + warmUp + (long) r * problems;
                    double s = burst(c, from, from + problems - 1, supervised + problems);
                    supervised += problems;
                    seconds.add(s);
                    report.note(String.format(Locale.ROOT, "burst, %s, %d node(s): %d deadlines red + 督办 in %.1f s (%.0f/s)",
                            variant.label(), nodeCount, problems, s, problems / s));
                }
            }
        } finally {
            for (AppNode node : nodes) {
                node.stop();
            }
        }
        return seconds;
    }

    /** Sets the deadline timers of problems [from, to] due now; returns the seconds until all are red and supervised. */
    static double burst(Connection c, long from, long to, long supervisedExpected) throws SQLException {
        long count = to - from + 1;
        // the instances first (primary-key range), then their timers by ACT_RU_JOB's process-instance index, in batches,
        // committed together so that every timer falls due at the same instant (one join of the three tables makes
        // MariaDB compare every job with every problem: minutes at 20,000 problems)
        List<String> instances = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT process_instance_id FROM qf_problem WHERE id BETWEEN ? AND ?")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    instances.add(rs.getString(1));
                }
            }
        }
        String jobDefinitions;
        try (java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT ID_ FROM ACT_RU_JOBDEF WHERE ACT_ID_ = 'deadlineReached'")) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add("'" + rs.getString(1) + "'");
            }
            jobDefinitions = String.join(", ", ids);
        }
        Timestamp now = Timestamp.from(Instant.now());
        int updated = 0;
        c.setAutoCommit(false);
        try {
            for (int i = 0; i < instances.size(); i += 500) {
                List<String> batch = instances.subList(i, Math.min(instances.size(), i + 500));
                try (PreparedStatement due = c.prepareStatement("UPDATE ACT_RU_JOB SET DUEDATE_ = ? WHERE JOB_DEF_ID_ IN ("
                        + jobDefinitions + ") AND PROCESS_INSTANCE_ID_ IN (" + String.join(", ", java.util.Collections.nCopies(batch.size(), "?")) + ")")) {
                    due.setTimestamp(1, now);
                    for (int k = 0; k < batch.size(); k++) {
                        due.setString(k + 2, batch.get(k));
                    }
                    updated += due.executeUpdate();
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        if (updated != count) {
            throw new IllegalStateException("expected " + count + " deadline timers, found " + updated);
        }
        long start = System.nanoTime();
        long deadline = start + 20L * 60 * 1_000_000_000;
        while (true) {
            long red = Databases.count(c, "SELECT COUNT(*) FROM qf_problem WHERE light = 'RED' AND id BETWEEN " + from
                    + " AND " + to);
            long supervised = Databases.count(c, "SELECT COUNT(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'superviseOverdue'");
            if (red == count && supervised >= supervisedExpected) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("after 20 min only " + red + " of " + count + " red, "
                        + supervised + " of " + supervisedExpected + " 督办 tasks");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
