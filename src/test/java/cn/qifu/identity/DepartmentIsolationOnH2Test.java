package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.testsupport.OnH2;
import cn.qifu.testsupport.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
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
 * A department clerk works only its own department's tasks, over {@code /engine-rest} as Tasklist calls it: every way
 * into another department's task, its variables, its form, its process instance and that instance's history is closed
 * (403/404, or an empty list), and Tasklist's filters list none of it. (Seeing, claiming and completing the task itself
 * is FoundationContract's.)
 */
@OnH2
class DepartmentIsolationOnH2Test {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;

    RawHttp http;
    static Problem taxProblem;
    static Problem amrProblem;

    @BeforeEach
    void aProblemAtEachDepartment() {
        http = new RawHttp(port);
        if (taxProblem == null) {
            taxProblem = AccessFixtures.atDepartment(engine, problems, "channel1", "tax");
            amrProblem = AccessFixtures.atDepartment(engine, problems, "channel1", "amr");
        }
    }

    RawHttp.Response call(String method, String path, String json) {
        // (*/*: the rendered form is XHTML, not JSON)
        return http.send(method, "/engine-rest" + path, "amr1", "demo",
                Map.of("Content-Type", "application/json", "Accept", path.endsWith("/rendered-form") ? "*/*" : "application/json"),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** 403, 404, or the REST layer's way of saying a task it may not show does not exist (400 "No task found"). */
    static boolean closed(RawHttp.Response r) {
        return r.status() == 403 || r.status() == 404
                || r.status() == 400 && r.json() != null && r.json().path("message").asText().startsWith("No task found");
    }

    @Test
    void anotherDepartmentsTaskIsClosedOnEveryPath() {
        Task taxTask = AccessFixtures.task(engine, taxProblem, "signFor");
        String t = "/task/" + taxTask.getId();
        String pi = taxProblem.processInstanceId();
        List<String[]> forbidden = List.of(
                new String[] {"GET", t + "/variables", null},
                new String[] {"GET", t + "/variables/problemSummary", null},
                new String[] {"GET", t + "/form-variables", null},
                new String[] {"GET", t + "/localVariables", null},
                new String[] {"GET", t + "/form", null},
                new String[] {"GET", t + "/deployed-form", null},
                new String[] {"GET", t + "/rendered-form", null},
                new String[] {"GET", t + "/identity-links", null},
                new String[] {"GET", t + "/comment", null},
                new String[] {"POST", t + "/variables", "{\"modifications\":{\"signDecision\":{\"value\":\"SIGN\"}}}"},
                new String[] {"PUT", t + "/variables/signDecision", "{\"value\":\"SIGN\"}"},
                new String[] {"DELETE", t + "/variables/problemSummary", null},
                new String[] {"POST", t + "/submit-form", "{\"variables\":{\"signDecision\":{\"value\":\"SIGN\"}}}"},
                new String[] {"POST", t + "/assignee", "{\"userId\":\"amr1\"}"},
                new String[] {"POST", t + "/delegate", "{\"userId\":\"amr1\"}"},
                new String[] {"POST", t + "/resolve", "{}"},
                new String[] {"POST", t + "/identity-links", "{\"groupId\":\"amr\",\"type\":\"candidate\"}"},
                new String[] {"POST", t + "/comment/create", "{\"message\":\"不是我的任务\"}"},
                new String[] {"PUT", t, "{\"name\":\"改名\",\"priority\":1}"},
                new String[] {"GET", "/process-instance/" + pi, null},
                new String[] {"GET", "/process-instance/" + pi + "/variables", null},
                new String[] {"GET", "/process-instance/" + pi + "/activity-instances", null},
                new String[] {"POST", "/process-instance/" + pi + "/variables",
                    "{\"modifications\":{\"leadDepartment\":{\"value\":\"amr\"}}}"},
                new String[] {"DELETE", "/process-instance/" + pi, null},
                new String[] {"GET", "/history/process-instance/" + pi, null});
        List<String> open = new ArrayList<>();
        for (String[] f : forbidden) {
            RawHttp.Response r = call(f[0], f[1], f[2]);
            if (!closed(r)) {
                open.add(f[0] + " " + f[1] + " → " + r.status() + " " + r.text());
            }
        }
        assertThat(open).as("paths open to another department's clerk").isEmpty();

        // the lists answer, without it
        for (String list : List.of("/task?processInstanceId=" + pi, "/execution?processInstanceId=" + pi,
                "/process-instance?processInstanceIds=" + pi, "/variable-instance?processInstanceIdIn=" + pi,
                "/history/task?processInstanceId=" + pi, "/history/variable-instance?processInstanceId=" + pi,
                "/history/activity-instance?processInstanceId=" + pi, "/history/detail?processInstanceId=" + pi,
                "/history/user-operation?processInstanceId=" + pi, "/history/process-instance?processInstanceId=" + pi)) {
            RawHttp.Response r = call("GET", list, null);
            assertThat(r.status()).as(list + " " + r.text()).isEqualTo(200);
            assertThat(r.json()).as(list).isEmpty();
        }

        // and nothing changed
        Task after = AccessFixtures.task(engine, taxProblem, "signFor");
        assertThat(after.getAssignee()).isNull();
        assertThat(after.getName()).isEqualTo(taxTask.getName());
        assertThat(engine.getTaskService().getTaskComments(after.getId())).isEmpty();
        assertThat(engine.getTaskService().getIdentityLinksForTask(after.getId()))
                .noneMatch(link -> "amr".equals(link.getGroupId()) || "amr1".equals(link.getUserId()));
        assertThat(engine.getRuntimeService().getVariable(pi, "leadDepartment")).isEqualTo("tax");
        // the department the task is for does see it (the paths above were closed to amr1, not to everyone)
        assertThat(http.send("GET", "/engine-rest" + t + "/form-variables", "tax1", "demo", Map.of(), null).status())
                .isEqualTo(200);
    }

    /** Tasklist's lists are its filters; run as Tasklist runs them, each lists amr's task and not tax's. */
    @Test
    void tasklistsFiltersListOnlyTheDepartmentsOwnTasks() {
        String taxTask = AccessFixtures.task(engine, taxProblem, "signFor").getId();
        String amrTask = AccessFixtures.task(engine, amrProblem, "signFor").getId();
        JsonNode filters = call("GET", "/filter?resourceType=Task", null).json();
        assertThat(filters).extracting(f -> f.get("name").asText()).contains("本组待签收", "全部任务", "已逾期", "我的待办");
        for (JsonNode filter : filters) {
            String name = filter.get("name").asText();
            RawHttp.Response listed = call("POST", "/filter/" + filter.get("id").asText() + "/list?maxResults=1000", "{}");
            assertThat(listed.status()).as(name).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            listed.json().forEach(task -> ids.add(task.get("id").asText()));
            assertThat(ids).as(name).doesNotContain(taxTask);
            if (List.of("本组待签收", "全部任务").contains(name)) {
                assertThat(ids).as(name).contains(amrTask);
            }
            // a query of its own, sent to a filter, does not widen it
            RawHttp.Response widened = call("POST", "/filter/" + filter.get("id").asText() + "/list?maxResults=1000",
                    "{\"processInstanceId\":\"" + taxProblem.processInstanceId() + "\"}");
            assertThat(widened.json()).as(name + " asked for the tax problem").isEmpty();
        }
    }
}
