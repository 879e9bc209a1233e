package cn.qifu.cluster;

import static cn.qifu.cluster.TwoNodeClusterTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.testsupport.AppNode;
import cn.qifu.testsupport.MariaDbServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application is restarted (a real process, {@link AppNode}: stopped, started again on the same database) in the
 * middle of a problem's loop and of two 一类事 applications: one whose department has the item in hand (the process
 * polls it), one whose department was down when it was sent (the call waits for its retry). Everything continues
 * where it was: the department (a system outside the application) finishes, the retry goes through, the problem's
 * warning timer fires once, the problem is answered, rated and closed; the department holds each item once.
 */
class RestartTest {

    @Test
    void everythingContinuesWhereItWasAfterARestart() {
        Database db = Database.fresh("restart");
        try (LoopbackDepartment department = LoopbackDepartment.start()) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("camunda.bpm.job-execution.wait-time-in-millis", "500");
            properties.put("camunda.bpm.job-execution.max-wait", "2000");
            properties.put("qifu.departments.defaults.base-url", department.baseUrlFor("restart"));
            properties.put("qifu.scenario.poll-interval", "PT2S");

            AppNode node = AppNode.start("restart", AppNode.freePort(), db.url(), MariaDbServer.USER,
                    MariaDbServer.PASSWORD, properties);
            NodeApi api = new NodeApi(node.baseUrl());
            JsonNode problem;
            JsonNode pending;
            JsonNode retrying;
            try {
                // a problem in the hands of its department: 牵头办理 open, the deadline timers waiting
                problem = api.submitProblem(1, "restart-problem");
                String number = problem.get("number").asText();
                api.accept(number);
                api.assign(number, "amr");
                api.sign(number, "amr");
                api.taskId("amr1", number, "handleProblem");

                // an application whose item the department has accepted but not finished: the process polls it
                department.pendingQueries(1_000);
                pending = api.applyAccessPermit(2, "restart-app-pending");
                api.materialsComplete(pending.get("number").asText());
                waitFor("the department has the item in hand", Duration.ofSeconds(60),
                        () -> department.items().size() == 1 && department.items().get(0).queries > 0);

                // an application sent while the department is down: its call failed and waits for the retry
                department.pendingQueries(0);
                department.down(true);
                retrying = api.applyAccessPermit(3, "restart-app-retrying");
                api.materialsComplete(retrying.get("number").asText());
                waitFor("the call failed and waits for its retry", Duration.ofSeconds(60), () -> db.count(
                        "SELECT COUNT(*) FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d ON j.JOB_DEF_ID_ = d.ID_ "
                                + "WHERE d.ACT_ID_ = 'submitItem' AND j.EXCEPTION_MSG_ IS NOT NULL AND j.RETRIES_ > 0") == 1);
            } finally {
                node.stop();
            }
            assertThat(node.isAlive()).isFalse();
            long timersBefore = db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = "
                    + "(SELECT process_instance_id FROM qf_problem WHERE id = ?)", problem.get("id").asLong());
            assertThat(timersBefore).as("the problem's yellow, red and leader timers").isEqualTo(3);

            // while it is down the department comes back and finishes what it had in hand
            department.down(false);
            department.finishAll();
            // the problem's yellow timer falls due while the application is away
            db.update("UPDATE ACT_RU_JOB SET DUEDATE_ = ? WHERE JOB_DEF_ID_ IN "
                    + "(SELECT ID_ FROM ACT_RU_JOBDEF WHERE ACT_ID_ = 'warningReached')", Timestamp.from(Instant.now()));

            try (AppNode again = AppNode.start("restart", AppNode.freePort(), db.url(), MariaDbServer.USER,
                    MariaDbServer.PASSWORD, properties)) {
                NodeApi after = new NodeApi(again.baseUrl());
                long problemId = problem.get("id").asLong();
                waitFor("the yellow timer fired after the restart", Duration.ofSeconds(60),
                        () -> "YELLOW".equals(after.problemView(problemId).get("light").asText()));
                for (JsonNode application : new JsonNode[] {pending, retrying}) {
                    long id = application.get("id").asLong();
                    waitFor(application.get("number").asText() + " finished at its department", Duration.ofSeconds(90),
                            () -> "AWAITING_RATING".equals(after.application(id).get("status").asText()));
                }

                String number = problem.get("number").asText();
                after.complete("amr1", after.taskId("amr1", number, "handleProblem"),
                        "handleDecision", "ANSWER", "answer", "已协调办理完毕。");
                after.complete("dispatcher1", after.taskId("dispatcher1", number, "reviewAnswer"),
                        "reviewDecision", "APPROVE");
                after.post("channel1", "/api/problems/" + problemId + "/evaluation",
                        Map.of("rating", "SATISFIED", "comment", "重启后照常办结")).expect(200);
                assertThat(after.problemView(problemId).get("status").asText()).isEqualTo("CLOSED");

                // once each: the warning, its notification, and each item at the department
                assertThat(db.count("SELECT COUNT(*) FROM qf_problem_event WHERE problem_id = ? AND action = 'WARNED'",
                        problemId)).isOne();
                assertThat(db.count("SELECT COUNT(*) FROM qf_notification WHERE subject LIKE ?",
                        "办理预警（黄灯）" + number + "%")).isOne();
                assertThat(department.items()).hasSize(2).allSatisfy(item -> {
                    assertThat(item.submittedBy).containsExactly("restart");
                    assertThat(item.status).isEqualTo("DONE");
                });
                assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE EXCEPTION_MSG_ IS NOT NULL")).isZero();
                assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).isZero();
            }
        }
    }
}
