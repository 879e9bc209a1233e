package cn.qifu.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.problem.CreditCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node's HTTP API as its users reach it over the network: channels on {@code /api}, staff on {@code /engine-rest}
 * (as Tasklist does), every demo account with the password {@code demo}.
 */
final class NodeApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String baseUrl;

    NodeApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        Answer expect(int expected) {
            assertThat(status).as(raw.request().method() + " " + raw.request().uri() + " answered " + raw.body())
                    .isEqualTo(expected);
            return this;
        }
    }

    Answer get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A write; a 429 (a channel over its rate limit) is retried after its Retry-After, as a channel's client does. */
    Answer post(String user, String path, Object body, String... headers) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(write(body)));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            Answer answer = send(user, request);
            if (answer.status() != 429 || attempt == 20) {
                return answer;
            }
            long seconds = answer.raw().headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            try {
                Thread.sleep(seconds * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }

    Answer put(String user, String path, String contentType, String body) {
        return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer send(String user, HttpRequest.Builder request) {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        request.timeout(Duration.ofSeconds(60));
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? MissingNode.getInstance()
                    : readOrMissing(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException("no answer from " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readOrMissing(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static String write(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---- the problem loop -------------------------------------------------------------------------------------------

    /** A valid credit code for test enterprise n (of this package's tests). */
    static String creditCode(int n) {
        String first17 = "9133052" + String.format("%010d", 7_000_000 + n);
        return first17 + CreditCode.checkCharacter(first17);
    }

    static Map<String, Object> problem(int n) {
        Map<String, Object> body = new HashMap<>();
        body.put("creditCode", creditCode(n));
        body.put("enterpriseName", "集群测试企业" + n + "有限公司");
        body.put("contactName", "李四");
        body.put("contactPhone", "13900000000");
        body.put("channel", "ONLINE");
        body.put("title", "集群测试问题 " + n);
        body.put("description", "企业反映的问题，用于多节点测试。");
        body.put("category", "证照");
        return body;
    }

    /** channel1 submits problem n with an Idempotency-Key; returns the problem as the API shows it. */
    JsonNode submitProblem(int n, String key) {
        return post("channel1", "/api/problems", problem(n), "Idempotency-Key", key).expect(201).body();
    }

    JsonNode problemView(long id) {
        return get("supervisor1", "/api/problems/" + id).expect(200).body();
    }

    /** The open task of that definition in the instance with that business key, as the user sees it in Tasklist. */
    String taskId(String user, String businessKey, String taskKey) {
        JsonNode tasks = get(user, "/engine-rest/task?processInstanceBusinessKey=" + encode(businessKey)
                + "&taskDefinitionKey=" + taskKey).expect(200).body();
        assertThat(tasks.size()).as(taskKey + " of " + businessKey + " for " + user + ": " + tasks).isEqualTo(1);
        return tasks.get(0).get("id").asText();
    }

    /** Completes a task over /engine-rest as the user, a member of its candidate group (variables: name, value, …). */
    void complete(String user, String taskId, String... variables) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            values.put(variables[i], Map.of("value", variables[i + 1], "type", "String"));
        }
        post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", values)).expect(204);
    }

    /** 受理: accepted as a simple problem (1 working day); the deadline timers start. */
    void accept(String problemNo) {
        complete("frontdesk1", taskId("frontdesk1", problemNo, "acceptProblem"),
                "acceptDecision", "ACCEPT", "problemClass", "SIMPLE", "category", "证照");
    }

    void assign(String problemNo, String lead) {
        complete("dispatcher1", taskId("dispatcher1", problemNo, "assignProblem"),
                "route", "DEPARTMENT", "leadDepartment", lead, "cooperatingDepartments", "[]");
    }

    void sign(String problemNo, String lead) {
        complete(lead + "1", taskId(lead + "1", problemNo, "signFor"), "signDecision", "SIGN");
    }

    // ---- 一类事 --------------------------------------------------------------------------------------------------

    /** channel1 applies for 准入准营 (one basic item, at amr); returns the application as the API shows it. */
    JsonNode applyAccessPermit(int n, String key) {
        Map<String, Object> body = new HashMap<>();
        body.put("creditCode", creditCode(n));
        body.put("enterpriseName", "集群测试企业" + n + "有限公司");
        body.put("contactName", "赵六");
        body.put("contactPhone", "13700000000");
        body.put("channel", "ONLINE");
        body.put("valueAddedItems", List.of());
        body.put("providedMaterials", List.of("营业执照", "许可申请书"));
        return post("channel1", "/api/scenarios/accessPermit/applications", body, "Idempotency-Key", key)
                .expect(201).body();
    }

    /** The front desk finds the materials complete: the items go to the departments. */
    void materialsComplete(String applicationNo) {
        complete("frontdesk1", taskId("frontdesk1", applicationNo, "checkMaterials"), "missingMaterials", "[]");
    }

    JsonNode application(long id) {
        return get("supervisor1", "/api/applications/" + id).expect(200).body();
    }
}
