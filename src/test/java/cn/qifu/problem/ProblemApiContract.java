package cn.qifu.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The channels' API: every bad field named, nothing stored on refusal, repeats and concurrency, who sees what. */
abstract class ProblemApiContract {

    @Autowired
    ProcessEngine engine;
    @Autowired
    ProblemService problems;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    LoopDriver loop;

    @BeforeEach
    void setUp() {
        loop = new LoopDriver(engine, problems, http);
    }

    long storedProblems() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM qf_problem", Long.class);
    }

    static Map<String, String> errorsByField(JsonNode body) {
        Map<String, String> errors = new HashMap<>();
        body.get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("code").asText()));
        return errors;
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsStored() {
        long before = storedProblems();
        Map<String, Object> bad = new HashMap<>();
        String valid = LoopDriver.creditCode(900);
        bad.put("creditCode", valid.substring(0, 17) + (valid.endsWith("1") ? "2" : "1"));
        bad.put("enterpriseName", " ");
        bad.put("contactName", "名".repeat(51));
        bad.put("contactPhone", "12345");
        bad.put("channel", "FAX");
        bad.put("description", "描".repeat(4001));
        bad.put("category", "类".repeat(51));
        ResponseEntity<JsonNode> refused = loop.post("channel1", "/api/problems", bad, null);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(refused.getBody().get("message").asText()).contains("提交的内容有误");
        assertThat(errorsByField(refused.getBody())).containsOnly(
                Map.entry("creditCode", "INVALID_CHECKSUM"), Map.entry("enterpriseName", "REQUIRED"),
                Map.entry("contactName", "TOO_LONG"), Map.entry("contactPhone", "INVALID_FORMAT"),
                Map.entry("channel", "UNKNOWN_VALUE"), Map.entry("title", "REQUIRED"),
                Map.entry("description", "TOO_LONG"), Map.entry("category", "TOO_LONG"));
        refused.getBody().get("errors").forEach(e -> assertThat(e.get("message").asText()).matches(".*\\p{IsHan}.*"));
        assertThat(storedProblems()).isEqualTo(before);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ProblemProcess.KEY)
                .variableValueEquals("problemId", before + 1000).count()).isZero();
    }

    @Test
    void eachFieldOnItsOwn() {
        Object[][] cases = {
            {"creditCode", null, "REQUIRED"},
            {"creditCode", "91330521", "INVALID_LENGTH"},
            {"creditCode", "9133052100000000IO", "INVALID_FORMAT"},
            {"creditCode", 913305210, "INVALID_LENGTH"},
            {"contactPhone", "1380000000a", "INVALID_FORMAT"},
            {"contactPhone", "0572-88888888", null},
            {"channel", "hotline", null},
            {"title", "t".repeat(201), "TOO_LONG"},
            {"title", "含控制字符\u0000", "INVALID_CHARACTERS"},
            {"description", "<script>alert(1)</script>", null},
        };
        int n = 910;
        for (Object[] c : cases) {
            Map<String, Object> body = LoopDriver.submission(n++);
            body.put((String) c[0], c[1]);
            ResponseEntity<JsonNode> response = loop.post("channel1", "/api/problems", body, null);
            if (c[2] == null) {
                assertThat(response.getStatusCode().value()).as(c[0] + "=" + c[1]).isEqualTo(201);
            } else {
                assertThat(response.getStatusCode().value()).as(c[0] + "=" + c[1]).isEqualTo(400);
                assertThat(errorsByField(response.getBody())).as(c[0] + "=" + c[1]).containsOnly(Map.entry((String) c[0], (String) c[2]));
            }
        }
        // text is stored as typed, never interpreted
        JsonNode stored = problems.byCreditCode(LoopDriver.creditCode(919), 1).stream().findFirst()
                .map(p -> loop.view(p.id())).orElseThrow();
        assertThat(stored.get("description").asText()).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void malformedOrMistypedRequests() {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        TestRestTemplate channel = http.withBasicAuth("channel1", "demo");
        long before = storedProblems();
        ResponseEntity<JsonNode> broken = channel.postForEntity("/api/problems", new HttpEntity<>("{\"creditCode\": ", json), JsonNode.class);
        assertThat(broken.getStatusCode().value()).isEqualTo(400);
        assertThat(broken.getBody().get("code").asText()).isEqualTo("MALFORMED_BODY");
        ResponseEntity<JsonNode> array = channel.postForEntity("/api/problems", new HttpEntity<>("[1,2]", json), JsonNode.class);
        assertThat(array.getStatusCode().value()).isEqualTo(400);
        HttpHeaders text = new HttpHeaders();
        text.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<JsonNode> plain = channel.postForEntity("/api/problems", new HttpEntity<>("hello", text), JsonNode.class);
        assertThat(plain.getStatusCode().value()).isEqualTo(415);
        assertThat(plain.getBody().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(http.postForEntity("/api/problems", new HttpEntity<>(LoopDriver.submission(930), json), JsonNode.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(channel.getForEntity("/api/problems/not-a-number", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(channel.getForEntity("/api/problems?creditCode=123", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(storedProblems()).isEqualTo(before);
    }

    @Test
    void aRepeatedSubmissionReturnsTheFirstResult() {
        HttpHeaders key = new HttpHeaders();
        key.set("Idempotency-Key", "hotline-call-20250603-0001");
        ResponseEntity<JsonNode> first = loop.post("channel1", "/api/problems", LoopDriver.submission(940), key);
        ResponseEntity<JsonNode> again = loop.post("channel1", "/api/problems", LoopDriver.submission(940), key);
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getHeaders().getFirst("Idempotency-Replayed")).isEqualTo("true");
        assertThat(again.getBody().get("id").asLong()).isEqualTo(first.getBody().get("id").asLong());
        assertThat(again.getBody().get("number").asText()).isEqualTo(first.getBody().get("number").asText());
        assertThat(problems.byCreditCode(LoopDriver.creditCode(940), 10)).hasSize(1);
        // a key belongs to its client: another client's same key is another problem
        ResponseEntity<JsonNode> other = loop.post("frontdesk1", "/api/problems", LoopDriver.submission(940), key);
        assertThat(other.getBody().get("id").asLong()).isNotEqualTo(first.getBody().get("id").asLong());

        HttpHeaders badKey = new HttpHeaders();
        badKey.set("Idempotency-Key", "with space");
        ResponseEntity<JsonNode> refused = loop.post("channel1", "/api/problems", LoopDriver.submission(941), badKey);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(errorsByField(refused.getBody())).containsKey("Idempotency-Key");
    }

    @Test
    void fiftyConcurrentSubmissionsAreFiftyProblemsAndARacingRepeatIsOne() throws Exception {
        long before = storedProblems();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<ResponseEntity<JsonNode>>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = 1000 + i;
                calls.add(() -> loop.post("channel1", "/api/problems", LoopDriver.submission(n), null));
            }
            Set<Long> ids = new HashSet<>();
            Set<String> numbers = new HashSet<>();
            for (Future<ResponseEntity<JsonNode>> f : pool.invokeAll(calls)) {
                ResponseEntity<JsonNode> r = f.get();
                assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(201);
                ids.add(r.getBody().get("id").asLong());
                numbers.add(r.getBody().get("number").asText());
            }
            assertThat(ids).hasSize(50);
            assertThat(numbers).hasSize(50);
            assertThat(storedProblems()).isEqualTo(before + 50);
            for (long id : ids) {
                assertThat(loop.task(id, "acceptProblem")).as("problem " + id + " is in the loop").isNotNull();
            }

            HttpHeaders key = new HttpHeaders();
            key.set("Idempotency-Key", "retry-storm-1");
            List<Callable<ResponseEntity<JsonNode>>> repeats = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                repeats.add(() -> loop.post("channel1", "/api/problems", LoopDriver.submission(1100), key));
            }
            Set<Long> repeated = new HashSet<>();
            for (Future<ResponseEntity<JsonNode>> f : pool.invokeAll(repeats)) {
                assertThat(f.get().getStatusCode().value()).isEqualTo(201);
                repeated.add(f.get().getBody().get("id").asLong());
            }
            assertThat(repeated).hasSize(1);
            assertThat(problems.byCreditCode(LoopDriver.creditCode(1100), 10)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachSeesOnlyWhatIsTheirs() {
        long id = loop.submit(950);
        loop.accept(id, "SINGLE");
        loop.assign(id, "amr", List.of("tax"));
        assertThat(http.withBasicAuth("channel1", "demo").getForEntity("/api/problems/" + id, JsonNode.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(http.withBasicAuth("amr1", "demo").getForEntity("/api/problems/" + id, JsonNode.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(http.withBasicAuth("tax1", "demo").getForEntity("/api/problems/" + id, JsonNode.class)
                .getStatusCode().value()).isEqualTo(200);
        ResponseEntity<JsonNode> stranger = http.withBasicAuth("hrss1", "demo").getForEntity("/api/problems/" + id, JsonNode.class);
        assertThat(stranger.getStatusCode().value()).isEqualTo(404);
        assertThat(http.withBasicAuth("hrss1", "demo").getForObject("/api/problems?creditCode="
                + LoopDriver.creditCode(950), JsonNode.class)).isEmpty();
        assertThat(http.withBasicAuth("channel1", "demo").getForObject("/api/problems?creditCode="
                + LoopDriver.creditCode(950), JsonNode.class)).extracting(p -> p.get("id").asLong()).containsExactly(id);
        assertThat(http.withBasicAuth("channel1", "demo").getForEntity("/api/problems/99999999", JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);

        // only the enterprise's channel (or the front desk) rates, and only when it is time to
        assertThat(loop.post("amr1", "/api/problems/" + id + "/evaluation", Map.of("rating", "SATISFIED"), null)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(loop.post("channel1", "/api/problems/" + id + "/evaluation", Map.of("rating", "SATISFIED"), null)
                .getStatusCode().value()).isEqualTo(409);
        ResponseEntity<JsonNode> badRating = loop.post("channel1", "/api/problems/" + id + "/evaluation",
                Map.of("rating", "GREAT"), null);
        assertThat(badRating.getStatusCode().value()).isEqualTo(400);
        assertThat(errorsByField(badRating.getBody())).containsEntry("rating", "UNKNOWN_VALUE");
        assertThat(problems.get(id).rating()).isNull();
        ResponseEntity<JsonNode> longComment = loop.post("channel1", "/api/problems/" + id + "/evaluation",
                Map.of("rating", "SATISFIED", "comment", "长".repeat(1001)), null);
        assertThat(longComment.getStatusCode().value()).isEqualTo(400);
        assertThat(errorsByField(longComment.getBody())).containsEntry("comment", "TOO_LONG");
        ResponseEntity<JsonNode> numberRating = loop.post("channel1", "/api/problems/" + id + "/evaluation",
                Map.of("rating", 5), null);
        assertThat(errorsByField(numberRating.getBody())).containsEntry("rating", "INVALID_TYPE");
        ResponseEntity<JsonNode> emptySupplement = loop.post("channel1", "/api/problems/" + id + "/supplement",
                Map.of(), null);
        assertThat(emptySupplement.getStatusCode().value()).isEqualTo(400);
        assertThat(errorsByField(emptySupplement.getBody())).containsEntry("content", "REQUIRED");
        assertThat(problems.timeline(id)).noneMatch(e -> e.action() == Action.SUPPLEMENTED || e.action() == Action.EVALUATED);
    }
}
