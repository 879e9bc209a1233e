package cn.qifu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.Action;
import cn.qifu.problem.CreditCode;
import cn.qifu.problem.ProblemService;
import cn.qifu.problem.TimelineEvent;
import cn.qifu.testsupport.OnH2;
import cn.qifu.testsupport.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The timeline records who did each step, when the step is done the way people do it: the channel over the API, each
 * member of staff in Tasklist (which claims and completes over {@code /engine-rest} as the logged-in user).
 */
@OnH2
class AuditTrailOnH2Test {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;

    @Test
    void everyStepOfTheLoopNamesItsUser() {
        RawHttp http = new RawHttp(port);
        String first17 = "91330588" + "000000123";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditCode", first17 + CreditCode.checkCharacter(first17));
        body.put("enterpriseName", "留痕测试企业有限公司");
        body.put("contactName", "郑十一");
        body.put("contactPhone", "13800001111");
        body.put("channel", "ONLINE");
        body.put("title", "留痕测试问题");
        body.put("description", "每一步都应记下办理人");
        RawHttp.Response submitted = http.postJson("channel1", "/api/problems", body);
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        long id = submitted.json().get("id").asLong();
        String instance = problems.get(id).processInstanceId();

        inTasklist(http, instance, "acceptProblem", "frontdesk1", Map.of("acceptDecision", "ACCEPT",
                "problemClass", "SINGLE", "category", "证照"));
        inTasklist(http, instance, "assignProblem", "dispatcher1", Map.of("route", "DEPARTMENT", "leadDepartment", "amr",
                "cooperatingDepartments", List.of()));
        inTasklist(http, instance, "signFor", "amr1", Map.of("signDecision", "SIGN"));
        inTasklist(http, instance, "handleProblem", "amr1", Map.of("handleDecision", "ANSWER",
                "answer", "已协调解决"));
        inTasklist(http, instance, "reviewAnswer", "dispatcher1", Map.of("reviewDecision", "APPROVE"));
        RawHttp.Response rated = http.postJson("channel1", "/api/problems/" + id + "/evaluation",
                Map.of("rating", "SATISFIED"));
        assertThat(rated.status()).as(rated.text()).isEqualTo(200);

        Map<Action, String> actors = new LinkedHashMap<>();
        for (TimelineEvent e : problems.timeline(id)) {
            actors.putIfAbsent(e.action(), e.actor());
        }
        assertThat(actors).containsEntry(Action.SUBMITTED, "channel1").containsEntry(Action.ACCEPTED, "frontdesk1")
                .containsEntry(Action.ASSIGNED, "dispatcher1").containsEntry(Action.SIGNED, "amr1")
                .containsEntry(Action.ANSWER_PROPOSED, "amr1").containsEntry(Action.REVIEW_APPROVED, "dispatcher1")
                .containsEntry(Action.EVALUATED, "channel1");
        // the same in what the API shows
        JsonNode timeline = http.get("supervisor1", "/api/problems/" + id).json().get("timeline");
        assertThat(timeline.toString()).contains("frontdesk1", "dispatcher1", "amr1", "channel1");
    }

    /** As Tasklist: claim, then complete with the form's variables, as that user over /engine-rest. */
    void inTasklist(RawHttp http, String instance, String key, String user, Map<String, Object> form) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey(key)
                .singleResult();
        assertThat(task).as(key).isNotNull();
        Map<String, String> json = Map.of("Content-Type", "application/json");
        RawHttp.Response claimed = http.send("POST", "/engine-rest/task/" + task.getId() + "/claim", user, "demo", json,
                ("{\"userId\":\"" + user + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(claimed.status()).as(key + " claim " + claimed.text()).isEqualTo(204);
        StringBuilder variables = new StringBuilder("{\"variables\":{");
        form.forEach((name, value) -> {
            if (variables.charAt(variables.length() - 1) != '{') {
                variables.append(',');
            }
            // a list is what a Camunda Forms taglist submits: JSON
            variables.append('"').append(name).append("\":").append(value instanceof List<?>
                    ? "{\"value\":\"[]\",\"type\":\"Json\"}" : "{\"value\":\"" + value + "\"}");
        });
        variables.append("}}");
        RawHttp.Response completed = http.send("POST", "/engine-rest/task/" + task.getId() + "/submit-form", user, "demo",
                json, variables.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(completed.status()).as(key + " complete " + completed.text()).isIn(200, 204);
    }
}
