package cn.qifu.cluster;

import static cn.qifu.cluster.TwoNodeClusterTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.testsupport.AppNode;
import cn.qifu.testsupport.MariaDbServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The soak: for {@code qifu.soak.minutes} (default 10) channels and staff use one application node (a real process,
 * {@link AppNode}, on the real MariaDB, job executor on) over HTTP at a steady {@code qifu.soak.rate} new problems per
 * second (default 5; {@value #CLIENTS} clients at most, a tick finding them all busy is counted as skipped: the node is
 * saturated and the summary says so), each taken as far as its cohort goes (closed and rated, rated 不满意 and reopened, left to go red,
 * left unrated, refused), while the deadline and rating timers of the waiting ones are made due every 15 s and fire.
 * At the end every problem is in the state its cohort says, the ledger and the engine agree problem by problem, the
 * counts match exactly (submitted = in the ledger = process instances), and the heap after a full GC, sampled every
 * minute, is flat. The summary is printed and written to {@code <build dir>/soak/summary.txt}.
 *
 * <p>Not part of {@code mvn -B verify} (the name does not end in Test): {@code mvn -B -Psoak verify}, shorter with
 * {@code -Dqifu.soak.minutes=2}.
 */
class LoopSoak {

    enum Cohort {
        /** answered, approved, rated 满意: closed */
        FULL,
        /** rated 不满意: reopened, in the lead department's hands again */
        REOPEN,
        /** signed and left: its red timer is made due and fires (督办) */
        RED,
        /** answered and never rated: its 3-day rating timer is made due, 默认满意, closed */
        SILENT,
        /** refused at acceptance */
        REFUSED;

        static Cohort of(int n) {
            return switch (n % 10) {
                case 0, 1, 2, 3 -> FULL;
                case 4 -> REOPEN;
                case 5, 6 -> RED;
                case 7, 8 -> SILENT;
                default -> REFUSED;
            };
        }

        String key(int n) {
            return "soak-" + name().toLowerCase() + "-" + n;
        }

        String keys() {
            return "'channel1:soak-" + name().toLowerCase() + "-%'";
        }
    }

    static final String[] LEADS = {"amr", "tax", "hrss"};
    /** Problems in the works at once (each a client going through its steps one HTTP call after the other). */
    static final int CLIENTS = 8;
    static final Pattern FULL_GC = Pattern.compile("\\d+M->(\\d+)M\\(");

    final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    final Map<Cohort, AtomicInteger> finished = new ConcurrentHashMap<>();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger submitted = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();

    @Test
    void steadyLoadForMinutesLeavesEveryProblemConsistentAndTheHeapFlat() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("qifu.soak.minutes", "10"));
        double rate = Double.parseDouble(System.getProperty("qifu.soak.rate", "5"));
        Database db = Database.fresh("soak");
        Path out = AppNode.buildDirectory().resolve("soak");
        Files.createDirectories(out);
        try (AppNode node = AppNode.start("soak", AppNode.freePort(), db.url(), MariaDbServer.USER,
                MariaDbServer.PASSWORD, Map.of("camunda.bpm.job-execution.wait-time-in-millis", "500",
                        "camunda.bpm.job-execution.max-wait", "2000"),
                List.of("-Xmx512m", "-XX:+UseG1GC", "-Xlog:gc:file=" + out.resolve("gc.log")))) {
            NodeApi api = new NodeApi(node.baseUrl());
            List<long[]> heap = Collections.synchronizedList(new ArrayList<>());
            heap.add(new long[] {0, heapAfterGc(node, out.resolve("gc.log"))});

            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            Semaphore inFlight = new Semaphore(CLIENTS);
            ScheduledExecutorService clock = Executors.newScheduledThreadPool(3);
            Instant start = Instant.now();
            AtomicInteger next = new AtomicInteger();
            clock.scheduleAtFixedRate(() -> {
                // a new problem at every tick; when every client is still busy the node is saturated: counted
                if (!inFlight.tryAcquire()) {
                    skipped.incrementAndGet();
                    return;
                }
                int n = next.incrementAndGet();
                clients.submit(() -> {
                    try {
                        life(api, n);
                    } finally {
                        inFlight.release();
                    }
                });
            }, 0, Math.round(1_000_000 / rate), TimeUnit.MICROSECONDS);
            clock.scheduleWithFixedDelay(() -> {
                try {
                    makeTimersDue(db, api);
                } catch (RuntimeException e) {
                    failures.add("timers: " + e);
                }
            }, 15, 15, TimeUnit.SECONDS);
            clock.scheduleAtFixedRate(() -> {
                try {
                    heap.add(new long[] {Duration.between(start, Instant.now()).toSeconds(),
                            heapAfterGc(node, out.resolve("gc.log"))});
                } catch (RuntimeException e) {
                    failures.add("heap sample: " + e);
                }
            }, 60, 60, TimeUnit.SECONDS);

            Thread.sleep(Math.round(minutes * 60_000));
            // no new problems, no more samples (a sample being taken finishes)
            clock.shutdown();
            assertThat(clock.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            int started = next.get();
            clients.shutdown();
            assertThat(clients.awaitTermination(10, TimeUnit.MINUTES)).as("the clients finish").isTrue();
            Duration ran = Duration.between(start, Instant.now());
            makeTimersDue(db, api);
            waitFor("every timer made due fired", Duration.ofMinutes(5), () -> db.count(
                    "SELECT COUNT(*) FROM qf_problem WHERE (idempotency_key LIKE " + Cohort.RED.keys()
                            + " AND status = 'HANDLING' AND overdue = FALSE) OR (idempotency_key LIKE "
                            + Cohort.SILENT.keys() + " AND status = 'AWAITING_RATING')") == 0);
            heap.add(new long[] {Duration.between(start, Instant.now()).toSeconds(), heapAfterGc(node, out.resolve("gc.log"))});

            String summary = summary(db, minutes, rate, started, ran, heap);
            System.out.println(summary);
            Files.writeString(out.resolve("summary.txt"), summary, StandardCharsets.UTF_8);

            assertThat(failures).as("unexpected answers").isEmpty();
            assertConsistent(db, started);
            assertFlat(heap);
        }
    }

    /** One problem from submission as far as its cohort goes, as the channel and the staff do it. */
    private void life(NodeApi api, int n) {
        Cohort cohort = Cohort.of(n);
        String lead = LEADS[n % LEADS.length];
        try {
            JsonNode problem = timed("submit", () -> api.submitProblem(n, cohort.key(n)));
            String number = problem.get("number").asText();
            submitted.incrementAndGet();
            if (cohort == Cohort.REFUSED) {
                step("refuse", api, "frontdesk1", number, "acceptProblem", "acceptDecision", "REFUSE",
                        "refuseReason", "不属于涉企问题受理范围");
                done(cohort);
                return;
            }
            step("accept", api, "frontdesk1", number, "acceptProblem", "acceptDecision", "ACCEPT",
                    "problemClass", "SIMPLE", "category", "证照");
            step("assign", api, "dispatcher1", number, "assignProblem", "route", "DEPARTMENT", "leadDepartment", lead,
                    "cooperatingDepartments", "[]");
            step("sign", api, lead + "1", number, "signFor", "signDecision", "SIGN");
            if (cohort == Cohort.RED) {
                done(cohort);
                return;
            }
            step("answer", api, lead + "1", number, "handleProblem", "handleDecision", "ANSWER", "answer", "已办结。");
            step("approve", api, "dispatcher1", number, "reviewAnswer", "reviewDecision", "APPROVE");
            if (cohort != Cohort.SILENT) {
                long id = problem.get("id").asLong();
                timed("rate", () -> api.post("channel1", "/api/problems/" + id + "/evaluation",
                        Map.of("rating", cohort == Cohort.FULL ? "SATISFIED" : "UNSATISFIED")).expect(200));
            }
            done(cohort);
        } catch (Throwable e) {
            failures.add(cohort + " " + n + ": " + e.getMessage());
        }
    }

    private void step(String name, NodeApi api, String user, String number, String task, String... variables) {
        timed(name, () -> {
            api.complete(user, api.taskId(user, number, task), variables);
            return null;
        });
    }

    private <T> T timed(String name, Supplier<T> call) {
        long t0 = System.nanoTime();
        T result = call.get();
        latencies.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - t0);
        requests.incrementAndGet();
        return result;
    }

    private void done(Cohort cohort) {
        finished.computeIfAbsent(cohort, c -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * The red timers of the signed RED problems and the rating timers of the unrated SILENT ones fall due now, as an
     * administrator moves a job's due date (engine REST, job by job, with the engine's own locking: a bulk UPDATE of
     * ACT_RU_JOB under load deadlocks with the engine deleting timers).
     */
    private void makeTimersDue(Database db, NodeApi api) {
        String now = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(ZonedDateTime.now());
        List<String> jobs = db.strings("SELECT j.ID_ FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ "
                + "JOIN qf_problem p ON p.process_instance_id = j.PROCESS_INSTANCE_ID_ WHERE j.DUEDATE_ > ? AND ("
                + "(d.ACT_ID_ = 'deadlineReached' AND p.status = 'HANDLING' AND p.idempotency_key LIKE " + Cohort.RED.keys()
                + ") OR (d.ACT_ID_ = 'ratingPeriodOver' AND p.status = 'AWAITING_RATING' AND p.idempotency_key LIKE "
                + Cohort.SILENT.keys() + "))", Timestamp.from(Instant.now()));
        for (String job : jobs) {
            timed("timer due", () -> api.put("demo", "/engine-rest/job/" + job + "/duedate", "application/json",
                    "{\"duedate\": \"" + now + "\"}").expect(204));
        }
    }

    /**
     * The node's heap right after a full GC, in KiB: {@code jcmd <pid> GC.run}, then the figure after the arrow of that
     * collection in the node's GC log ({@code Pause Full (Diagnostic Command) 172M->85M(252M)}), which no allocation after
     * the collection can blur.
     */
    private static long heapAfterGc(AppNode node, Path gcLog) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            long before = countFullGcs(gcLog);
            Process gc = new ProcessBuilder(jcmd, String.valueOf(node.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            gc.waitFor(120, TimeUnit.SECONDS);
            for (int wait = 0; wait < 100 && countFullGcs(gcLog) == before; wait++) {
                Thread.sleep(100);
            }
            List<String> lines = fullGcs(gcLog);
            Matcher after = FULL_GC.matcher(lines.get(lines.size() - 1));
            if (!after.find()) {
                throw new IllegalStateException("no heap figure in: " + lines.get(lines.size() - 1));
            }
            return Long.parseLong(after.group(1)) * 1024;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long countFullGcs(Path gcLog) throws IOException {
        return Files.exists(gcLog) ? fullGcs(gcLog).size() : 0;
    }

    private static List<String> fullGcs(Path gcLog) throws IOException {
        return Files.readAllLines(gcLog).stream().filter(l -> l.contains("Pause Full (")).toList();
    }

    /** Every problem in the state its cohort says; ledger and engine agree; submitted = ledger = instances. */
    private void assertConsistent(Database db, int started) {
        assertThat(submitted.get()).as("every scheduled problem submitted").isEqualTo(started);
        assertThat(db.count("SELECT COUNT(*) FROM qf_problem")).isEqualTo(submitted.get());
        assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'problemLoop'"))
                .isEqualTo(submitted.get());
        assertThat(db.count("SELECT COUNT(*) FROM qf_problem p LEFT JOIN ACT_HI_PROCINST i "
                + "ON i.ID_ = p.process_instance_id WHERE i.ID_ IS NULL")).as("problems without their instance").isZero();

        Map<Cohort, String> expected = Map.of(
                Cohort.FULL, "status = 'CLOSED' AND rating = 'SATISFIED' AND rating_by_default = FALSE",
                Cohort.REOPEN, "status = 'HANDLING' AND reopen_count = 1 AND light = 'GREEN'",
                Cohort.RED, "status = 'HANDLING' AND light = 'RED' AND overdue = TRUE",
                Cohort.SILENT, "status = 'CLOSED' AND rating = 'SATISFIED' AND rating_by_default = TRUE",
                Cohort.REFUSED, "status = 'REFUSED'");
        for (Cohort cohort : Cohort.values()) {
            long all = db.count("SELECT COUNT(*) FROM qf_problem WHERE idempotency_key LIKE " + cohort.keys());
            assertThat(all).as(cohort + " submitted").isEqualTo(finished.getOrDefault(cohort, new AtomicInteger()).get());
            assertThat(db.count("SELECT COUNT(*) FROM qf_problem WHERE idempotency_key LIKE " + cohort.keys()
                    + " AND " + expected.get(cohort))).as(cohort + " where it should be").isEqualTo(all);
        }

        // closed in the ledger = ended in the engine, and the reverse
        assertThat(db.count("SELECT COUNT(*) FROM qf_problem p JOIN ACT_HI_PROCINST i ON i.ID_ = p.process_instance_id "
                + "WHERE (p.status IN ('CLOSED', 'REFUSED')) <> (i.END_TIME_ IS NOT NULL)")).isZero();
        // each open problem waits at exactly the step its status names, once
        Map<String, String> taskOf = Map.of("HANDLING", "handleProblem", "PENDING_ACCEPTANCE", "acceptProblem",
                "ASSIGNING", "assignProblem", "SIGNING", "signFor", "REVIEWING", "reviewAnswer");
        taskOf.forEach((status, task) -> assertThat(db.count("SELECT COUNT(*) FROM qf_problem p WHERE p.status = ? AND "
                + "(SELECT COUNT(*) FROM ACT_RU_TASK t WHERE t.PROC_INST_ID_ = p.process_instance_id "
                + "AND t.TASK_DEF_KEY_ = ?) <> 1", status, task)).as(status + " ↔ " + task).isZero());
        // red exactly once: one OVERDUE line and one 督办 task per red problem, none elsewhere
        long red = db.count("SELECT COUNT(*) FROM qf_problem WHERE light = 'RED'");
        assertThat(db.count("SELECT COUNT(*) FROM qf_problem_event WHERE action = 'OVERDUE'")).isEqualTo(red);
        assertThat(db.count("SELECT COUNT(DISTINCT problem_id) FROM qf_problem_event WHERE action = 'OVERDUE'")).isEqualTo(red);
        assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_TASKINST WHERE TASK_DEF_KEY_ = 'superviseOverdue'")).isEqualTo(red);
        assertThat(db.count("SELECT COUNT(*) FROM qf_problem_event WHERE action = 'DEFAULT_SATISFIED'"))
                .isEqualTo(finished.getOrDefault(Cohort.SILENT, new AtomicInteger()).get());
        assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE EXCEPTION_MSG_ IS NOT NULL")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).isZero();
    }

    /** Flat: after the first minute's warm-up, the later half of the samples is not above the earlier half. */
    private static void assertFlat(List<long[]> heap) {
        List<long[]> warm = heap.size() > 2 ? heap.subList(1, heap.size()) : heap;
        long earlyMax = warm.subList(0, Math.max(1, warm.size() / 2)).stream().mapToLong(s -> s[1]).max().orElseThrow();
        long lateMax = warm.subList(warm.size() / 2, warm.size()).stream().mapToLong(s -> s[1]).max().orElseThrow();
        assertThat(lateMax).as("heap after GC (KiB), later half vs earlier half: %s", samples(heap))
                .isLessThanOrEqualTo(earlyMax + Math.max(32 * 1024, earlyMax / 5));
        assertThat(slopeKibPerMinute(warm)).as("heap slope (KiB/min)").isLessThan(8 * 1024);
    }

    /** Least squares over (seconds, KiB), in KiB per minute. */
    static double slopeKibPerMinute(List<long[]> samples) {
        if (samples.size() < 2) {
            return 0;
        }
        double n = samples.size();
        double mx = samples.stream().mapToDouble(s -> s[0]).sum() / n;
        double my = samples.stream().mapToDouble(s -> s[1]).sum() / n;
        double sxy = samples.stream().mapToDouble(s -> (s[0] - mx) * (s[1] - my)).sum();
        double sxx = samples.stream().mapToDouble(s -> (s[0] - mx) * (s[0] - mx)).sum();
        return sxx == 0 ? 0 : sxy / sxx * 60;
    }

    private static String samples(List<long[]> heap) {
        StringBuilder text = new StringBuilder();
        synchronized (heap) {
            for (long[] s : heap) {
                text.append(String.format("%n  t=%4d s  %7.1f MiB", s[0], s[1] / 1024.0));
            }
        }
        return text.toString();
    }

    private String summary(Database db, double minutes, double rate, int started, Duration ran, List<long[]> heap) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("qifu soak — %s%n", Instant.now()));
        text.append(String.format("duration %.1f min planned, %d s until the clients finished; target %.1f new problems/s, "
                + "achieved %.2f/s (%d clients; ticks skipped because all were busy: %d)%n", minutes, ran.toSeconds(),
                rate, started / (minutes * 60), CLIENTS, skipped.get()));
        text.append(String.format("problems started %d, submitted %d; HTTP calls %d (%.1f/s); unexpected answers %d%n",
                started, submitted.get(), requests.get(), requests.get() / (double) ran.toSeconds(), failures.size()));
        text.append(String.format("%nby cohort (finished by the clients / in the ledger)%n"));
        for (Cohort cohort : Cohort.values()) {
            text.append(String.format("  %-8s %6d / %6d%n", cohort, finished.getOrDefault(cohort, new AtomicInteger()).get(),
                    db.count("SELECT COUNT(*) FROM qf_problem WHERE idempotency_key LIKE " + cohort.keys())));
        }
        text.append(String.format("%nledger by status%n"));
        for (Map<String, Object> row : db.rows("SELECT status, light, COUNT(*) AS n FROM qf_problem "
                + "GROUP BY status, light ORDER BY status, light")) {
            text.append(String.format("  %-18s %-6s %6s%n", row.get("status"), row.get("light"), row.get("n")));
        }
        text.append(String.format("%nengine: instances %d (running %d, ended %d); timers fired: red %d, 默认满意 %d%n",
                db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'problemLoop'"),
                db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'problemLoop' AND END_TIME_ IS NULL"),
                db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'problemLoop' AND END_TIME_ IS NOT NULL"),
                db.count("SELECT COUNT(*) FROM qf_problem_event WHERE action = 'OVERDUE'"),
                db.count("SELECT COUNT(*) FROM qf_problem_event WHERE action = 'DEFAULT_SATISFIED'")));
        text.append(String.format("%nlatency per step (ms)      n      p50      p95      max%n"));
        new TreeMap<>(latencies).forEach((step, values) -> {
            List<Long> sorted;
            synchronized (values) {
                sorted = new ArrayList<>(values);
            }
            Collections.sort(sorted);
            text.append(String.format("  %-18s %8d %8.0f %8.0f %8.0f%n", step, sorted.size(), pct(sorted, 0.5),
                    pct(sorted, 0.95), sorted.get(sorted.size() - 1) / 1e6));
        });
        text.append(String.format("%nheap after a full GC (jcmd GC.run; the GC log's figure after it), every minute:%s%n", samples(heap)));
        List<long[]> warm = heap.size() > 2 ? heap.subList(1, heap.size()) : heap;
        text.append(String.format("slope after the first sample: %.1f KiB/min%n", slopeKibPerMinute(warm)));
        if (!failures.isEmpty()) {
            text.append(String.format("%nunexpected answers (first 20):%n"));
            failures.stream().limit(20).forEach(f -> text.append("  ").append(f).append('\n'));
        }
        return text.toString();
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size()))) / 1e6;
    }
}
