package cn.qifu.department;

import cn.qifu.department.DepartmentProperties.DepartmentSystem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.PropertyResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriUtils;

/**
 * The {@link DepartmentAdapter} for every department: JSON over HTTP, configured per department through
 * {@link DepartmentProperties}.
 *
 * <ul>
 *   <li>{@code POST {baseUrl}/items}, header {@code Idempotency-Key}, body {@link ItemSubmission} as JSON; 200 or 201
 *       with {@code {"reference", "status", "result"}}.</li>
 *   <li>{@code GET {baseUrl}/items/{reference}}: 200 with the same JSON.</li>
 * </ul>
 *
 * Connection errors, timeouts, 5xx, 429 and anything that is not that JSON (HTML, garbage, a missing reference or
 * status, an unknown status) throw {@link DepartmentUnavailableException}; so does any other 4xx, with a message that
 * says the department refused the request (status code and an excerpt of its answer).
 *
 * <p>Thread-safe: it keeps no state per call. One {@link RestClient} (JDK {@link HttpClient}, HTTP/1.1) is built per
 * distinct timeout and shared; the base URL is resolved on every call, so {@code ${local.server.port}} and changed
 * environment values are picked up.
 */
public class HttpDepartmentAdapter implements DepartmentAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpDepartmentAdapter.class);
    /** As the catalogue's department codes (which are also Camunda group ids). */
    private static final Pattern CODE = Pattern.compile("[a-z0-9]{1,20}");
    /** It travels as an HTTP header: visible ASCII only. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final int MAX_BODY = 1 << 20;
    private static final int EXCERPT = 200;

    private final DepartmentProperties properties;
    private final PropertyResolver placeholders;
    private final ObjectMapper json;
    private final ObjectReader strictReader;
    private final ConcurrentMap<Duration, RestClient> clients = new ConcurrentHashMap<>();

    /**
     * @param properties   where each department's system is
     * @param placeholders resolves the {@code ${...}} of base URLs and credentials at call time (the application's
     *                     {@code Environment})
     * @param json         writes the submissions and reads the answers
     */
    public HttpDepartmentAdapter(DepartmentProperties properties, PropertyResolver placeholders, ObjectMapper json) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.placeholders = Objects.requireNonNull(placeholders, "placeholders");
        this.json = Objects.requireNonNull(json, "json");
        this.strictReader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public ItemReceipt submit(String departmentCode, ItemSubmission submission) {
        checkCode(departmentCode);
        Objects.requireNonNull(submission, "submission");
        if (submission.idempotencyKey() == null || !KEY.matcher(submission.idempotencyKey()).matches()) {
            throw new IllegalArgumentException("提交部门事项必须带幂等键（1–200 个可见 ASCII 字符）/ an item submission needs an "
                    + "idempotencyKey of 1 to 200 visible ASCII characters: " + submission.idempotencyKey());
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(submission);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("事项无法转换为 JSON / the item cannot be written as JSON", e);
        }
        try {
            DepartmentSystem system = resolve(departmentCode);
            return call(system, HttpMethod.POST, uri(system, "/items"), request -> request
                    .header("Idempotency-Key", submission.idempotencyKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body));
        } catch (DepartmentUnavailableException e) {
            log.warn(e.getMessage());
            throw e;
        }
    }

    @Override
    public ItemReceipt query(String departmentCode, String reference) {
        checkCode(departmentCode);
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("查询部门事项必须给出受理号 / a query needs the item's reference");
        }
        try {
            DepartmentSystem system = resolve(departmentCode);
            return call(system, HttpMethod.GET,
                    uri(system, "/items/" + UriUtils.encodePathSegment(reference, StandardCharsets.UTF_8)),
                    request -> { });
        } catch (DepartmentUnavailableException e) {
            log.warn(e.getMessage());
            throw e;
        }
    }

    /** The configuration in effect for one department (defaults applied, placeholders not yet resolved). */
    public DepartmentSystem system(String departmentCode) {
        checkCode(departmentCode);
        return properties.system(departmentCode);
    }

    private static void checkCode(String departmentCode) {
        if (departmentCode == null || !CODE.matcher(departmentCode).matches()) {
            throw new IllegalArgumentException("部门代码无效 / invalid department code: " + departmentCode);
        }
    }

    private DepartmentSystem resolve(String departmentCode) {
        DepartmentSystem configured = properties.system(departmentCode);
        if (configured.baseUrl() == null || configured.baseUrl().isBlank()) {
            throw unavailable(departmentCode, "没有配置地址（qifu.departments.systems." + departmentCode
                    + ".base-url 或 qifu.departments.defaults.base-url）", "no base-url configured", null, null);
        }
        try {
            return configured.resolve(placeholders);
        } catch (IllegalArgumentException e) {
            throw unavailable(departmentCode, "配置中的占位符无法解析：" + e.getMessage(),
                    "a placeholder in its configuration cannot be resolved: " + e.getMessage(), null, e);
        }
    }

    private URI uri(DepartmentSystem system, String path) {
        String base = system.baseUrl().strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            URI uri = URI.create(base + path);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw unavailable(system.code(), "配置的地址无效：" + system.baseUrl(),
                    "its base-url is not a valid http(s) URL: " + system.baseUrl(), null, e);
        }
    }

    private ItemReceipt call(DepartmentSystem system, HttpMethod method, URI uri,
                             Consumer<RestClient.RequestBodySpec> request) {
        String where = method.name() + " " + uri;
        RestClient.RequestBodySpec spec = client(system.timeout()).method(method).uri(uri)
                .accept(MediaType.APPLICATION_JSON);
        if (system.authenticated()) {
            spec.headers(headers -> headers.setBasicAuth(system.username(),
                    system.password() == null ? "" : system.password(), StandardCharsets.UTF_8));
        }
        request.accept(spec);
        Answer answer;
        try {
            answer = spec.exchange((req, res) -> new Answer(res.getStatusCode().value(),
                    read(res.getBody(), charset(res.getHeaders()))), true);
        } catch (RestClientException e) {
            throw unavailable(system.code(), failureZh(e, system.timeout()), failureEn(e, system.timeout()), where, e);
        }
        return receipt(system.code(), where, answer);
    }

    private RestClient client(Duration timeout) {
        return clients.computeIfAbsent(timeout, t -> {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(t)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
            factory.setReadTimeout(t);
            return RestClient.builder().requestFactory(factory).build();
        });
    }

    private ItemReceipt receipt(String code, String where, Answer answer) {
        int status = answer.status();
        if (status >= 500 || status == 429) {
            throw new DepartmentUnavailableException(code, status, false, message(code,
                    "暂时无法访问：部门系统答复 HTTP " + status + "，稍后重试",
                    "is unavailable: it answered HTTP " + status + ", retry later", where, answer.body()), null);
        }
        if (status >= 400) {
            throw new DepartmentUnavailableException(code, status, true, message(code,
                    "拒绝了请求：HTTP " + status + "（请检查地址、受理号或账号配置，重试通常无效）",
                    "refused the request: HTTP " + status
                            + " (check the address, the reference or the credentials; retrying usually does not help)",
                    where, answer.body()), null);
        }
        if (status != 200 && status != 201) {
            throw nonsense(code, where, "答复了 HTTP " + status + "，约定为 200 或 201",
                    "answered HTTP " + status + " where 200 or 201 is agreed", answer, null);
        }
        JsonNode node;
        try {
            node = answer.body().isBlank() ? null : strictReader.readTree(answer.body());
        } catch (IOException e) {
            throw nonsense(code, where, "答复不是 JSON", "its answer is not JSON", answer, e);
        }
        if (node == null || !node.isObject()) {
            throw nonsense(code, where, "答复不是 JSON 对象", "its answer is not a JSON object", answer, null);
        }
        String reference = text(node, "reference");
        String state = text(node, "status");
        if (reference == null || reference.isBlank()) {
            throw nonsense(code, where, "答复缺少受理号 reference", "its answer has no reference", answer, null);
        }
        if (state == null || !ItemReceipt.STATUSES.contains(state)) {
            throw nonsense(code, where, "答复的状态 status 无效：" + state,
                    "its answer has no valid status (ACCEPTED, DONE, REJECTED): " + state, answer, null);
        }
        JsonNode result = node.get("result");
        if (result != null && !result.isNull() && !result.isTextual()) {
            throw nonsense(code, where, "答复的 result 不是文字", "its answer's result is not a string", answer, null);
        }
        return new ItemReceipt(reference, state, result == null || result.isNull() ? null : result.asText());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static DepartmentUnavailableException nonsense(String code, String where, String zh, String en,
                                                           Answer answer, Throwable cause) {
        return new DepartmentUnavailableException(code, answer.status(), false,
                message(code, "答复无法识别：" + zh, "answered nonsense: " + en, where, answer.body()), cause);
    }

    private static DepartmentUnavailableException unavailable(String code, String zh, String en, String where,
                                                              Throwable cause) {
        return new DepartmentUnavailableException(code, 0, false,
                message(code, "暂时无法访问：" + zh, "is unavailable: " + en, where, null), cause);
    }

    private static String message(String code, String zh, String en, String where, String body) {
        StringBuilder text = new StringBuilder("部门系统 ").append(code).append(' ').append(zh);
        if (where != null) {
            text.append(" [").append(where).append(']');
        }
        if (body != null && !body.isBlank()) {
            text.append(" 答复内容 / answer: ").append(excerpt(body));
        }
        return text.append(" / department system ").append(code).append(' ').append(en).toString();
    }

    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }

    private static String failureZh(RestClientException e, Duration timeout) {
        Throwable cause = rootIo(e);
        if (cause instanceof HttpConnectTimeoutException) {
            return "连接超时（" + timeout.toMillis() + " 毫秒）";
        }
        if (cause instanceof HttpTimeoutException) {
            return "等待答复超时（" + timeout.toMillis() + " 毫秒）";
        }
        if (find(e, ConnectException.class)) {
            return "连接被拒绝或无法建立连接（" + describe(e) + "）";
        }
        return "通信中断（" + describe(e) + "）";
    }

    private static String failureEn(RestClientException e, Duration timeout) {
        Throwable cause = rootIo(e);
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + timeout.toMillis() + " ms";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (find(e, ConnectException.class)) {
            return "connection refused or not established (" + describe(e) + ")";
        }
        return "the connection broke (" + describe(e) + ")";
    }

    private static Throwable rootIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return t;
            }
        }
        return e.getCause();
    }

    private static boolean find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Every cause below the RestClientException: class name and message, e.g. "ConnectException < ClosedChannelException". */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = e.getCause() != null ? e.getCause() : e; t != null && depth < 4; t = t.getCause(), depth++) {
            if (text.length() > 0) {
                text.append(" < ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                text.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    private static Charset charset(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        return type != null && type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    }

    private static String read(InputStream body, Charset charset) throws IOException {
        if (body == null) {
            return "";
        }
        try (body) {
            return new String(body.readNBytes(MAX_BODY), charset);
        }
    }

    private record Answer(int status, String body) {
    }
}
