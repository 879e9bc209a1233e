package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.scenario.Application;
import cn.qifu.scenario.ApplicationRequest;
import cn.qifu.scenario.ScenarioService;
import cn.qifu.testsupport.OnH2;
import cn.qifu.testsupport.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A channel client sees and acts on only what it submitted: a second channel client (another 热线 or 浙里办 system)
 * gets 404 for the first one's problem and application, by number, by the enterprise's credit code, and for every
 * action on them, and no way round through the engine's REST API. A channel is entitled to what it submitted; there
 * is no other entitlement (e.g. by enterprise) in the application.
 */
@OnH2
class ChannelIsolationOnH2Test {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;
    @Autowired
    ScenarioService scenarios;
    @Autowired
    JdbcTemplate jdbc;

    RawHttp http;
    static Problem problem;
    static Application application;

    @BeforeEach
    void channel1SubmittedAProblemAndAnApplication() {
        http = new RawHttp(port);
        AccessFixtures.user(engine, "channel2", Role.CHANNEL.groupId());
        if (problem == null) {
            problem = AccessFixtures.atDepartment(engine, problems, "channel1", "amr");
            application = scenarios.apply("companyOpening", new ApplicationRequest(AccessFixtures.creditCode(),
                    "权限测试企业有限公司", "吴十", "13700000000", "ONLINE", List.of(), List.of(), null), "channel1", null);
        }
    }

    RawHttp.Response as(String user, String method, String path, String json) {
        return http.send(method, path, user, "demo", Map.of("Content-Type", "application/json", "Accept", "application/json"),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anotherChannelFindsNothingOfIt() {
        String p = "/api/problems/" + problem.id();
        String a = "/api/applications/" + application.id();
        // the channel that submitted them sees them
        assertThat(as("channel1", "GET", p, null).status()).isEqualTo(200);
        assertThat(as("channel1", "GET", a, null).status()).isEqualTo(200);
        assertThat(as("channel1", "GET", "/api/problems?creditCode=" + problem.creditCode(), null).json()).hasSize(1);

        List<String[]> hidden = List.of(
                new String[] {"GET", p, null},
                new String[] {"POST", p + "/supplement", "{\"content\":\"冒充补充\"}"},
                new String[] {"POST", p + "/evaluation", "{\"rating\":\"UNSATISFIED\",\"comment\":\"冒充评价\"}"},
                new String[] {"GET", a, null},
                new String[] {"POST", a + "/materials", "{\"materials\":[\"营业执照\"]}"},
                new String[] {"POST", a + "/evaluation", "{\"rating\":\"UNSATISFIED\"}"});
        List<String> open = new ArrayList<>();
        for (String[] h : hidden) {
            RawHttp.Response r = as("channel2", h[0], h[1], h[2]);
            if (r.status() != 404 || !"NOT_FOUND".equals(r.json().path("code").asText())) {
                open.add(h[0] + " " + h[1] + " → " + r.status() + " " + r.text());
            }
        }
        assertThat(open).as("channel2 reaches channel1's records").isEmpty();
        assertThat(as("channel2", "GET", "/api/problems?creditCode=" + problem.creditCode(), null).json()).isEmpty();
        assertThat(problems.timeline(problem.id())).noneMatch(e -> "channel2".equals(e.actor()));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qf_application_event WHERE application_id = ? AND actor = ?",
                Long.class, application.id(), "channel2")).isZero();
    }

    /** A channel has no Tasklist and no Cockpit: the engine's REST API shows it nothing and lets it change nothing. */
    @Test
    void noWayRoundThroughTheEngine() {
        String pi = problem.processInstanceId();
        for (String list : List.of("/engine-rest/task?processInstanceId=" + pi, "/engine-rest/process-instance",
                "/engine-rest/history/process-instance", "/engine-rest/history/task", "/engine-rest/filter")) {
            RawHttp.Response r = as("channel2", "GET", list, null);
            assertThat(r.status()).as(list).isEqualTo(200);
            assertThat(r.json()).as(list).isEmpty();
        }
        String task = AccessFixtures.task(engine, problem, "signFor").getId();
        for (String[] f : List.of(
                new String[] {"GET", "/engine-rest/process-instance/" + pi, null},
                new String[] {"GET", "/engine-rest/history/process-instance/" + pi, null},
                new String[] {"GET", "/engine-rest/task/" + task + "/variables", null},
                new String[] {"POST", "/engine-rest/task/" + task + "/complete", "{}"},
                new String[] {"POST", "/engine-rest/process-definition/key/problemLoop/start", "{}"},
                new String[] {"DELETE", "/engine-rest/process-instance/" + pi, null})) {
            assertThat(as("channel2", f[0], f[1], f[2]).status()).as(f[0] + " " + f[1]).isIn(403, 404);
        }
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).count()).isEqualTo(1);
        // nor what belongs to the center: its reports and the holiday table
        assertThat(as("channel2", "GET", "/api/reports", null).status()).isEqualTo(403);
        assertThat(http.send("PUT", "/api/calendar/years", "channel2", "demo", Map.of("Content-Type", "application/yaml"),
                "year: 2099\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
    }
}
