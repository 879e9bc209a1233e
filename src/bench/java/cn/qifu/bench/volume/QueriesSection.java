package cn.qifu.bench.volume;

import cn.qifu.bench.App;
import cn.qifu.bench.BenchConfig;
import cn.qifu.bench.Clients;
import cn.qifu.bench.Databases;
import cn.qifu.bench.Http;
import cn.qifu.bench.Indexes;
import cn.qifu.bench.Latencies;
import cn.qifu.bench.Report;
import cn.qifu.bench.Stats;
import cn.qifu.bench.Variant;
import cn.qifu.bench.loop.ProblemLoop;
import cn.qifu.problem.ProblemService;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Section 3: the queries staff and supervisors run all day, on a ledger and an engine holding 100,000 open problems and
 * 1,000,000 closed ones: a department's task list exactly as Tasklist asks for it (as the clerk, authorization on), an
 * enterprise's problem list as a channel asks for it, and every supervision figure; p50 / p95 over at least 50 requests
 * each, over HTTP. The same database is then measured with Camunda's defaults (and without this project's indexes).
 *
 * <p>How the data is made: real problems carried through the services (ten waiting at 牵头办理并答复, one per department;
 * three closed), then copied with SQL ({@link Cloner}) with all their engine rows (runtime for the open ones, history for
 * all). The open copies' due dates are spread over the next 30 days, 5 % shown red and 10 % yellow; the closed copies'
 * acceptance over the last 12 months, with departments, channels, categories, boards, ratings, overdue, reopened,
 * returned and visited problems in the proportions of the figures benchmark's generator.
 */
public final class QueriesSection {

    static final String SECTION = "3 Queries at volume";
    static final List<String> FIGURES = List.of("/api/stats/summary", "/api/stats/by/department", "/api/stats/by/board",
            "/api/stats/by/level", "/api/stats/by/channel", "/api/stats/by/category", "/api/stats/trend?months=12",
            "/api/stats/lights");

    private QueriesSection() {
    }

    public static void run(BenchConfig config, Report report) throws Exception {
        int open = config.scaled(100_000, 2_000);
        int closed = config.scaled(1_000_000, 20_000);
        int requests = Math.max(50, config.scaled(100, 50));
        String database = "qifu_bench_volume";
        Map<String, String> noJobs = Map.of("camunda.bpm.job-execution.enabled", "false");
        int enterprises = Math.max(1000, (open + closed) / 22);
        String built = builtBefore(database, open, closed);
        if (built != null) {
            // 1.1 million problems take half an hour to make; a later run of the suite measures the same data again
            try (App app = App.start(Databases.url(database), database, Variant.TUNED, noJobs)) {
                Indexes.createMissing(app);
                report.note(String.format(Locale.ROOT, "queries: the %,d open and %,d closed problems made by an earlier"
                        + " run (%s) measured again (-Dbench.volume.rebuild=true makes them anew); database %,d MB",
                        open, closed, built, Databases.sizeBytes(database) / 1024 / 1024));
                for (int r = 0; r < config.repeats(); r++) {
                    measure(app, report, Report.TUNED, requests, enterprises);
                }
            }
        } else {
            try (App app = App.startFresh("volume", Variant.TUNED, noJobs)) {
                long t = System.nanoTime();
                build(app, open, closed, enterprises, report);
                app.sql("CREATE TABLE bench_volume (open_count INT NOT NULL, closed_count INT NOT NULL,"
                        + " built_at TIMESTAMP NOT NULL)", "INSERT INTO bench_volume VALUES (" + open + ", " + closed + ", NOW())");
                report.note(String.format(Locale.ROOT, "queries: %,d open and %,d closed problems made in %.1f min; database %,d MB",
                        open, closed, (System.nanoTime() - t) / 60e9, Databases.sizeBytes(database) / 1024 / 1024));
                for (int r = 0; r < config.repeats(); r++) {
                    measure(app, report, Report.TUNED, requests, enterprises);
                }
            }
        }
        // -Dbench.queries.variants=TUNED measures this project's configuration only (while tuning a query)
        if (List.of(System.getProperty("bench.queries.variants", "TUNED,DEFAULTS").split(",")).contains("DEFAULTS")) {
            // the same data with Camunda's defaults: the database says audit-trail, the defaults say full
            try (Connection c = Databases.connect(database); Statement s = c.createStatement()) {
                s.execute("UPDATE ACT_GE_PROPERTY SET VALUE_ = '3' WHERE NAME_ = 'historyLevel'");
            }
            try (App app = App.start(Databases.url(database), database, Variant.DEFAULTS, noJobs)) {
                for (int r = 0; r < config.repeats(); r++) {
                    measure(app, report, Report.DEFAULTS, requests, enterprises);
                }
            }
        }
        report.figure(SECTION, "Tasklist 本组待签收: list (15, by due date)", "ms p95", false).goal("<", 100);
        report.figure(SECTION, "Tasklist 本组待签收: count", "ms p95", false).goal("<", 100);
        for (String figure : FIGURES) {
            report.figure(SECTION, "GET " + figure, "ms p95", false).goal("<", 500);
        }
        report.figure(SECTION, TREND_CHANGED, "ms p95", false).goal("<", 500);
        if (open != 100_000 || closed != 1_000_000) {
            report.note("queries: scale " + config.scale() + ": " + open + " open, " + closed + " closed problems");
        }
    }

    /** Makes the data; returns how many enterprises the problems belong to. */
    static void build(App app, int open, int closed, int enterprises, Report report) throws Exception {
        ProblemLoop loop = new ProblemLoop(app);
        ProblemService problems = app.bean(ProblemService.class);
        List<Cloner.Template> openTemplates = Collections.synchronizedList(new ArrayList<>());
        List<Cloner.Template> closedTemplates = Collections.synchronizedList(new ArrayList<>());
        check(Clients.run(2, ProblemLoop.DEPARTMENTS.size(), 0, (n, l) -> {
            long id = loop.serviceUntilHandling(n, l);
            openTemplates.add(new Cloner.Template(id, problems.get(id).processInstanceId()));
        }));
        check(Clients.run(2, 3, 100, (n, l) -> {
            long id = loop.serviceLoop(n, l);
            closedTemplates.add(new Cloner.Template(id, problems.get(id).processInstanceId()));
        }));
        try (Connection c = app.connect()) {
            Cloner cloner = new Cloner(c);
            long t = System.nanoTime();
            cloner.copy(openTemplates, new Cloner.Shape("QO", 1, open, true, true, "FLOOR(RAND(m.n) * 30)",
                    "CASE WHEN RAND(m.n * 3 + 1) < 0.05 THEN 'RED' WHEN RAND(m.n * 3 + 1) < 0.15 THEN 'YELLOW' ELSE 'GREEN' END",
                    enterprises));
            report.note(String.format(Locale.ROOT, "queries: %,d open problems copied in %.0f s", open, (System.nanoTime() - t) / 1e9));
            t = System.nanoTime();
            long[] ids = cloner.copy(closedTemplates, new Cloner.Shape("QC", 1, closed, false, true, "0", "'GREEN'",
                    enterprises));
            report.note(String.format(Locale.ROOT, "queries: %,d closed problems copied in %.0f s", closed, (System.nanoTime() - t) / 1e9));
            t = System.nanoTime();
            spreadClosed(c, ids[0], ids[1]);
            cloner.fixAutoIncrement();
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE qf_month_tally SET version = version + 1"); // the ledger was written by SQL
            }
            try (Statement s = c.createStatement()) {
                for (String table : List.of("qf_problem", "qf_problem_event", "qf_problem_department", "ACT_RU_TASK",
                        "ACT_RU_IDENTITYLINK", "ACT_RU_AUTHORIZATION", "ACT_RU_JOB", "ACT_RU_EXECUTION", "ACT_RU_VARIABLE")) {
                    s.execute("ANALYZE TABLE " + table);
                }
            }
            report.note(String.format(Locale.ROOT, "queries: closed problems spread over 12 months in %.0f s",
                    (System.nanoTime() - t) / 1e9));
        }
    }

    /** When the data of this size was made, if an earlier run made it completely; null if it must be made. */
    static String builtBefore(String database, int open, int closed) {
        if (Boolean.getBoolean("bench.volume.rebuild")) {
            return null;
        }
        try (Connection c = Databases.connect(database); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT open_count, closed_count, built_at FROM bench_volume")) {
            return rs.next() && rs.getInt(1) == open && rs.getInt(2) == closed ? String.valueOf(rs.getTimestamp(3)) : null;
        } catch (SQLException e) {
            return null; // no such database or table: not made yet, or not to the end
        }
    }

    /** The closed copies' months, departments, channels, ratings …, in the figures benchmark's proportions. */
    static void spreadClosed(Connection c, long from, long to) throws SQLException {
        String range = " WHERE id BETWEEN " + from + " AND " + to;
        String departments = String.join("','", ProblemLoop.DEPARTMENTS);
        try (Statement s = c.createStatement()) {
            s.execute("UPDATE qf_problem SET"
                    + " accepted_at = NOW(3) - INTERVAL FLOOR(RAND(id * 13) * 365 * 24 * 60) MINUTE,"
                    + " lead_department = ELT(1 + FLOOR(RAND(id * 19) * 10), '" + departments + "'),"
                    + " channel = ELT(1 + FLOOR(RAND(id * 23) * 5), 'WINDOW', 'HOTLINE', 'ONLINE', 'VISIT', 'PLATFORM'),"
                    + " category = ELT(1 + FLOOR(RAND(id * 29) * 8), '水电气网', '证照', '融资', '用工', '政策兑现', '土地', '环保', '其他'),"
                    + " board = ELT(1 + FLOOR(RAND(id * 31) * 9), 'project', 'policy', 'finance', 'talent', 'law',"
                    + " 'innovation', 'opening', 'appeal', 'fallback'),"
                    + " rating = CASE WHEN RAND(id * 37) < 0.93 THEN 'SATISFIED' WHEN RAND(id * 37) < 0.97"
                    + " THEN 'BASICALLY_SATISFIED' ELSE 'UNSATISFIED' END,"
                    + " rating_by_default = RAND(id * 41) < 0.3,"
                    + " overdue = RAND(id * 43) < 0.07,"
                    + " reopen_count = CASE WHEN RAND(id * 47) < 0.03 THEN 1 ELSE 0 END" + range);
            s.execute("UPDATE qf_problem SET light = CASE WHEN overdue THEN 'RED' ELSE 'GREEN' END,"
                    + " round_started_at = accepted_at, created_at = accepted_at - INTERVAL 1 HOUR,"
                    + " deadline_at = accepted_at + INTERVAL 3 DAY, due_date = DATE(accepted_at + INTERVAL 3 DAY),"
                    + " answered_at = accepted_at + INTERVAL (2 + FLOOR(RAND(id * 53) * 90)) HOUR" + range);
            s.execute("UPDATE qf_problem SET handling_working_minutes = TIMESTAMPDIFF(MINUTE, accepted_at, answered_at) * 5 DIV 7,"
                    + " closed_at = answered_at + INTERVAL 3 DAY, rated_at = answered_at + INTERVAL 3 DAY,"
                    + " updated_at = answered_at + INTERVAL 3 DAY" + range);
            s.execute("UPDATE qf_problem_department d JOIN qf_problem p ON p.id = d.problem_id"
                    + " SET d.department_code = p.lead_department WHERE d.role = 'LEAD' AND p.id BETWEEN " + from + " AND " + to);
            // 退单 (returned by the department), 回访 (visited after closing) and 逾期 in the timelines
            s.execute("INSERT INTO qf_problem_event (problem_id, occurred_at, actor, action, detail)"
                    + " SELECT id, accepted_at + INTERVAL 1 HOUR, 'amr1', 'RETURNED', '退回' FROM qf_problem" + range
                    + " AND RAND(id * 59) < 0.05");
            s.execute("INSERT INTO qf_problem_event (problem_id, occurred_at, actor, action, detail)"
                    + " SELECT id, closed_at + INTERVAL 1 DAY, 'supervisor1', 'RETURN_VISIT', '问题已解决' FROM qf_problem"
                    + range + " AND RAND(id * 61) < 0.2");
            // and their flags on the ledger row, as ProblemService keeps them
            s.execute("UPDATE qf_problem SET ever_returned = RAND(id * 59) < 0.05, return_visited = RAND(id * 61) < 0.2"
                    + range);
            s.execute("INSERT INTO qf_problem_event (problem_id, occurred_at, actor, action, detail)"
                    + " SELECT id, deadline_at, 'system', 'OVERDUE', '已超过办理期限' FROM qf_problem" + range + " AND overdue");
        }
    }

    /** Every query, p50 / p95 over {@code requests} requests after a warm-up. */
    static void measure(App app, Report report, String column, int requests, int enterprises) {
        Http http = new Http(app.baseUrl());
        List<String> clerks = ProblemLoop.DEPARTMENTS.stream().map(d -> d + "1").toList();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String clerk : clerks) {
            groups.put(clerk, app.engine().getIdentityService().createGroupQuery().groupMember(clerk).list().stream()
                    .map(g -> g.getId()).toList());
        }
        String filterId = http.get("demo", "/engine-rest/filter?name=" + URLEncoder.encode("本组待签收", StandardCharsets.UTF_8))
                .get(0).get("id").asText();
        int[] turn = {0};
        Supplier<String> clerk = () -> clerks.get(turn[0]++ % clerks.size());
        time(report, column, "Tasklist 本组待签收: list (15, by due date)", requests, () -> {
            String user = clerk.get();
            JsonNode list = http.post(user, "/engine-rest/task?firstResult=0&maxResults=15", query(groups.get(user)));
            if (list.size() != 15) {
                throw new IllegalStateException(user + " sees " + list.size() + " tasks, not 15");
            }
        });
        time(report, column, "Tasklist 本组待签收: count", requests, () -> {
            String user = clerk.get();
            http.post(user, "/engine-rest/task/count", query(groups.get(user)));
        });
        time(report, column, "Tasklist filter 本组待签收 (as Tasklist calls it)", requests, () -> {
            String user = clerk.get();
            http.post(user, "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
                    Map.of("sorting", List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc"))));
            http.get(user, "/engine-rest/filter/" + filterId + "/count");
        });
        int[] enterprise = {0};
        time(report, column, "GET /api/problems?creditCode= (an enterprise's problems)", requests, () -> {
            String code = Cloner.creditCode((enterprise[0]++ * 7919) % enterprises);
            JsonNode list = http.get("channel1", "/api/problems?creditCode=" + code);
            if (list.isEmpty()) {
                throw new IllegalStateException("no problems of enterprise " + code);
            }
        });
        for (String figure : FIGURES) {
            time(report, column, "GET " + figure, requests, () -> http.get("supervisor1", figure));
        }
        // the trend above reads the kept counts of the ended months (PastMonthTallies); here last month changes before
        // every request (a rating, a return visit), so it is counted again, and once every month is counted anew
        String lastMonth = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1).toString();
        time(report, column, TREND_CHANGED, requests, () -> {
            app.sql("UPDATE qf_month_tally SET version = version + 1 WHERE month_label = '" + lastMonth + "'");
            http.get("supervisor1", "/api/stats/trend?months=12");
        });
        app.sql("UPDATE qf_month_tally SET version = version + 1");
        long t = System.nanoTime();
        http.get("supervisor1", "/api/stats/trend?months=12");
        report.note(String.format(Locale.ROOT, "queries, %s: the trend with all 12 months counted anew (the first"
                + " request after a start on a new database, or after the ledger was changed by SQL) %.0f ms", column,
                (System.nanoTime() - t) / 1e6));
    }

    static final String TREND_CHANGED = "GET /api/stats/trend?months=12 · last month changed before each request";

    private static Map<String, Object> query(List<String> groups) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("candidateGroups", groups);
        q.put("unassigned", true);
        q.put("sorting", List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc")));
        return q;
    }

    /** A query that takes seconds (Camunda's defaults) is measured at least this long and then stops. */
    static final long PER_QUERY_NANOS = 30_000_000_000L;
    static final int MIN_SAMPLES = 5;

    private static void time(Report report, String column, String name, int requests, Runnable request) {
        for (int i = 0; i < 3; i++) {
            request.run();
        }
        Latencies l = new Latencies();
        long end = System.nanoTime() + PER_QUERY_NANOS;
        int done = 0;
        while (done < requests && (done < MIN_SAMPLES || System.nanoTime() < end)) {
            l.time(name, request);
            done++;
        }
        if (done < requests) {
            report.note(String.format(Locale.ROOT, "queries, %s: %s measured %d times (not %d: %d s were up)", column,
                    name, done, requests, PER_QUERY_NANOS / 1_000_000_000L));
        }
        long[] samples = Latencies.merge(List.of(l)).get(name);
        report.figure(SECTION, name, "ms p95", false).add(column, Stats.percentileMillis(samples, 95));
        report.figure(SECTION, name + " · p50", "ms p50", false).add(column, Stats.percentileMillis(samples, 50));
    }

    private static void check(Clients.Result result) {
        if (result.failures() > 0) {
            throw new IllegalStateException("template problems failed", result.firstFailure());
        }
    }
}
