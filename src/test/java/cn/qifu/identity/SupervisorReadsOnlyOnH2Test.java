package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.testsupport.OnH2;
import cn.qifu.testsupport.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A supervisor (督查) reads every problem and every task, in the API and in the engine, and changes nothing that is
 * not theirs: no claiming or reassigning a department's task, no changing its variables, no deleting or suspending an
 * instance, no deploying, no acting for the enterprise. (Completing a department's task: FoundationContract.)
 */
@OnH2
class SupervisorReadsOnlyOnH2Test {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;

    RawHttp http;
    static Problem problem;

    @BeforeEach
    void aProblemAtADepartment() {
        http = new RawHttp(port);
        if (problem == null) {
            problem = AccessFixtures.atDepartment(engine, problems, "channel1", "hrss");
        }
    }

    RawHttp.Response supervisor(String method, String path, String json) {
        return http.send(method, path, "supervisor1", "demo",
                Map.of("Content-Type", "application/json", "Accept", "application/json"),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEverything() {
        String pi = problem.processInstanceId();
        Task task = AccessFixtures.task(engine, problem, "signFor");
        for (String path : List.of("/api/problems/" + problem.id(), "/api/problems?creditCode=" + problem.creditCode(),
                "/engine-rest/task/" + task.getId(), "/engine-rest/task/" + task.getId() + "/variables",
                "/engine-rest/process-instance/" + pi, "/engine-rest/process-instance/" + pi + "/variables",
                "/engine-rest/history/process-instance/" + pi, "/engine-rest/history/task?processInstanceId=" + pi)) {
            RawHttp.Response r = supervisor("GET", path, null);
            assertThat(r.status()).as(path + " " + r.text()).isEqualTo(200);
        }
        assertThat(supervisor("GET", "/engine-rest/task?processInstanceId=" + pi, null).json()).hasSize(1);
        assertThat(supervisor("GET", "/api/problems/" + problem.id(), null).json().path("title").asText())
                .isEqualTo(problem.title());
    }

    @Test
    void changesNothingThatIsNotTheirs() {
        String pi = problem.processInstanceId();
        Task task = AccessFixtures.task(engine, problem, "signFor");
        String t = "/engine-rest/task/" + task.getId();
        String i = "/engine-rest/process-instance/" + pi;
        String deployment = "--b\r\nContent-Disposition: form-data; name=\"x.bpmn\"; filename=\"x.bpmn\"\r\n\r\n"
                + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\"/>\r\n--b--\r\n";
        List<String[]> forbidden = List.of(
                new String[] {"POST", t + "/claim", "{\"userId\":\"supervisor1\"}"},
                new String[] {"POST", t + "/assignee", "{\"userId\":\"supervisor1\"}"},
                new String[] {"POST", t + "/submit-form", "{\"variables\":{\"signDecision\":{\"value\":\"SIGN\"}}}"},
                new String[] {"POST", t + "/variables", "{\"modifications\":{\"signDecision\":{\"value\":\"SIGN\"}}}"},
                new String[] {"PUT", t + "/variables/signDecision", "{\"value\":\"SIGN\"}"},
                new String[] {"DELETE", t + "/variables/problemSummary", null},
                new String[] {"PUT", t, "{\"name\":\"改名\",\"priority\":100}"},
                new String[] {"POST", i + "/variables", "{\"modifications\":{\"leadDepartment\":{\"value\":\"amr\"}}}"},
                new String[] {"PUT", i + "/variables/leadDepartment", "{\"value\":\"amr\"}"},
                new String[] {"DELETE", i + "/variables/problemId", null},
                new String[] {"PUT", i + "/suspended", "{\"suspended\":true}"},
                new String[] {"POST", i + "/modification",
                    "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"signFor\"}]}"},
                new String[] {"DELETE", i, null},
                new String[] {"POST", "/engine-rest/process-instance/delete", "{\"processInstanceIds\":[\"" + pi + "\"]}"});
        List<String> open = new ArrayList<>();
        for (String[] f : forbidden) {
            RawHttp.Response r = supervisor(f[0], f[1], f[2]);
            if (r.status() != 403 && r.status() != 404) {
                open.add(f[0] + " " + f[1] + " → " + r.status() + " " + r.text());
            }
        }
        RawHttp.Response deploy = http.send("POST", "/engine-rest/deployment/create", "supervisor1", "demo",
                Map.of("Content-Type", "multipart/form-data; boundary=b"), deployment.getBytes(StandardCharsets.UTF_8));
        if (deploy.status() != 403) {
            open.add("POST /engine-rest/deployment/create → " + deploy.status() + " " + deploy.text());
        }
        // nor acting for the enterprise, nor the administrator's holiday table
        for (String[] f : List.of(new String[] {"/api/problems/" + problem.id() + "/supplement", "{\"content\":\"督查代补\"}"},
                new String[] {"/api/problems/" + problem.id() + "/evaluation", "{\"rating\":\"SATISFIED\"}"})) {
            RawHttp.Response r = supervisor("POST", f[0], f[1]);
            if (r.status() != 403) {
                open.add("POST " + f[0] + " → " + r.status() + " " + r.text());
            }
        }
        RawHttp.Response calendar = http.send("PUT", "/api/calendar/years", "supervisor1", "demo",
                Map.of("Content-Type", "application/yaml"), "year: 2099\n".getBytes(StandardCharsets.UTF_8));
        if (calendar.status() != 403) {
            open.add("PUT /api/calendar/years → " + calendar.status());
        }
        assertThat(open).as("changes open to a supervisor").isEmpty();

        Task after = AccessFixtures.task(engine, problem, "signFor");
        assertThat(after).isNotNull();
        assertThat(after.getAssignee()).isNull();
        assertThat(after.getPriority()).isEqualTo(task.getPriority());
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).active().count()).isEqualTo(1);
        assertThat(engine.getRuntimeService().getVariable(pi, "leadDepartment")).isEqualTo("hrss");
        assertThat(engine.getRuntimeService().getVariable(pi, "problemId")).isEqualTo(problem.id());
    }
}
