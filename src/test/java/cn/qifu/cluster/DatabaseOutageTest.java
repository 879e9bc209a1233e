package cn.qifu.cluster;

import static cn.qifu.cluster.TwoNodeClusterTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.testsupport.AppNode;
import cn.qifu.testsupport.MariaDbServer;
import cn.qifu.testsupport.TcpProxy;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The database goes away and comes back while the application runs (a real application process, {@link AppNode},
 * reaching the real MariaDB through a {@link TcpProxy} that is cut: every connection closed, new ones refused, as
 * when the database stops). The outage lasts {@code qifu.outage.seconds} (30 s by default, to keep the suite short;
 * {@code -Dqifu.outage.seconds=60} for the minute of the issue; the mechanism is the same).
 *
 * <p>During it: submissions get 503 with a Chinese reason within seconds (the pool's connection timeout, 5 s in the
 * mysql profile) and nothing of them is stored; reads get 503; the health endpoint says DOWN. After it, without a
 * restart: submissions succeed again, every problem accepted before is there and goes on through the loop, and a
 * timer that fell due during the outage fires.
 */
class DatabaseOutageTest {

    static final Pattern SERVER = Pattern.compile("jdbc:mysql://([^:/]+):(\\d+)/");

    @Test
    void theApplicationRecoversByItselfAndHalfStoresNothing() {
        Duration outage = Duration.ofSeconds(Long.getLong("qifu.outage.seconds", 30));
        Database db = Database.fresh("outage");
        Matcher server = SERVER.matcher(db.url());
        assertThat(server.find()).as(db.url()).isTrue();
        try (TcpProxy proxy = TcpProxy.start(server.group(1), Integer.parseInt(server.group(2)));
             AppNode node = AppNode.start("outage", AppNode.freePort(),
                     db.url().replace(server.group(1) + ":" + server.group(2), "127.0.0.1:" + proxy.port()),
                     MariaDbServer.USER, MariaDbServer.PASSWORD,
                     Map.of("camunda.bpm.job-execution.wait-time-in-millis", "500",
                             "camunda.bpm.job-execution.max-wait", "2000"))) {
            NodeApi api = new NodeApi(node.baseUrl());

            // before: three problems, two of them accepted (their deadline timers wait)
            List<JsonNode> before = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                before.add(api.submitProblem(n, "before-" + n));
            }
            api.accept(before.get(0).get("number").asText());
            api.accept(before.get(1).get("number").asText());

            proxy.cut();
            Instant cutAt = Instant.now();
            // the red timer of the first problem falls due while the database is away (set directly, not via the node)
            String instance = db.strings("SELECT process_instance_id FROM qf_problem WHERE id = ?",
                    before.get(0).get("id").asLong()).get(0);
            assertThat(db.update("UPDATE ACT_RU_JOB SET DUEDATE_ = ? WHERE PROCESS_INSTANCE_ID_ = ? AND JOB_DEF_ID_ IN "
                    + "(SELECT ID_ FROM ACT_RU_JOBDEF WHERE ACT_ID_ = 'deadlineReached')",
                    Timestamp.from(Instant.now()), instance)).isOne();

            int attempt = 0;
            while (Duration.between(cutAt, Instant.now()).compareTo(outage) < 0) {
                attempt++;
                Instant asked = Instant.now();
                NodeApi.Answer refused = api.post("channel1", "/api/problems", NodeApi.problem(100 + attempt),
                        "Idempotency-Key", "during-" + attempt);
                assertThat(Duration.between(asked, Instant.now())).as("503 comes within seconds")
                        .isLessThan(Duration.ofSeconds(15));
                assertThat(refused.status()).as(refused.raw().body()).isEqualTo(503);
                assertThat(refused.body().get("code").asText()).isEqualTo("UNAVAILABLE");
                assertThat(refused.body().get("message").asText()).contains("数据库暂时无法访问").contains("稍后重试");
                assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
                if (attempt == 1) {
                    NodeApi.Answer read = api.get("channel1", "/api/problems/" + before.get(2).get("id").asLong());
                    assertThat(read.status()).as(read.raw().body()).isEqualTo(503);
                    assertThat(read.body().get("code").asText()).isEqualTo("UNAVAILABLE");
                    NodeApi.Answer health = api.get(null, "/actuator/health");
                    assertThat(health.status()).isEqualTo(503);
                    assertThat(health.body().get("status").asText()).isEqualTo("DOWN");
                }
            }
            System.out.printf("[outage] database away for %d s; %d submissions answered 503%n",
                    Duration.between(cutAt, Instant.now()).toSeconds(), attempt);

            proxy.restore();
            waitFor("health UP again", Duration.ofSeconds(60),
                    () -> api.get(null, "/actuator/health").status() == 200);

            // nothing of the refused submissions was stored, nothing accepted before was lost
            assertThat(db.count("SELECT COUNT(*) FROM qf_problem WHERE idempotency_key LIKE 'channel1:during-%'")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM qf_problem")).isEqualTo(3);
            assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'problemLoop'")).isEqualTo(3);
            for (JsonNode problem : before) {
                assertThat(api.problemView(problem.get("id").asLong()).get("number").asText())
                        .isEqualTo(problem.get("number").asText());
            }

            // the same submissions now go through, once
            for (int n = 1; n <= attempt; n++) {
                NodeApi.Answer again = api.post("channel1", "/api/problems", NodeApi.problem(100 + n),
                        "Idempotency-Key", "during-" + n).expect(201);
                assertThat(again.raw().headers().firstValue("Idempotency-Replayed")).isEmpty();
            }
            assertThat(db.count("SELECT COUNT(*) FROM qf_problem")).isEqualTo(3 + attempt);

            // the loop goes on: the second problem is assigned and signed; the third accepted
            String second = before.get(1).get("number").asText();
            api.assign(second, "tax");
            api.sign(second, "tax");
            api.accept(before.get(2).get("number").asText());
            assertThat(api.problemView(before.get(1).get("id").asLong()).get("status").asText()).isEqualTo("HANDLING");

            // the job executor resumed: the timer that fell due during the outage fired, once
            long first = before.get(0).get("id").asLong();
            waitFor("the red timer due during the outage fired", Duration.ofSeconds(60),
                    () -> "RED".equals(api.problemView(first).get("light").asText()));
            assertThat(db.count("SELECT COUNT(*) FROM qf_problem_event WHERE problem_id = ? AND action = 'OVERDUE'", first))
                    .isOne();
            assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ? AND TASK_DEF_KEY_ = 'superviseOverdue'",
                    instance)).isOne();
        }
    }
}
