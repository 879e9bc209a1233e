package cn.qifu.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.qifu.department.DepartmentProperties.Endpoint;
import cn.qifu.testsupport.OnH2;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The application's {@link DepartmentAdapter} against the department simulator of the same application, over real
 * HTTP on loopback: what the scenario steps will meet when a department's system works, repeats, fails, hangs, talks
 * nonsense, takes its time or wants credentials.
 */
@OnH2
class DepartmentAdapterOnH2Test {

    private static final List<String> DEPARTMENTS = List.of("amr", "tax", "psb", "hrss", "nrp");

    @Autowired
    DepartmentAdapter adapter;
    @Autowired
    DepartmentProperties properties;
    @Autowired
    Environment environment;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestRestTemplate http;
    @LocalServerPort
    int port;

    @BeforeEach
    @AfterEach
    void resetDepartments() {
        for (String code : DEPARTMENTS) {
            ResponseEntity<Void> reset = http.exchange("/simulator/departments/" + code, HttpMethod.DELETE, null,
                    Void.class);
            assertThat(reset.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        }
    }

    private static ItemSubmission item(String key) {
        return new ItemSubmission(key, "amr-001", "公司设立登记", "SA-2025-0001", "91330521MA2B3C4D5Q",
                "浙江示例科技有限公司", List.of("公司登记（备案）申请书", "公司章程"));
    }

    private void behave(String code, String behaviour) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> answer = http.exchange("/simulator/departments/" + code + "/behaviour", HttpMethod.PUT,
                new HttpEntity<>(behaviour, headers), String.class);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    }

    private JsonNode get(String path) throws Exception {
        ResponseEntity<String> answer = http.getForEntity(path, String.class);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(answer.getBody());
    }

    private JsonNode items(String code) throws Exception {
        return get("/simulator/departments/" + code + "/items");
    }

    /** A second adapter on the same simulator, as another configuration would give. */
    private HttpDepartmentAdapter adapterWith(Duration timeout, Map<String, Endpoint> systems) {
        return new HttpDepartmentAdapter(
                new DepartmentProperties(new Endpoint(properties.defaults().baseUrl(), timeout, null, null), systems),
                environment, json);
    }

    @Test
    void theApplicationsAdapterReachesEveryDepartmentThroughTheSimulatorOnItsOwnPort() {
        assertThat(adapter).isInstanceOf(HttpDepartmentAdapter.class);
        assertThat(((HttpDepartmentAdapter) adapter).system("amr").resolve(environment).baseUrl())
                .isEqualTo("http://127.0.0.1:" + port + "/simulator/departments/amr");
        assertThat(properties.system("amr").timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aNormalSubmitIsDoneWithAReferenceAndAChineseResult() throws Exception {
        ItemReceipt receipt = adapter.submit("amr", item("SA-2025-0001/amr-001"));

        assertThat(receipt.done()).isTrue();
        assertThat(receipt.reference()).isEqualTo("AMR-000001");
        assertThat(receipt.result()).isEqualTo("市场监管局已办结：公司设立登记（受理号 AMR-000001）");
        assertThat(adapter.query("amr", "AMR-000001")).isEqualTo(receipt);

        JsonNode items = items("amr");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("idempotencyKey").asText()).isEqualTo("SA-2025-0001/amr-001");
        assertThat(items.get(0).get("creditCode").asText()).isEqualTo("91330521MA2B3C4D5Q");
        assertThat(items.get(0).get("materials")).hasSize(2);
        // departments are apart: the next one starts its own numbering
        assertThat(adapter.submit("tax", item("SA-2025-0001/tax-001")).reference()).isEqualTo("TAX-000001");
    }

    @Test
    void theSameIdempotencyKeyTwiceIsOneItemWithTheSameReference() throws Exception {
        ItemReceipt first = adapter.submit("amr", item("SA-2025-0002/amr-001"));
        ItemReceipt again = adapter.submit("amr", item("SA-2025-0002/amr-001"));
        ItemReceipt other = adapter.submit("amr", item("SA-2025-0003/amr-001"));

        assertThat(again.reference()).isEqualTo(first.reference());
        assertThat(again.status()).isEqualTo(first.status());
        assertThat(other.reference()).isNotEqualTo(first.reference());
        JsonNode items = items("amr");
        assertThat(items).hasSize(2);
        JsonNode repeated = items.get(0);
        assertThat(repeated.get("reference").asText()).isEqualTo(first.reference());
        assertThat(repeated.get("submissions").asInt()).isEqualTo(2);
        assertThat(repeated.get("authorized").asBoolean()).isFalse();
        assertThat(items.get(1).get("submissions").asInt()).isEqualTo(1);
    }

    @Test
    void failNextTwoGivesTwoFailuresThenSuccess() throws Exception {
        behave("tax", "{\"failNext\": 2}");
        ItemSubmission submission = item("SA-2025-0004/tax-001");

        for (int attempt = 1; attempt <= 2; attempt++) {
            DepartmentUnavailableException e = catchThrowableOfType(() -> adapter.submit("tax", submission),
                    DepartmentUnavailableException.class);
            assertThat(e).as("attempt %s", attempt).isNotNull();
            assertThat(e.httpStatus()).isEqualTo(500);
            assertThat(e.refused()).isFalse();
            assertThat(e.getMessage()).contains("部门系统 tax", "HTTP 500", "department system tax");
        }
        assertThat(get("/simulator/departments/tax/behaviour").get("failNext").asInt()).isZero();

        ItemReceipt receipt = adapter.submit("tax", submission);

        assertThat(receipt.done()).isTrue();
        assertThat(receipt.reference()).isEqualTo("TAX-000001");
        assertThat(receipt.result()).startsWith("税务局已办结");
        JsonNode items = items("tax");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("submissions").asInt()).as("failed attempts never reached the item").isEqualTo(1);
    }

    @Test
    void aDepartmentThatIsDownIsUnavailableAtOnce() throws Exception {
        behave("psb", "{\"mode\": \"DOWN\"}");
        assertThat(get("/simulator/departments/psb/behaviour").get("mode").asText()).isEqualTo("DOWN");

        long start = System.nanoTime();
        DepartmentUnavailableException e = catchThrowableOfType(() -> adapter.submit("psb", item("SA-2025-0005/psb")),
                DepartmentUnavailableException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e).isNotNull();
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("部门系统 psb 暂时无法访问", "HTTP 503", "department system psb is unavailable");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(catchThrowableOfType(() -> adapter.query("psb", "PSB-000001"), DepartmentUnavailableException.class)
                .httpStatus()).isEqualTo(503);
        assertThat(items("psb")).isEmpty();
    }

    @Test
    void aSlowDepartmentTimesOutWithinItsTimeoutAndTheRetryWithTheSameKeyIsTheSameItem() throws Exception {
        HttpDepartmentAdapter impatient = adapterWith(Duration.ofMillis(300), Map.of());
        behave("nrp", "{\"mode\": \"SLOW\", \"delayMillis\": 1500}");
        ItemSubmission submission = item("SA-2025-0006/nrp-001");

        long start = System.nanoTime();
        DepartmentUnavailableException e = catchThrowableOfType(() -> impatient.submit("nrp", submission),
                DepartmentUnavailableException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e).isNotNull();
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("部门系统 nrp 暂时无法访问", "超时", "300", "department system nrp");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofMillis(1200));

        // the department recovers; the engine's retry sends the same key, and the slow request is still on its way
        behave("nrp", "{\"mode\": \"NORMAL\"}");
        ItemReceipt retried = adapter.submit("nrp", submission);
        assertThat(retried.done()).isTrue();

        JsonNode items = items("nrp");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (items.get(0).get("submissions").asInt() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            items = items("nrp");
        }
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("reference").asText()).isEqualTo(retried.reference());
        assertThat(items.get(0).get("submissions").asInt()).as("the timed-out POST arrived as well").isEqualTo(2);
    }

    @Test
    void garbageIsUnavailable() {
        behave("amr", "{\"mode\": \"GARBAGE\"}");

        DepartmentUnavailableException e = catchThrowableOfType(() -> adapter.submit("amr", item("SA-2025-0007/amr")),
                DepartmentUnavailableException.class);

        assertThat(e).isNotNull();
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.refused()).isFalse();
        assertThat(e.getMessage()).contains("部门系统 amr 答复无法识别", "<html>", "department system amr answered nonsense");
    }

    @Test
    void pendingQueriesKeepTheItemAcceptedThenItIsDone() throws Exception {
        behave("hrss", "{\"pendingQueries\": 2}");

        ItemReceipt accepted = adapter.submit("hrss", item("SA-2025-0008/hrss-001"));
        assertThat(accepted.status()).isEqualTo("ACCEPTED");
        assertThat(accepted.result()).startsWith("人社局已受理");

        assertThat(adapter.query("hrss", accepted.reference()).status()).isEqualTo("ACCEPTED");
        assertThat(adapter.query("hrss", accepted.reference()).status()).isEqualTo("ACCEPTED");
        ItemReceipt done = adapter.query("hrss", accepted.reference());
        assertThat(done.done()).isTrue();
        assertThat(done.reference()).isEqualTo(accepted.reference());
        assertThat(done.result()).isEqualTo("人社局已办结：公司设立登记（受理号 " + accepted.reference() + "）");
        assertThat(adapter.query("hrss", accepted.reference()).done()).isTrue();
        assertThat(items("hrss").get(0).get("queries").asInt()).isEqualTo(4);
    }

    @Test
    void rejectNextGivesARejectedItemWithTheReason() {
        behave("amr", "{\"rejectNext\": 1}");

        ItemReceipt rejected = adapter.submit("amr", item("SA-2025-0009/amr-001"));
        ItemReceipt next = adapter.submit("amr", item("SA-2025-0010/amr-001"));

        assertThat(rejected.rejected()).isTrue();
        assertThat(rejected.result()).contains("不予受理", "材料不全");
        assertThat(adapter.query("amr", rejected.reference()).rejected()).isTrue();
        assertThat(next.done()).isTrue();
    }

    @Test
    void credentialsConfiguredForOneDepartmentReachTheSimulator() throws Exception {
        HttpDepartmentAdapter configured = adapterWith(Duration.ofSeconds(5),
                Map.of("hrss", new Endpoint(null, null, "qifu-hrss", "${qifu.test.hrss-password:secret}")));

        configured.submit("hrss", item("SA-2025-0011/hrss-001"));
        configured.submit("tax", item("SA-2025-0011/tax-001"));

        JsonNode hrss = items("hrss").get(0);
        assertThat(hrss.get("authorized").asBoolean()).isTrue();
        assertThat(hrss.get("user").asText()).isEqualTo("qifu-hrss");
        JsonNode tax = items("tax").get(0);
        assertThat(tax.get("authorized").asBoolean()).isFalse();
        assertThat(tax.has("user")).isFalse();
    }

    @Test
    void anUnknownReferenceIsARefusalWithAClearMessage() {
        DepartmentUnavailableException e = catchThrowableOfType(() -> adapter.query("amr", "AMR-999999"),
                DepartmentUnavailableException.class);

        assertThat(e).isNotNull();
        assertThat(e.refused()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.departmentCode()).isEqualTo("amr");
        assertThat(e.getMessage()).contains("部门系统 amr 拒绝了请求", "HTTP 404", "AMR-999999",
                "GET http://127.0.0.1:" + port + "/simulator/departments/amr/items/AMR-999999",
                "department system amr refused the request");
    }

    @Test
    void theSimulatorRefusesBadBehaviourAndSubmissionsWithoutKey() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> negative = http.exchange("/simulator/departments/amr/behaviour", HttpMethod.PUT,
                new HttpEntity<>("{\"failNext\": -1}", headers), String.class);
        assertThat(negative.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(negative.getBody()).contains("failNext");

        ResponseEntity<String> unknownMode = http.exchange("/simulator/departments/amr/behaviour", HttpMethod.PUT,
                new HttpEntity<>("{\"mode\": \"ON_FIRE\"}", headers), String.class);
        assertThat(unknownMode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        ResponseEntity<String> withoutKey = http.postForEntity("/simulator/departments/amr/items",
                new HttpEntity<>("{\"itemCode\": \"amr-001\"}", headers), String.class);
        assertThat(withoutKey.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(withoutKey.getBody()).contains("Idempotency-Key");
    }
}
