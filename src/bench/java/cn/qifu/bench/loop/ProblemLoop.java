package cn.qifu.bench.loop;

import cn.qifu.bench.App;
import cn.qifu.bench.Http;
import cn.qifu.bench.Latencies;
import cn.qifu.problem.CreditCode;
import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.problem.ProblemSubmission;
import cn.qifu.problem.Rating;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;

/**
 * The problem loop as its people work it, step by step: the channel submits, the front desk accepts, the dispatcher
 * assigns, the department signs and answers, the dispatcher approves the answer, the enterprise rates. Either through
 * the application's Java services and the engine's API (as {@code LoopDriver} and {@code Staff} in the tests do), or
 * through HTTP: the channel API and {@code /engine-rest} as Tasklist calls it, each user with their own password.
 */
public final class ProblemLoop {

    public static final List<String> STEPS = List.of("submit", "accept", "assign", "sign", "handle", "review", "rate");
    /** The departments problems are assigned to, in turn; their clerks are {@code <code>1}. */
    public static final List<String> DEPARTMENTS = List.of("amr", "tax", "hrss", "nrp", "housing", "eco", "water",
            "transport", "commerce", "fgw");

    private final ProblemService problems;
    private final TaskService tasks;
    private final IdentityService identity;
    private final Http http;
    private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

    public ProblemLoop(App app) {
        ProcessEngine engine = app.engine();
        this.problems = app.bean(ProblemService.class);
        this.tasks = engine.getTaskService();
        this.identity = engine.getIdentityService();
        this.http = new Http(app.baseUrl());
    }

    /** Over HTTP only, against an application running elsewhere (a node). */
    public ProblemLoop(String baseUrl) {
        this.problems = null;
        this.tasks = null;
        this.identity = null;
        this.http = new Http(baseUrl);
    }

    public static String department(int n) {
        return DEPARTMENTS.get(Math.floorMod(n, DEPARTMENTS.size()));
    }

    public static String creditCode(int n) {
        String first17 = "9133052" + String.format("%010d", n);
        return first17 + CreditCode.checkCharacter(first17);
    }

    static Map<String, Object> submission(int n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditCode", creditCode(n));
        body.put("enterpriseName", "德清基准企业" + n + "有限公司");
        body.put("contactName", "张三");
        body.put("contactPhone", "13800000000");
        body.put("channel", "HOTLINE");
        body.put("title", "厂房用电增容迟迟未办");
        body.put("description", "企业申请用电增容已两周，仍未安排勘查。");
        body.put("category", "证照");
        return body;
    }

    // ---- through the Java services ------------------------------------------------------------------------------

    /** The whole loop through the services; returns the problem id. */
    public long serviceLoop(int n, Latencies l) {
        long id = serviceUntilHandling(n, l);
        String pi = problems.get(id).processInstanceId();
        String lead = department(n);
        l.time("handle", () -> complete(pi, "handleProblem", lead + "1", "handleDecision", "ANSWER",
                "answer", "已协调供电公司三日内完成勘查。"));
        l.time("review", () -> complete(pi, "reviewAnswer", "dispatcher1", "reviewDecision", "APPROVE"));
        l.time("rate", () -> problems.evaluate(id, Rating.SATISFIED, "很及时", "channel1"));
        return id;
    }

    /** Submitted, accepted, assigned to {@link #department(int)} and signed for: waiting at 牵头办理并答复. */
    public long serviceUntilHandling(int n, Latencies l) {
        Map<String, Object> s = submission(n);
        Problem problem = l.time("submit", () -> problems.submit(new ProblemSubmission((String) s.get("creditCode"),
                (String) s.get("enterpriseName"), (String) s.get("contactName"), (String) s.get("contactPhone"),
                (String) s.get("channel"), (String) s.get("title"), (String) s.get("description"),
                (String) s.get("category")), "channel1", null));
        String pi = problem.processInstanceId();
        String lead = department(n);
        l.time("accept", () -> complete(pi, "acceptProblem", "frontdesk1", "acceptDecision", "ACCEPT",
                "problemClass", "SINGLE", "category", "证照"));
        l.time("assign", () -> complete(pi, "assignProblem", "dispatcher1", "route", "DEPARTMENT",
                "leadDepartment", lead, "cooperatingDepartments", List.of()));
        l.time("sign", () -> complete(pi, "signFor", lead + "1", "signDecision", "SIGN"));
        return problem.id();
    }

    /** As Tasklist's user: finds the task among those they may see, claims it, completes it with the form's values. */
    void complete(String processInstanceId, String key, String user, Object... variables) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            values.put((String) variables[i], variables[i + 1]);
        }
        identity.setAuthentication(user, groups.computeIfAbsent(user, u -> identity.createGroupQuery().groupMember(u)
                .list().stream().map(Group::getId).toList()));
        try {
            Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
            if (task == null) {
                throw new IllegalStateException("no task " + key + " of " + processInstanceId + " for " + user);
            }
            tasks.claim(task.getId(), user);
            tasks.complete(task.getId(), values);
        } finally {
            identity.clearAuthentication();
        }
    }

    // ---- through HTTP -------------------------------------------------------------------------------------------

    /** The whole loop over HTTP; returns the problem id. */
    public long httpLoop(int n, Latencies l) {
        JsonNode created = httpToHandling(n, l);
        long id = created.get("id").asLong();
        String number = created.get("number").asText();
        String lead = department(n);
        l.time("handle", () -> httpComplete(number, "handleProblem", lead + "1", Map.of(
                "handleDecision", value("ANSWER"), "answer", value("已协调供电公司三日内完成勘查。"))));
        l.time("review", () -> httpComplete(number, "reviewAnswer", "dispatcher1", Map.of("reviewDecision", value("APPROVE"))));
        l.time("rate", () -> http.post("channel1", "/api/problems/" + id + "/evaluation",
                Map.of("rating", "SATISFIED", "comment", "很及时")));
        return id;
    }

    /** Over HTTP: submitted, accepted, assigned and signed for; returns the problem id. */
    public long httpUntilHandling(int n, Latencies l) {
        return httpToHandling(n, l).get("id").asLong();
    }

    /** Submitted, accepted, assigned to {@link #department(int)} and signed for; returns the submission's answer. */
    private JsonNode httpToHandling(int n, Latencies l) {
        JsonNode created = l.time("submit", () -> http.post("channel1", "/api/problems", submission(n)));
        String number = created.get("number").asText();
        String lead = department(n);
        l.time("accept", () -> httpComplete(number, "acceptProblem", "frontdesk1", Map.of(
                "acceptDecision", value("ACCEPT"), "problemClass", value("SINGLE"), "category", value("证照"))));
        l.time("assign", () -> httpComplete(number, "assignProblem", "dispatcher1", Map.of(
                "route", value("DEPARTMENT"), "leadDepartment", value(lead),
                "cooperatingDepartments", Map.of("value", "[]", "type", "Json"))));
        l.time("sign", () -> httpComplete(number, "signFor", lead + "1", Map.of("signDecision", value("SIGN"))));
        return created;
    }

    private static Map<String, Object> value(Object v) {
        return Map.of("value", v);
    }

    /** Three calls, as Tasklist makes them: the user's task of that problem, claim, complete with the form's variables. */
    private void httpComplete(String problemNo, String key, String user, Map<String, Object> variables) {
        JsonNode found = http.get(user, "/engine-rest/task?processInstanceBusinessKey="
                + URLEncoder.encode(problemNo, StandardCharsets.UTF_8) + "&taskDefinitionKey=" + key);
        if (found.size() != 1) {
            throw new IllegalStateException("task " + key + " of " + problemNo + " for " + user + ": " + found);
        }
        String taskId = found.get(0).get("id").asText();
        http.post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
        http.post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    }
}
