package cn.qifu.problem;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.Problem;
import cn.qifu.testsupport.Staff;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Acts in the loop as its people do: a channel submits over HTTP, staff complete their tasks as themselves (with the
 * engine's authorization checks on), and the clock is the engine's, moved by the test.
 */
final class LoopDriver {

    final ProcessEngine engine;
    final ProblemService problems;
    final TestRestTemplate http;

    LoopDriver(ProcessEngine engine, ProblemService problems, TestRestTemplate http) {
        this.engine = engine;
        this.problems = problems;
        this.http = http;
    }

    /** A valid credit code for a test enterprise number n. */
    static String creditCode(int n) {
        String first17 = "9133052" + String.format("%010d", n);
        return first17 + CreditCode.checkCharacter(first17);
    }

    static Map<String, Object> submission(int n) {
        Map<String, Object> body = new HashMap<>();
        body.put("creditCode", creditCode(n));
        body.put("enterpriseName", "德清测试企业" + n + "有限公司");
        body.put("contactName", "张三");
        body.put("contactPhone", "13800000000");
        body.put("channel", "HOTLINE");
        body.put("title", "厂房用电增容迟迟未办");
        body.put("description", "企业申请用电增容已两周，仍未安排勘查。");
        body.put("category", "证照");
        return body;
    }

    ResponseEntity<JsonNode> post(String user, String url, Object body, HttpHeaders extra) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (extra != null) {
            headers.addAll(extra);
        }
        return http.withBasicAuth(user, "demo").postForEntity(url, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** Submits through the channel API, as channel1; returns the problem id. */
    long submit(int n) {
        ResponseEntity<JsonNode> created = post("channel1", "/api/problems", submission(n), null);
        assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
        return created.getBody().get("id").asLong();
    }

    Problem problem(long id) {
        return problems.get(id);
    }

    JsonNode view(long id) {
        return http.withBasicAuth("supervisor1", "demo").getForObject("/api/problems/" + id, JsonNode.class);
    }

    List<String> actions(long id) {
        return problems.timeline(id).stream().map(e -> e.action().name()).toList();
    }

    Task task(long id, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(problem(id).processInstanceId())
                .taskDefinitionKey(key).singleResult();
    }

    List<Task> tasks(long id) {
        return engine.getTaskService().createTaskQuery().processInstanceId(problem(id).processInstanceId()).list();
    }

    /** Claims and completes the task as that user, with the user's groups, as Tasklist does. */
    void complete(long id, String key, String user, Object... variables) {
        Task task = task(id, key);
        assertThat(task).as("open task " + key + " of problem " + id + "; open: "
                + tasks(id).stream().map(Task::getTaskDefinitionKey).toList()).isNotNull();
        completeTask(task, user, variables);
    }

    void completeTask(Task task, String user, Object... variables) {
        Staff.complete(engine, task, user, variables);
    }

    // ---- the usual path -----------------------------------------------------------------------------------------

    void accept(long id, String problemClass) {
        complete(id, "acceptProblem", "frontdesk1", "acceptDecision", "ACCEPT", "problemClass", problemClass,
                "category", "证照");
    }

    void assign(long id, String lead, List<String> cooperating) {
        complete(id, "assignProblem", "dispatcher1", "route", "DEPARTMENT", "leadDepartment", lead,
                "cooperatingDepartments", cooperating);
    }

    void sign(long id, String lead) {
        complete(id, "signFor", lead + "1", "signDecision", "SIGN");
    }

    void answer(long id, String lead) {
        complete(id, "handleProblem", lead + "1", "handleDecision", "ANSWER", "answer", "已协调供电公司三日内完成勘查。");
    }

    void approve(long id) {
        complete(id, "reviewAnswer", "dispatcher1", "reviewDecision", "APPROVE");
    }

    /** From submission to the reply, one department. */
    long answered(int n, String problemClass) {
        long id = submit(n);
        accept(id, problemClass);
        assign(id, "amr", List.of());
        sign(id, "amr");
        answer(id, "amr");
        approve(id);
        return id;
    }

    ResponseEntity<JsonNode> rate(long id, String rating) {
        return post("channel1", "/api/problems/" + id + "/evaluation", Map.of("rating", rating, "comment", "测试评价"), null);
    }

    // ---- time ---------------------------------------------------------------------------------------------------

    static void clockAt(String offsetDateTime) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(offsetDateTime).toInstant()));
    }

    static void clockAt(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    Job timer(long id, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(problem(id).processInstanceId())
                .activityId(activityId).timers().singleResult();
    }

    /** Moves the clock to the timer's due date and fires it, as the job executor would. */
    void fire(long id, String activityId) {
        Job job = timer(id, activityId);
        assertThat(job).as("timer " + activityId).isNotNull();
        clockAt(job.getDuedate().toInstant());
        engine.getManagementService().executeJob(job.getId());
    }
}
