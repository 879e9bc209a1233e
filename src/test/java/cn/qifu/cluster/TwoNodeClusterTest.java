package cn.qifu.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.testsupport.AppNode;
import cn.qifu.testsupport.MariaDbServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real application processes (nodes A and B, {@link AppNode}) on one MariaDB database, each with its job executor,
 * as docker/compose.yaml runs them behind the load balancer. Work goes in through either node and is continued on the
 * other; 1,000 red deadline timers fall due at one instant and fire exactly once while one node is killed (kill -9)
 * in the middle: the other node takes over the dead node's jobs when their lock expires (here 20 s, see
 * camunda.bpm.job-execution.lock-time-in-millis); a department call the dead node had in flight is repeated by the
 * other node with the same idempotency key, and the department registers the item once. The notification outbox and
 * the holiday calendar, which live in the nodes' memory or run on every node, behave as one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

    static final int PROBLEMS = 1000;
    static final int LOCK_MILLIS = 20_000;
    /** The process instances of the burst's problems (the first test's problem has timers too). */
    static final String BURST = "(SELECT process_instance_id FROM qf_problem WHERE idempotency_key LIKE 'channel1:burst-%')";
    static final Pattern RED_SENT = Pattern.compile("通知 → 组 supervisor：已逾期（红灯）(QF\\d{8}-\\d{6})");

    Database db;
    LoopbackDepartment department;
    AppNode a;
    AppNode b;
    Map<String, NodeApi> api = new HashMap<>();

    @BeforeAll
    void startTwoNodes() {
        db = Database.fresh("nodes");
        department = LoopbackDepartment.start();
        // one after the other: the first creates the schema (engine and Flyway), the second finds it
        a = AppNode.start("node-a", AppNode.freePort(), db.url(), MariaDbServer.USER, MariaDbServer.PASSWORD,
                nodeProperties("node-a"));
        b = AppNode.start("node-b", AppNode.freePort(), db.url(), MariaDbServer.USER, MariaDbServer.PASSWORD,
                nodeProperties("node-b"));
        api.put("node-a", new NodeApi(a.baseUrl()));
        api.put("node-b", new NodeApi(b.baseUrl()));
    }

    private Map<String, String> nodeProperties(String name) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK_MILLIS));
        // an idle node looks for due jobs at least every 2 s (default up to 60 s)
        properties.put("camunda.bpm.job-execution.wait-time-in-millis", "500");
        properties.put("camunda.bpm.job-execution.max-wait", "2000");
        // the job log (ACT_HI_JOB_LOG.HOSTNAME_) says which node ran a job; only the full history keeps a job log
        // (the application's audit-trail does not); nothing else here depends on the history level
        properties.put("camunda.bpm.generic-properties.properties.hostname", name);
        properties.put("camunda.bpm.history-level", "full");
        properties.put("qifu.notifications.dispatch-interval", "PT1S");
        properties.put("qifu.notifications.claim-for", "PT20S");
        properties.put("qifu.calendar.refresh-interval", "PT1S");
        properties.put("qifu.departments.defaults.base-url", department.baseUrlFor(name));
        // the department may hold a call for a while (the test kills the node meanwhile)
        properties.put("qifu.departments.defaults.timeout", "60s");
        return properties;
    }

    @AfterAll
    void stopNodes() {
        for (AppNode node : new AppNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        if (department != null) {
            department.close();
        }
    }

    NodeApi on(AppNode node) {
        return api.get(node.name());
    }

    @Test
    @Order(1)
    void aProblemSubmittedOnOneNodeIsWorkedOnBoth() {
        JsonNode submitted = on(a).submitProblem(1, "cluster-1");
        long id = submitted.get("id").asLong();
        String number = submitted.get("number").asText();
        on(b).accept(number);
        on(a).assign(number, "amr");
        on(b).sign(number, "amr");
        JsonNode onA = on(a).problemView(id);
        JsonNode onB = on(b).problemView(id);
        assertThat(onA.get("status").asText()).isEqualTo("HANDLING");
        assertThat(onB).isEqualTo(onA);
        assertThat(actions(onB)).containsExactly("SUBMITTED", "ACCEPTED", "ASSIGNED", "SIGNED");
        // the next task, 牵头办理并答复, is open for amr on either node
        assertThat(on(a).taskId("amr1", number, "handleProblem")).isEqualTo(on(b).taskId("amr1", number, "handleProblem"));

        // the channel retries on the other node with the same key: the first problem, not a second one
        NodeApi.Answer replay = on(b).post("channel1", "/api/problems", NodeApi.problem(1), "Idempotency-Key", "cluster-1")
                .expect(201);
        assertThat(replay.raw().headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(replay.body().get("id").asLong()).isEqualTo(id);
        assertThat(db.count("SELECT COUNT(*) FROM qf_problem")).isOne();

        // the assignment told amr; both nodes run the outbox dispatcher, the notification is sent once
        String subject = "新交办问题 " + number;
        waitFor("the assignment notification delivered", Duration.ofSeconds(30), () -> db.count(
                "SELECT COUNT(*) FROM qf_notification WHERE subject LIKE ? AND delivered_at IS NOT NULL", subject + "%") == 1);
        assertThat(occurrences(a, subject) + occurrences(b, subject)).as("sent by the two nodes together").isOne();
    }

    @Test
    @Order(2)
    void aHolidayYearLoadedOnOneNodeCountsOnTheOther() {
        String from = "/api/calendar/deadline?from=" + NodeApi.encode("2026-12-31T10:00:00+08:00") + "&workingDays=1";
        JsonNode before = on(b).get("frontdesk1", from).expect(200).body();
        assertThat(before.get("dueDate").asText()).isEqualTo("2027-01-01");
        assertThat(before.get("provisional").asBoolean()).isTrue();

        String year2027 = """
                year: 2027
                source: "测试用：2027年节假日安排（假设，仅供集群测试）"
                holidays:
                  - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }
                adjustedWorkingDays: []
                """;
        on(a).put("demo", "/api/calendar/years", "application/yaml", year2027).expect(200);
        assertThat(on(a).get("frontdesk1", from).expect(200).body().get("dueDate").asText()).isEqualTo("2027-01-04");

        // node B read the years again when their revision changed (qifu.calendar.refresh-interval, 1 s here)
        waitFor("node B counts 2027's 元旦 as holidays", Duration.ofSeconds(20),
                () -> "2027-01-04".equals(on(b).get("frontdesk1", from).expect(200).body().get("dueDate").asText()));
        JsonNode after = on(b).get("frontdesk1", from).expect(200).body();
        assertThat(after.get("provisional").asBoolean()).isFalse();
        assertThat(on(b).get("frontdesk1", "/api/calendar/years").expect(200).body().get("years").toString())
                .contains("测试用：2027年节假日安排");
    }

    @Test
    @Order(3)
    void aThousandRedTimersFireExactlyOnceWhileANodeIsKilled() throws Exception {
        // 1,000 problems, each submitted on one node and accepted on the other: each waits with its deadline timers
        List<String> numbers = submitAndAccept(PROBLEMS);
        assertThat(timerJobs("deadlineReached")).isEqualTo(PROBLEMS);

        // an application of 准入准营: its department call is in flight on some node when that node dies
        department.hold();
        JsonNode application = on(b).applyAccessPermit(9000, "cluster-app-1");
        on(a).materialsComplete(application.get("number").asText());
        waitFor("a node calling the department", Duration.ofSeconds(30), () -> !department.inFlight().isEmpty());
        Instant callStarted = Instant.now();
        AppNode victim = department.inFlight().get(0).equals("node-a") ? a : b;
        AppNode survivor = victim == a ? b : a;

        // every red timer falls due at the same instant
        int due = db.update("UPDATE ACT_RU_JOB SET DUEDATE_ = ? WHERE JOB_DEF_ID_ IN "
                + "(SELECT ID_ FROM ACT_RU_JOBDEF WHERE ACT_ID_ = 'deadlineReached') AND PROCESS_INSTANCE_ID_ IN " + BURST,
                Timestamp.from(Instant.now().minusSeconds(1)));
        assertThat(due).isEqualTo(PROBLEMS);
        // kill -9 once a fifth fired, or (a slow machine) well before the lock of the department call would expire
        waitFor("a fifth of the timers fired", Duration.ofSeconds(60), () -> supervisionTasks() >= PROBLEMS / 5
                || Duration.between(callStarted, Instant.now()).toMillis() > LOCK_MILLIS / 2);
        victim.kill();
        long firedAtKill = supervisionTasks();
        assertThat(firedAtKill).as("killed in the middle of the burst").isPositive().isLessThan(PROBLEMS);
        assertThat(Duration.between(callStarted, Instant.now())).as("killed while its department call was in flight")
                .isLessThan(Duration.ofMillis(LOCK_MILLIS));
        department.release();
        long lockedAtKill = db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE LOCK_EXP_TIME_ IS NOT NULL");
        System.out.printf("[cluster] %s killed (pid %d) after %d of %d red timers; %d jobs locked at that moment%n",
                victim.name(), victim.pid(), firedAtKill, PROBLEMS, lockedAtKill);

        // the survivor finishes everything after the dead node's locks expire
        waitFor("every red timer fired", Duration.ofSeconds(180), () -> timerJobs("deadlineReached") == 0
                && supervisionTasks() == PROBLEMS);
        NodeApi alive = on(survivor);
        long applicationId = application.get("id").asLong();
        waitFor("the application through its department", Duration.ofSeconds(60),
                () -> "AWAITING_RATING".equals(alive.application(applicationId).get("status").asText()));

        // exactly once: one 督办 task, one OVERDUE line, one notification, the light red, per problem
        assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_TASKINST WHERE TASK_DEF_KEY_ = 'superviseOverdue'"))
                .isEqualTo(PROBLEMS);
        assertThat(db.count("SELECT COUNT(DISTINCT PROC_INST_ID_) FROM ACT_HI_TASKINST "
                + "WHERE TASK_DEF_KEY_ = 'superviseOverdue' AND PROC_INST_ID_ IN " + BURST)).isEqualTo(PROBLEMS);
        assertThat(db.count("SELECT COUNT(*) FROM qf_problem_event WHERE action = 'OVERDUE'")).isEqualTo(PROBLEMS);
        assertThat(db.count("SELECT COUNT(DISTINCT problem_id) FROM qf_problem_event WHERE action = 'OVERDUE'"))
                .isEqualTo(PROBLEMS);
        assertThat(db.count("SELECT COUNT(*) FROM qf_notification WHERE subject LIKE '已逾期（红灯）%'")).isEqualTo(PROBLEMS);
        assertThat(db.count("SELECT COUNT(DISTINCT subject) FROM qf_notification WHERE subject LIKE '已逾期（红灯）%'"))
                .isEqualTo(PROBLEMS);
        assertThat(db.count("SELECT COUNT(*) FROM qf_problem WHERE light = 'RED' AND overdue = TRUE")).isEqualTo(PROBLEMS);
        assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE NAME_ = 'light' AND TEXT_ = 'RED'"))
                .isEqualTo(PROBLEMS);
        assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE EXCEPTION_MSG_ IS NOT NULL OR RETRIES_ = 0")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE ACT_ID_ = 'deadlineReached' AND JOB_STATE_ = 1"))
                .as("no red timer failed").isZero();
        Map<String, Long> firedBy = new HashMap<>();
        for (Map<String, Object> row : db.rows("SELECT HOSTNAME_ AS node, COUNT(*) AS fired FROM ACT_HI_JOB_LOG "
                + "WHERE ACT_ID_ = 'deadlineReached' AND JOB_STATE_ = 2 GROUP BY HOSTNAME_")) {
            firedBy.put((String) row.get("node"), ((Number) row.get("fired")).longValue());
        }
        System.out.println("[cluster] red timers fired by node: " + firedBy);
        assertThat(firedBy.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(PROBLEMS);
        assertThat(firedBy).as("both nodes fired timers").containsKeys("node-a", "node-b");

        // the department call the dead node had in flight: repeated by the survivor, one item at the department
        assertThat(department.items()).singleElement().satisfies(item -> {
            assertThat(item.submittedBy).containsExactly(victim.name(), survivor.name());
            assertThat(item.status).isEqualTo("DONE");
        });
        JsonNode done = alive.application(applicationId);
        assertThat(done.get("items").get(0).get("reference").asText()).isEqualTo(department.items().get(0).reference);

        // every red notification went out, and no two nodes sent the same one; the one the dead node may have been
        // sending when it died (claimed, logged, not yet marked) is the only one that may go out twice
        waitFor("every red notification delivered", Duration.ofSeconds(90), () -> db.count(
                "SELECT COUNT(*) FROM qf_notification WHERE subject LIKE '已逾期（红灯）%' AND delivered_at IS NULL") == 0);
        Map<String, Integer> sentByA = redSent(a);
        Map<String, Integer> sentByB = redSent(b);
        assertThat(sentByA.values()).as("node A sent none twice").allMatch(n -> n == 1);
        assertThat(sentByB.values()).as("node B sent none twice").allMatch(n -> n == 1);
        List<String> both = sentByA.keySet().stream().filter(sentByB::containsKey).toList();
        System.out.printf("[cluster] red notifications sent: node-a %d, node-b %d, by both %s%n", sentByA.size(),
                sentByB.size(), both);
        assertThat(both).as("sent by both nodes").hasSizeLessThanOrEqualTo(1);
        List<String> sent = new ArrayList<>(sentByA.keySet());
        sent.addAll(sentByB.keySet());
        assertThat(sent).containsAll(numbers);
    }

    /** Problem i is submitted on one node and accepted on the other, eight clients at a time; returns the numbers. */
    private List<String> submitAndAccept(int count) throws Exception {
        long started = System.nanoTime();
        LongAdder submitNanos = new LongAdder();
        LongAdder acceptNanos = new LongAdder();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = 100 + i;
                NodeApi submitter = i % 2 == 0 ? on(a) : on(b);
                NodeApi acceptor = i % 2 == 0 ? on(b) : on(a);
                done.add(clients.submit(() -> {
                    long t0 = System.nanoTime();
                    String number = submitter.submitProblem(n, "burst-" + n).get("number").asText();
                    long t1 = System.nanoTime();
                    // the task's id read from the database (saves the node a task query): completed over HTTP
                    acceptor.complete("frontdesk1", acceptTask(number), "acceptDecision", "ACCEPT",
                            "problemClass", "SIMPLE", "category", "证照");
                    submitNanos.add(t1 - t0);
                    acceptNanos.add(System.nanoTime() - t1);
                    return number;
                }));
            }
            List<String> numbers = new ArrayList<>();
            for (Future<String> number : done) {
                numbers.add(number.get());
            }
            System.out.printf("[cluster] %d problems submitted and accepted across the two nodes in %.1f s "
                    + "(mean per problem: submit %.0f ms, accept %.0f ms)%n", count, (System.nanoTime() - started) / 1e9,
                    submitNanos.sum() / 1e6 / count, acceptNanos.sum() / 1e6 / count);
            return numbers;
        } finally {
            clients.shutdownNow();
        }
    }

    private String acceptTask(String problemNo) {
        return db.strings("SELECT t.ID_ FROM ACT_RU_TASK t JOIN qf_problem p ON p.process_instance_id = t.PROC_INST_ID_ "
                + "WHERE p.problem_no = ? AND t.TASK_DEF_KEY_ = 'acceptProblem'", problemNo).get(0);
    }

    private long timerJobs(String activityId) {
        return db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE JOB_DEF_ID_ IN "
                + "(SELECT ID_ FROM ACT_RU_JOBDEF WHERE ACT_ID_ = ?) AND PROCESS_INSTANCE_ID_ IN " + BURST, activityId);
    }

    private long supervisionTasks() {
        return db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'superviseOverdue' AND PROC_INST_ID_ IN "
                + BURST);
    }

    private static List<String> actions(JsonNode view) {
        List<String> actions = new ArrayList<>();
        view.get("timeline").forEach(e -> actions.add(e.get("action").asText()));
        return actions;
    }

    private static String log(AppNode node) {
        return node.output();
    }

    private static int occurrences(AppNode node, String text) {
        String log = log(node);
        int count = 0;
        for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }

    /** Problem number → how often the node's log sender sent its red notification. */
    private static Map<String, Integer> redSent(AppNode node) {
        Map<String, Integer> sent = new HashMap<>();
        Matcher matcher = RED_SENT.matcher(log(node));
        while (matcher.find()) {
            sent.merge(matcher.group(1), 1, Integer::sum);
        }
        return sent;
    }

    static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
