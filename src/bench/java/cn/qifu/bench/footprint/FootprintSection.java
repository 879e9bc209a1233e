package cn.qifu.bench.footprint;

import cn.qifu.bench.App;
import cn.qifu.bench.BenchConfig;
import cn.qifu.bench.Clients;
import cn.qifu.bench.Databases;
import cn.qifu.bench.Http;
import cn.qifu.bench.Report;
import cn.qifu.bench.Variant;
import cn.qifu.bench.loop.ProblemLoop;
import cn.qifu.bench.volume.Cloner;
import cn.qifu.testsupport.AppNode;
import cn.qifu.testsupport.MariaDbServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 5: the application as an operator runs it, a process of its own ({@link AppNode}, -Xmx512m): start-up time
 * (new database, and a restart), heap after start (after a full GC, {@code jcmd GC.heap_info}), and per 10,000 open
 * problems the heap and the database (data + index length after ANALYZE).
 */
public final class FootprintSection {

    static final String SECTION = "5 Footprint";
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private FootprintSection() {
    }

    public static void run(BenchConfig config, Report report) throws Exception {
        int open = config.scaled(10_000, 1_000);
        for (Variant variant : Variant.values()) {
            String column = variant == Variant.TUNED ? Report.TUNED : Report.DEFAULTS;
            String database = "qifu_bench_footprint_" + variant.name().toLowerCase(Locale.ROOT);
            String url = MariaDbServer.freshDatabase(database);
            Map<String, String> properties = new LinkedHashMap<>(App.baseProperties(url));
            properties.keySet().removeIf(k -> k.startsWith("spring.datasource.") || k.equals("server.port"));
            properties.putAll(variant.properties());
            String name = "footprint-" + variant.name().toLowerCase(Locale.ROOT);
            long t = System.nanoTime();
            AppNode first = AppNode.start(name, AppNode.freePort(), url, MariaDbServer.USER, MariaDbServer.PASSWORD, properties);
            report.figure(SECTION, "start-up, new database", "s", false).add(column, (System.nanoTime() - t) / 1e9);
            first.stop();
            if (variant == Variant.DEFAULTS) {
                dropIndexes(database);
            }
            for (int r = 0; r < config.repeats(); r++) {
                t = System.nanoTime();
                AppNode node = AppNode.start(name, AppNode.freePort(), url, MariaDbServer.USER, MariaDbServer.PASSWORD,
                        properties);
                report.figure(SECTION, "start-up, existing database", "s", false).add(column, (System.nanoTime() - t) / 1e9);
                report.figure(SECTION, "heap after start (after GC)", "MB", false).add(column, heapUsedMb(node));
                if (r < config.repeats() - 1) {
                    node.stop();
                    continue;
                }
                try {
                    perOpenProblems(node, database, open, column, report);
                } finally {
                    node.stop();
                }
            }
        }
    }

    /** 40 problems carried to the handling stage over HTTP, copied to {@code open}; heap and database per 10,000. */
    static void perOpenProblems(AppNode node, String database, int open, String column, Report report) throws Exception {
        ProblemLoop loop = new ProblemLoop(node.baseUrl());
        List<Long> ids = Collections.synchronizedList(new ArrayList<>());
        Clients.Result made = Clients.run(2, 40, 0, (n, l) -> ids.add(loop.httpUntilHandling(n, l)));
        if (made.failures() > 0) {
            throw new IllegalStateException("footprint problems failed", made.firstFailure());
        }
        exercise(node);
        double heapBefore = heapUsedMb(node);
        long bytesBefore = Databases.sizeBytes(database);
        try (Connection c = Databases.connect(database)) {
            List<Cloner.Template> templates = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, process_instance_id FROM qf_problem WHERE status = 'HANDLING'")) {
                while (rs.next()) {
                    templates.add(new Cloner.Template(rs.getLong(1), rs.getString(2)));
                }
            }
            Cloner cloner = new Cloner(c);
            cloner.copy(templates, new Cloner.Shape("QF", 1, open, true, true, "FLOOR(RAND(m.n) * 20)", "'GREEN'", 2000));
            cloner.fixAutoIncrement();
        }
        double per = 10_000.0 / open;
        report.figure(SECTION, "database per 10,000 open problems", "MB", false)
                .add(column, (Databases.sizeBytes(database) - bytesBefore) / 1024.0 / 1024.0 * per);
        exercise(node);
        report.figure(SECTION, "heap per 10,000 open problems (after GC)", "MB", false)
                .add(column, Math.max(0, heapUsedMb(node) - heapBefore) * per);
    }

    /** What staff do all day: a clerk's task list, the figures, a problem's page. */
    private static void exercise(AppNode node) {
        Http http = new Http(node.baseUrl());
        for (int i = 0; i < 20; i++) {
            String clerk = ProblemLoop.department(i) + "1";
            http.post(clerk, "/engine-rest/task?firstResult=0&maxResults=15", Map.of("candidateGroups",
                    List.of(ProblemLoop.department(i)), "unassigned", true,
                    "sorting", List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc"))));
            http.get("supervisor1", "/api/stats/summary");
            http.get("supervisor1", "/api/stats/lights");
        }
    }

    /** The heap in use after a full collection, from the JDK's own tool. */
    static double heapUsedMb(AppNode node) throws IOException, InterruptedException {
        jcmd(node.pid(), "GC.run");
        String info = jcmd(node.pid(), "GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure in: " + info);
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static void dropIndexes(String database) throws Exception {
        try (Connection c = Databases.connect(database); Statement s = c.createStatement()) {
            for (String[] index : cn.qifu.bench.Indexes.created()) {
                s.execute("DROP INDEX " + index[0] + " ON " + index[1]);
            }
        }
    }
}
