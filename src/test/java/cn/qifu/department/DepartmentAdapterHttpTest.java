package cn.qifu.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.qifu.department.DepartmentProperties.Endpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The adapter's side of the contract against a department system that answers exactly what each test tells it to,
 * over real HTTP on loopback (the JDK's own HTTP server): what goes out, and which answers are nonsense.
 */
class DepartmentAdapterHttpTest {

    private static final ItemSubmission SUBMISSION = new ItemSubmission("SA-2025-0001/amr-001", "amr-001", "公司设立登记",
            "SA-2025-0001", "91330521MA2B3C4D5Q", "浙江示例科技有限公司", List.of("营业执照申请书", "章程"));

    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<Recorded> received = new LinkedBlockingQueue<>();
    private volatile Canned answer;
    private HttpServer server;
    private String baseUrl;

    record Canned(int status, String contentType, String body) {
    }

    record Recorded(String method, String path, String rawPath, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeEach
    void startDepartmentSystem() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            received.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawPath(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(in, StandardCharsets.UTF_8)));
            Canned canned = answer;
            byte[] out = canned.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", canned.contentType());
            exchange.sendResponseHeaders(canned.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/gateway/{code}/";
    }

    @AfterEach
    void stopDepartmentSystem() {
        server.stop(0);
    }

    private HttpDepartmentAdapter adapter(Endpoint defaults, Map<String, Endpoint> systems) {
        return new HttpDepartmentAdapter(new DepartmentProperties(defaults, systems), new MockEnvironment(), json);
    }

    private HttpDepartmentAdapter adapter() {
        return adapter(new Endpoint(baseUrl, Duration.ofSeconds(2), null, null), Map.of());
    }

    private void answer(int status, String body) {
        answer = new Canned(status, "application/json; charset=utf-8", body);
    }

    private Recorded lastRequest() throws InterruptedException {
        Recorded request = received.poll(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the department system").isNotNull();
        return request;
    }

    @Test
    void submitPostsTheItemAsJsonWithTheIdempotencyKeyAndReadsTheReceipt() throws Exception {
        answer(201, "{\"reference\":\"AMR-1\",\"status\":\"ACCEPTED\",\"result\":\"已受理\",\"extra\":1}");

        ItemReceipt receipt = adapter().submit("amr", SUBMISSION);

        assertThat(receipt).isEqualTo(new ItemReceipt("AMR-1", "ACCEPTED", "已受理"));
        assertThat(receipt.done()).isFalse();
        Recorded request = lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/gateway/amr/items");
        assertThat(request.header("Idempotency-Key")).isEqualTo("SA-2025-0001/amr-001");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Authorization")).isNull();
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("idempotencyKey").asText()).isEqualTo("SA-2025-0001/amr-001");
        assertThat(body.get("itemName").asText()).isEqualTo("公司设立登记");
        assertThat(body.get("enterpriseName").asText()).isEqualTo("浙江示例科技有限公司");
        assertThat(body.get("materials")).hasSize(2);
        assertThat(json.treeToValue(body, ItemSubmission.class)).isEqualTo(SUBMISSION);
    }

    @Test
    void queryGetsTheItemByItsEncodedReference() throws Exception {
        answer(200, "{\"reference\":\"TAX/2025 01\",\"status\":\"DONE\",\"result\":\"税务局已办结\"}");

        ItemReceipt receipt = adapter().query("tax", "TAX/2025 01");

        assertThat(receipt.done()).isTrue();
        assertThat(receipt.result()).isEqualTo("税务局已办结");
        Recorded request = lastRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isEqualTo("/gateway/tax/items/TAX%2F2025%2001");
    }

    @Test
    void credentialsGoAsHttpBasicInUtf8() throws Exception {
        answer(200, "{\"reference\":\"HRSS-1\",\"status\":\"REJECTED\",\"result\":\"材料不全\"}");
        HttpDepartmentAdapter adapter = adapter(new Endpoint(baseUrl, Duration.ofSeconds(2), null, null),
                Map.of("hrss", new Endpoint(null, null, "人社接口", "pa:ss")));

        ItemReceipt receipt = adapter.submit("hrss", SUBMISSION);

        assertThat(receipt.rejected()).isTrue();
        String authorization = lastRequest().header("Authorization");
        assertThat(authorization).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("人社接口:pa:ss");
    }

    @Test
    void answersThatAreNotTheContractAreUnavailable() {
        HttpDepartmentAdapter adapter = adapter();
        for (String body : List.of(
                "{\"status\":\"DONE\",\"result\":\"no reference\"}",
                "{\"reference\":\"\",\"status\":\"DONE\"}",
                "{\"reference\":\"AMR-1\"}",
                "{\"reference\":\"AMR-1\",\"status\":\"FINISHED\"}",
                "{\"reference\":\"AMR-1\",\"status\":\"done\"}",
                "{\"reference\":42,\"status\":\"DONE\"}",
                "{\"reference\":\"AMR-1\",\"status\":\"DONE\",\"result\":{\"text\":\"x\"}}",
                "[{\"reference\":\"AMR-1\",\"status\":\"DONE\"}]",
                "{\"reference\":\"AMR-1\",\"status\":\"DONE\"} trailing garbage",
                "\"DONE\"",
                "",
                "<html><body>502 Bad Gateway</body></html>")) {
            answer(200, body);
            DepartmentUnavailableException e = catchThrowableOfType(
                    () -> adapter.submit("amr", SUBMISSION), DepartmentUnavailableException.class);
            assertThat(e).as("answer %s", body).isNotNull();
            assertThat(e.departmentCode()).isEqualTo("amr");
            assertThat(e.refused()).isFalse();
            assertThat(e.getMessage()).contains("部门系统 amr", "答复无法识别", "department system amr", "answered nonsense");
        }
        answer(204, "");
        assertThatThrownBy(() -> adapter.submit("amr", SUBMISSION))
                .isInstanceOf(DepartmentUnavailableException.class).hasMessageContaining("HTTP 204");
    }

    @Test
    void serverErrorsAndTooManyRequestsAreUnavailableNotRefused() {
        for (int status : new int[] {500, 502, 503, 429}) {
            answer(status, "{\"code\":\"BUSY\"}");
            DepartmentUnavailableException e = catchThrowableOfType(
                    () -> adapter().query("amr", "AMR-1"), DepartmentUnavailableException.class);
            assertThat(e).as("HTTP %s", status).isNotNull();
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.refused()).isFalse();
            assertThat(e.getMessage()).contains("amr", "HTTP " + status, "暂时无法访问", "is unavailable");
        }
    }

    @Test
    void otherClientErrorsSayTheDepartmentRefusedWithStatusAndBodyExcerpt() {
        answer(403, "{\"code\":\"FORBIDDEN\",\"message\":\"账号无权调用该接口\"}" + " ".repeat(50) + "x".repeat(500));

        DepartmentUnavailableException e = catchThrowableOfType(
                () -> adapter().submit("psb", SUBMISSION), DepartmentUnavailableException.class);

        assertThat(e.refused()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("部门系统 psb 拒绝了请求", "HTTP 403", "账号无权调用该接口",
                "department system psb refused the request", "POST http://127.0.0.1:");
        assertThat(e.getMessage()).doesNotContain("x".repeat(300));
    }

    @Test
    void aSystemNobodyListensOnIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpDepartmentAdapter adapter = adapter(
                new Endpoint("http://127.0.0.1:" + closedPort + "/{code}", Duration.ofSeconds(2), null, null), Map.of());

        assertThatThrownBy(() -> adapter.submit("tax", SUBMISSION))
                .isInstanceOf(DepartmentUnavailableException.class)
                .hasMessageContaining("部门系统 tax 暂时无法访问：连接被拒绝")
                .hasMessageContaining("department system tax is unavailable")
                .satisfies(e -> assertThat(((DepartmentUnavailableException) e).httpStatus()).isZero());
    }

    @Test
    void misconfigurationIsReportedByNameAndBadCallsAreRefusedBeforeAnyHttp() {
        HttpDepartmentAdapter unconfigured = adapter(new Endpoint(null, null, null, null), Map.of());
        assertThatThrownBy(() -> unconfigured.submit("amr", SUBMISSION))
                .isInstanceOf(DepartmentUnavailableException.class)
                .hasMessageContaining("qifu.departments.systems.amr.base-url");

        HttpDepartmentAdapter unresolved = adapter(
                new Endpoint("http://127.0.0.1:${no.such.port}/{code}", null, null, null), Map.of());
        assertThatThrownBy(() -> unresolved.query("amr", "AMR-1"))
                .isInstanceOf(DepartmentUnavailableException.class).hasMessageContaining("no.such.port");

        HttpDepartmentAdapter adapter = adapter();
        assertThatThrownBy(() -> adapter.submit("../admin", SUBMISSION)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> adapter.submit("amr", new ItemSubmission(" ", "amr-001", "公司设立登记", "SA-1",
                null, null, null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idempotencyKey");
        assertThatThrownBy(() -> adapter.submit("amr", new ItemSubmission("申报-1", "amr-001", "公司设立登记", "SA-1",
                null, null, null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ASCII");
        assertThatThrownBy(() -> adapter.query("amr", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(received).isEmpty();
    }
}
