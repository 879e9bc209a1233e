package cn.qifu.department.simulator;

import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import cn.qifu.department.ItemReceipt;
import cn.qifu.department.ItemSubmission;
import cn.qifu.system.ApiError;
import cn.qifu.system.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The department simulator: stands in for EVERY department's system, each under
 * {@code /simulator/departments/{code}}, speaking the contract of {@link cn.qifu.department.DepartmentAdapter}
 * ({@code POST .../items} with an {@code Idempotency-Key}, {@code GET .../items/{reference}}). Items are kept in
 * memory per department; references look like {@code AMR-000001}.
 *
 * <p>Tests and demonstrations steer it per department:
 * <ul>
 *   <li>{@code PUT .../behaviour} {@code {"mode": "NORMAL|DOWN|SLOW|GARBAGE", "failNext": 0, "delayMillis": 0,
 *       "pendingQueries": 0, "rejectNext": 0}} (see {@link Behaviour}); {@code GET .../behaviour} reads it back</li>
 *   <li>{@code GET .../items}: every item with its idempotency key, how many submissions arrived with that key and
 *       whether they were authorized</li>
 *   <li>{@code DELETE /simulator/departments/{code}}: forgets that department's items and behaviour</li>
 * </ul>
 *
 * <p><b>Deliberately open: no authentication at all</b> (the application's authentication filters cover only
 * {@code /api/*} and {@code /engine-rest/*}). It therefore exists only when {@code qifu.simulator.enabled=true}, which
 * the demo profile and the tests set; a production start without the demo profile has no simulator. It accepts any
 * Authorization header and only records whether one came.
 */
@RestController
@RequestMapping("/simulator/departments/{code}")
@ConditionalOnProperty(prefix = "qifu.simulator", name = "enabled", havingValue = "true")
public class DepartmentSimulator {

    private static final Logger log = LoggerFactory.getLogger(DepartmentSimulator.class);
    private static final Pattern CODE = Pattern.compile("[a-z0-9]{1,20}");
    /** A SLOW department never keeps a request thread longer than this. */
    static final long MAX_DELAY_MILLIS = 120_000;

    private final ConcurrentMap<String, SimulatedDepartment> departments = new ConcurrentHashMap<>();
    private final ObjectProvider<CatalogService> catalog;

    public DepartmentSimulator(ObjectProvider<CatalogService> catalog) {
        this.catalog = catalog;
        log.warn("部门模拟器已启用（无认证），仅用于演示和测试 / the department simulator is enabled (no authentication): "
                + "demo and tests only");
    }

    @PostMapping("/items")
    public ResponseEntity<Object> submit(@PathVariable String code,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                         @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                         String authorization,
                                         @RequestBody ItemSubmission submission) {
        SimulatedDepartment department = department(code);
        ResponseEntity<Object> refusal = gate(code, department);
        if (refusal != null) {
            return refusal;
        }
        if (key == null || key.isBlank()) {
            throw ApiException.invalid("Idempotency-Key", "REQUIRED", "必须带幂等键 Idempotency-Key 请求头");
        }
        SimulatedDepartment.Submitted submitted = department.submit(key, submission, authorization,
                basicUser(authorization), departmentName(code));
        log.info("模拟部门 {} 收到事项 {}（幂等键 {}）：{}", code, submitted.receipt().reference(), key,
                submitted.created() ? "新建" : "重复提交");
        return ResponseEntity.status(submitted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .contentType(MediaType.APPLICATION_JSON).body(submitted.receipt());
    }

    @GetMapping("/items/{reference}")
    public ResponseEntity<Object> query(@PathVariable String code, @PathVariable String reference) {
        SimulatedDepartment department = department(code);
        ResponseEntity<Object> refusal = gate(code, department);
        if (refusal != null) {
            return refusal;
        }
        ItemReceipt receipt = department.query(reference).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                ApiError.of("NOT_FOUND", "模拟部门 " + code + " 没有受理号为 " + reference + " 的事项")));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(receipt);
    }

    @GetMapping("/items")
    public List<SimulatedItem> items(@PathVariable String code) {
        return department(code).items();
    }

    @GetMapping("/behaviour")
    public Behaviour behaviour(@PathVariable String code) {
        return department(code).behaviour();
    }

    @PutMapping("/behaviour")
    public Behaviour behave(@PathVariable String code, @RequestBody Behaviour behaviour) {
        if (behaviour.failNext() < 0) {
            throw ApiException.invalid("failNext", "NEGATIVE", "不能为负数");
        }
        if (behaviour.pendingQueries() < 0) {
            throw ApiException.invalid("pendingQueries", "NEGATIVE", "不能为负数");
        }
        if (behaviour.rejectNext() < 0) {
            throw ApiException.invalid("rejectNext", "NEGATIVE", "不能为负数");
        }
        if (behaviour.delayMillis() < 0 || behaviour.delayMillis() > MAX_DELAY_MILLIS) {
            throw ApiException.invalid("delayMillis", "OUT_OF_RANGE", "应在 0 到 " + MAX_DELAY_MILLIS + " 毫秒之间");
        }
        department(code).behaviour(behaviour);
        log.info("模拟部门 {} 的行为：{}", code, behaviour);
        return behaviour;
    }

    /** Forgets the department's items and behaviour; a request still waiting (SLOW) finishes on the forgotten one. */
    @DeleteMapping
    public ResponseEntity<Void> reset(@PathVariable String code) {
        checkCode(code);
        departments.remove(code);
        return ResponseEntity.noContent().build();
    }

    private SimulatedDepartment department(String code) {
        checkCode(code);
        return departments.computeIfAbsent(code, SimulatedDepartment::new);
    }

    private static void checkCode(String code) {
        if (!CODE.matcher(code).matches()) {
            throw ApiException.invalid("code", "INVALID_FORMAT", "部门代码只能是小写字母和数字，最长 20 位");
        }
    }

    /** The answer instead of handling the request, or null to handle it (after waiting when SLOW). */
    private static ResponseEntity<Object> gate(String code, SimulatedDepartment department) {
        switch (department.admit()) {
            case FAIL:
                return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                        .body(ApiError.of("SIMULATED_FAILURE", "模拟部门 " + code + " 内部错误（failNext）"));
            case DOWN:
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                        .body(ApiError.of("SIMULATED_DOWN", "模拟部门 " + code + " 系统停机"));
            case GARBAGE:
                return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                        .body("<!DOCTYPE html><html><head><title>系统维护中</title></head><body><h1>系统维护中</h1>"
                                + "<p>" + code + " 政务服务系统正在升级，请稍后访问。</p></body></html>");
            case SLOW:
                try {
                    Thread.sleep(department.behaviour().delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
                }
                return null;
            default:
                return null;
        }
    }

    private String departmentName(String code) {
        try {
            CatalogService service = catalog.getIfAvailable();
            if (service != null) {
                return service.department(code).map(Department::name).orElse(code);
            }
        } catch (RuntimeException e) {
            log.debug("no catalogue name for {}: {}", code, e.getMessage());
        }
        return code;
    }

    private static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
