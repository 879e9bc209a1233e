package cn.qifu.supervision.figures;

import cn.qifu.catalog.CatalogMapper;
import cn.qifu.catalog.CatalogService;
import cn.qifu.deadline.HolidayTable;
import cn.qifu.deadline.WorkingDayCalendar;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.session.SqlSessionManager;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.flywaydb.core.Flyway;

/**
 * Not a test: how long the figures take on a big ledger. Builds a separate H2 file database (default
 * /tmp/qifu-figures-bench) with the application's migrations, generates N problems (default 100,000) accepted in
 * 2025-06 with about 6 events each (and optionally M more spread over the 11 months before), then runs every query 5
 * times and prints the median; last, the whole workbook (the ledger sheet streams N rows). Arguments: N [M [target]],
 * target an H2 directory or a scratch MySQL / MariaDB database (jdbc:mysql://127.0.0.1:3306/qifu_fig_bench, root without
 * password; dropped and created again). Run it with a small heap to see that nothing holds the ledger in memory:
 *
 * <pre>
 * mvn -o -q -Pbench -Dqifu.build.directory=/tmp/fig-target test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/fig-cp.txt
 * java -Xmx256m -cp /tmp/fig-target/test-classes:/tmp/fig-target/classes:$(cat /tmp/fig-cp.txt) \
 *      cn.qifu.supervision.figures.FiguresBenchmark 100000
 * </pre>
 *
 * <p>Part of the benchmark suite's sources (src/bench, profile {@code bench}); the suite itself measures the figures
 * over HTTP on the real MariaDB at 1,000,000 closed problems (cn.qifu.bench.volume.QueriesSection), with the proportions
 * of this generator.
 */
public final class FiguresBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String[] DEPARTMENTS = {"amr", "tax", "hrss", "water", "meteo", "nrp", "housing", "eco", "sttown", "parkhitech"};
    private static final String[] LEVELS = {"COUNTY", "COUNTY", "COUNTY", "COUNTY", "COUNTY", "COUNTY", "COUNTY", "COUNTY", "COMMUNITY", "PARK"};
    private static final String[] BOARDS = {"project", "policy", "finance", "talent", "law", "innovation", "opening", "appeal", "fallback"};
    private static final String[] CHANNELS = {"WINDOW", "HOTLINE", "ONLINE", "VISIT", "PLATFORM"};
    private static final String[] CATEGORIES = {"水电气网", "证照", "融资", "用工", "政策兑现", "土地", "环保", "其他"};

    private FiguresBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int background = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        String target = args.length > 2 ? args[2] : "/tmp/qifu-figures-bench";
        boolean mysql = target.startsWith("jdbc:mysql:");
        HikariDataSource dataSource = new HikariDataSource();
        if (mysql) {
            // a scratch database on a MySQL / MariaDB server, e.g. jdbc:mysql://127.0.0.1:3306/qifu_fig_bench (dropped first)
            String server = target.substring(0, target.lastIndexOf('/') + 1);
            String database = target.substring(target.lastIndexOf('/') + 1);
            try (Connection c = DriverManager.getConnection(server, "root", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
                s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            }
            dataSource.setJdbcUrl(target + "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true"
                    + "&characterEncoding=UTF-8&rewriteBatchedStatements=true");
            dataSource.setUsername("root");
            dataSource.setPassword("");
            dataSource.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        } else {
            Path dir = Path.of(target);
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            // no query result cache: in the application the ledger changes all the time, and a cached answer is no timing
            dataSource.setJdbcUrl("jdbc:h2:file:" + dir.resolve("figures").toAbsolutePath()
                    + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=0");
            dataSource.setUsername("sa");
            dataSource.setPassword("");
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").baselineOnMigrate(true)
                .baselineVersion("0").placeholders(mysql
                        ? Map.of("table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
                                "datetime", "DATETIME(3)", "text", "MEDIUMTEXT")
                        : Map.of("table_options", "", "datetime", "TIMESTAMP(3)", "text", "CLOB"))
                .load().migrate();
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            generate(c, rows, background, mysql);
        }
        System.out.printf("generated %,d problems in 2025-06 and %,d in the 11 months before in %.1f s%n", rows,
                background, (System.nanoTime() - start) / 1e9);

        Configuration configuration = new Configuration(new Environment("bench", new JdbcTransactionFactory(), dataSource));
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.setArgNameBasedConstructorAutoMapping(true);
        configuration.addMapper(FiguresMapper.class);
        configuration.addMapper(CatalogMapper.class);
        configuration.addMapper(PastMonthTallyMapper.class);
        SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(configuration);
        SqlSessionManager sessions = SqlSessionManager.newInstance(factory);
        FiguresMapper mapper = sessions.getMapper(FiguresMapper.class);
        WorkingDayCalendar calendar = new WorkingDayCalendar(HolidayTable.fromClasspath("calendar/cn-holidays.yml"));
        PastMonthTallies pastMonths = new PastMonthTallies(sessions.getMapper(PastMonthTallyMapper.class), mapper, calendar,
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource));
        FiguresService figures = new FiguresService(mapper, calendar, new CatalogService(sessions.getMapper(CatalogMapper.class)),
                pastMonths);
        FiguresWorkbook workbooks = new FiguresWorkbook(figures, mapper, dataSource);
        YearMonth june = YearMonth.of(2025, 6);

        Map<String, Runnable> queries = new LinkedHashMap<>();
        queries.put("summary", () -> figures.summary(june));
        for (Dimension d : Dimension.values()) {
            queries.put("by " + d.key(), () -> figures.byDimension(d, june));
        }
        queries.put("trend 12 (ended months kept)", () -> figures.trend(june, 12));
        queries.put("trend 12 (every month counted anew)", () -> {
            pastMonths.changedAll();
            figures.trend(june, 12);
        });
        queries.put("lights", figures::lights);
        // -Dbench.export=false: the queries only
        if (Boolean.parseBoolean(System.getProperty("bench.export", "true"))) {
            queries.put("ledger rows streamed (no Excel)", () -> {
                long[] count = {0};
                MonthPeriod period = figures.period(june);
                mapper.ledger(period.from(), period.to(), false, context -> count[0]++);
                mapper.ledger(period.from(), period.to(), true, context -> count[0]++);
                lastLedgerRows = count[0];
            });
            queries.put("export (.xlsx, all sheets)", () -> {
                SXSSFWorkbook book = workbooks.build(june);
                try (CountingStream out = new CountingStream()) {
                    book.write(out);
                    lastExportBytes = out.count;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    FiguresWorkbook.discard(book);
                }
            });
        }
        System.out.println("summary: " + figures.summary(june).figures());
        for (Map.Entry<String, Runnable> q : queries.entrySet()) {
            q.getValue().run();
            long[] runs = new long[5];
            for (int i = 0; i < runs.length; i++) {
                long t = System.nanoTime();
                q.getValue().run();
                runs[i] = System.nanoTime() - t;
            }
            Arrays.sort(runs);
            System.out.printf("%-28s p50 %8.1f ms   (min %.1f, max %.1f)%n", q.getKey(), runs[2] / 1e6, runs[0] / 1e6,
                    runs[4] / 1e6);
        }
        dataSource.close();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("ledger %,d rows; workbook %,d bytes; max heap %d MB%n", lastLedgerRows, lastExportBytes,
                rt.maxMemory() / 1024 / 1024);
    }

    private static long lastExportBytes;
    private static long lastLedgerRows;

    private static void generate(Connection c, int rows, int background, boolean mysql) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ACT_RU_TASK (ID_ VARCHAR(64) PRIMARY KEY, PROC_INST_ID_ VARCHAR(64), NAME_ VARCHAR(255),"
                    + " ASSIGNEE_ VARCHAR(255), CREATE_TIME_ TIMESTAMP)");
            s.execute("CREATE INDEX ACT_IDX_TASK_PROCINST ON ACT_RU_TASK (PROC_INST_ID_)");
            s.execute("CREATE TABLE ACT_RU_IDENTITYLINK (ID_ VARCHAR(64) PRIMARY KEY, GROUP_ID_ VARCHAR(255),"
                    + " TYPE_ VARCHAR(255), USER_ID_ VARCHAR(255), TASK_ID_ VARCHAR(64))");
            s.execute("CREATE INDEX ACT_IDX_IDENT_LNK_TASK ON ACT_RU_IDENTITYLINK (TASK_ID_)");
            for (int i = 0; i < DEPARTMENTS.length; i++) {
                s.execute("INSERT INTO qf_department VALUES ('" + DEPARTMENTS[i] + "', '部门" + i + "', '" + LEVELS[i]
                        + "', 'GOVERNMENT', NULL, " + i + ", TRUE)");
            }
            for (int i = 0; i < BOARDS.length; i++) {
                s.execute("INSERT INTO qf_board VALUES ('" + BOARDS[i] + "', '板块" + i + "', '板块" + i + "', 'center', NULL, " + i + ")");
            }
        }
        Random random = new Random(20250601);
        Instant monthStart = june().atDay(1).atStartOfDay(ZONE).toInstant();
        long monthSeconds = 30L * 24 * 3600;
        String insert = "INSERT INTO qf_problem (id, problem_no, credit_code, enterprise_name, contact_name, contact_phone,"
                + " channel, title, description, category, board, problem_class, status, stage, light, accepted_at,"
                + " round_started_at, time_limit_days, extension_days, waited_seconds, deadline_at, deadline_provisional,"
                + " overdue, route, lead_department, answered_at, handling_working_minutes, rating, rated_at,"
                + " rating_by_default, reopen_count, closed_at, process_instance_id, submitted_by, created_at, updated_at)"
                + " VALUES (?, ?, '91330521MA2B3C4D5Q', ?, '张三', '13800000000', ?, ?, '基准测试', ?, ?, 'SINGLE', ?, ?, ?,"
                + " ?, ?, 3, ?, ?, ?, FALSE, ?, 'DEPARTMENT', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?)";
        String event = "INSERT INTO qf_problem_event (problem_id, occurred_at, actor, action) VALUES (?, ?, 'bench', ?)";
        try (PreparedStatement p = c.prepareStatement(insert); PreparedStatement e = c.prepareStatement(event);
             PreparedStatement t = c.prepareStatement("INSERT INTO ACT_RU_TASK VALUES (?, ?, '牵头办理并答复', NULL, ?)");
             PreparedStatement l = c.prepareStatement("INSERT INTO ACT_RU_IDENTITYLINK VALUES (?, ?, 'candidate', NULL, ?)")) {
            for (int id = 1; id <= rows + background; id++) {
                Instant accepted = monthStart.plusSeconds((long) (random.nextDouble() * monthSeconds));
                if (id > rows) {
                    // the 11 months before June, for a ledger that holds more than the month asked for
                    accepted = june().minusMonths(1 + random.nextInt(11)).atDay(1).atStartOfDay(ZONE).toInstant()
                            .plusSeconds((long) (random.nextDouble() * 28 * 24 * 3600));
                }
                Instant deadline = accepted.plusSeconds(5L * 24 * 3600);
                double r = random.nextDouble();
                String status = r < 0.82 ? "CLOSED" : r < 0.85 ? "REFUSED" : r < 0.87 ? "MERGED" : r < 0.90 ? "AWAITING_RATING"
                        : "HANDLING";
                boolean overdue = random.nextDouble() < 0.07;
                boolean open = status.equals("HANDLING") || status.equals("AWAITING_RATING");
                String light = open && overdue ? "RED" : open && random.nextDouble() < 0.15 ? "YELLOW" : overdue ? "RED" : "GREEN";
                boolean neverAccepted = status.equals("REFUSED") || status.equals("MERGED");
                boolean answered = status.equals("CLOSED") || status.equals("AWAITING_RATING");
                Instant answeredAt = answered ? accepted.plusSeconds(3600L * (2 + random.nextInt(90))) : null;
                String rating = status.equals("CLOSED") ? (random.nextDouble() < 0.93 ? "SATISFIED"
                        : random.nextDouble() < 0.6 ? "BASICALLY_SATISFIED" : "UNSATISFIED") : null;
                Instant closed = status.equals("CLOSED") ? answeredAt.plusSeconds(3 * 24 * 3600)
                        : neverAccepted ? accepted : null;
                int d = random.nextInt(DEPARTMENTS.length);
                int i = 1;
                p.setLong(i++, id);
                p.setString(i++, String.format("QF20250601-%06d", id));
                p.setString(i++, "基准测试企业" + id);
                p.setString(i++, CHANNELS[random.nextInt(CHANNELS.length)]);
                p.setString(i++, id % 1000 == 0 ? "=HYPERLINK(\"http://x\")" : "基准测试问题 " + id);
                p.setString(i++, CATEGORIES[random.nextInt(CATEGORIES.length)]);
                p.setString(i++, neverAccepted ? null : BOARDS[random.nextInt(BOARDS.length)]);
                p.setString(i++, status);
                p.setString(i++, open ? (status.equals("HANDLING") ? "HANDLE" : "EVALUATE") : "CLOSED");
                p.setString(i++, light);
                p.setTimestamp(i++, neverAccepted ? null : Timestamp.from(accepted));
                p.setTimestamp(i++, neverAccepted ? null : Timestamp.from(accepted));
                p.setInt(i++, random.nextDouble() < 0.05 ? 3 : 0);
                p.setLong(i++, random.nextDouble() < 0.05 ? 86400 : 0);
                p.setTimestamp(i++, neverAccepted ? null : Timestamp.from(deadline));
                p.setBoolean(i++, overdue && !neverAccepted);
                p.setString(i++, neverAccepted ? null : DEPARTMENTS[d]);
                p.setTimestamp(i++, answeredAt == null ? null : Timestamp.from(answeredAt));
                if (answeredAt == null) {
                    p.setNull(i++, Types.BIGINT);
                } else {
                    p.setLong(i++, (answeredAt.getEpochSecond() - accepted.getEpochSecond()) / 60 * 5 / 7);
                }
                p.setString(i++, rating);
                p.setTimestamp(i++, closed == null || rating == null ? null : Timestamp.from(closed));
                p.setBoolean(i++, rating != null && random.nextDouble() < 0.3);
                p.setInt(i++, rating != null && random.nextDouble() < 0.03 ? 1 : 0);
                p.setTimestamp(i++, closed == null ? null : Timestamp.from(closed));
                p.setString(i++, open ? "pi-" + id : null);
                p.setTimestamp(i++, Timestamp.from(accepted));
                p.setTimestamp(i, Timestamp.from(accepted));
                p.addBatch();
                addEvent(e, id, accepted, "SUBMITTED");
                if (!neverAccepted) {
                    addEvent(e, id, accepted, "ACCEPTED");
                    addEvent(e, id, accepted.plusSeconds(600), "ASSIGNED");
                    if (random.nextDouble() < 0.05) {
                        addEvent(e, id, accepted.plusSeconds(1200), "RETURNED");
                        addEvent(e, id, accepted.plusSeconds(1800), "ASSIGNED");
                    }
                    if (overdue) {
                        addEvent(e, id, deadline, "OVERDUE");
                    }
                } else {
                    addEvent(e, id, accepted, status);
                }
                if (answeredAt != null) {
                    addEvent(e, id, answeredAt, "REPLIED");
                }
                if (closed != null && status.equals("CLOSED")) {
                    addEvent(e, id, closed, "EVALUATED");
                    addEvent(e, id, closed, "CLOSED");
                    if (random.nextDouble() < 0.2) {
                        addEvent(e, id, closed.plusSeconds(86400), "RETURN_VISIT");
                    }
                }
                if (open) {
                    t.setString(1, "task-" + id);
                    t.setString(2, "pi-" + id);
                    t.setTimestamp(3, Timestamp.from(accepted));
                    t.addBatch();
                    l.setString(1, "link-" + id);
                    l.setString(2, DEPARTMENTS[d]);
                    l.setString(3, "task-" + id);
                    l.addBatch();
                }
                if (id % 2000 == 0) {
                    p.executeBatch();
                    e.executeBatch();
                    t.executeBatch();
                    l.executeBatch();
                    c.commit();
                }
            }
            p.executeBatch();
            e.executeBatch();
            t.executeBatch();
            l.executeBatch();
            c.commit();
        }
        try (Statement s = c.createStatement()) {
            // the ledger row's 交办 / 退单 / 回访 flags, as ProblemService keeps them with the events
            for (String[] flag : new String[][] {{"ever_assigned", "ASSIGNED"}, {"ever_returned", "RETURNED"},
                    {"return_visited", "RETURN_VISIT"}}) {
                s.execute("UPDATE qf_problem SET " + flag[0] + " = TRUE WHERE id IN (SELECT e.problem_id"
                        + " FROM qf_problem_event e WHERE e.action = '" + flag[1] + "')");
            }
            if (mysql) {
                s.execute("ALTER TABLE qf_problem AUTO_INCREMENT = " + (rows + background + 1));
                s.execute("ANALYZE TABLE qf_problem, qf_problem_event");
            } else {
                s.execute("ALTER TABLE qf_problem ALTER COLUMN id RESTART WITH " + (rows + background + 1));
                s.execute("ANALYZE");
            }
        }
        c.commit();
    }

    private static YearMonth june() {
        return YearMonth.of(2025, 6);
    }

    private static void addEvent(PreparedStatement e, long id, Instant at, String action) throws SQLException {
        e.setLong(1, id);
        e.setTimestamp(2, Timestamp.from(at));
        e.setString(3, action);
        e.addBatch();
    }

    /** Counts what the workbook writes and throws it away. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
