package cn.qifu.scenario;

import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import cn.qifu.identity.CurrentUser;
import cn.qifu.identity.Role;
import cn.qifu.system.ApiException;
import cn.qifu.system.IdempotencyKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The 一类事 catalogue with its service guides, and the applications the channels submit for them. The writes say
 * they answer JSON, so that a client accepting nothing else is refused (406) before anything is stored.
 */
@RestController
class ScenarioController {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<String> RATINGS = List.of("SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED");

    private final ScenarioCatalog catalog;
    private final ScenarioService scenarios;
    private final CatalogService departments;

    ScenarioController(ScenarioCatalog catalog, ScenarioService scenarios, CatalogService departments) {
        this.catalog = catalog;
        this.scenarios = scenarios;
        this.departments = departments;
    }

    @GetMapping("/api/scenarios")
    List<Map<String, Object>> list() {
        return catalog.all().stream().map(s -> summary(s, false)).toList();
    }

    /** One scenario with its service guide: what to bring, how long, who handles, and every item. */
    @GetMapping("/api/scenarios/{code}")
    Map<String, Object> get(@PathVariable String code) {
        return summary(scenarios.scenario(code), true);
    }

    @PostMapping(value = "/api/scenarios/{code}/applications", consumes = "application/json",
            produces = "application/json")
    ResponseEntity<Map<String, Object>> apply(@PathVariable String code, @RequestBody ApplicationRequest request,
                                              @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                              HttpServletRequest http) {
        CurrentUser user = CurrentUser.of(http);
        String scopedKey = IdempotencyKeys.scoped(user.userId(), key);
        return IdempotencyKeys.oneAtATime(scopedKey, () -> applyOnce(code, request, user, scopedKey));
    }

    private ResponseEntity<Map<String, Object>> applyOnce(String code, ApplicationRequest request, CurrentUser user,
                                                          String scopedKey) {
        if (scopedKey != null) {
            var first = scenarios.byIdempotencyKey(scopedKey);
            if (first.isPresent()) {
                return ResponseEntity.created(URI.create("/api/applications/" + first.get().id()))
                        .header("Idempotency-Replayed", "true").body(view(first.get()));
            }
        }
        Application application;
        try {
            application = scenarios.apply(code, request, user.userId(), scopedKey);
        } catch (DataIntegrityViolationException raced) {
            Application first = scopedKey == null ? null : scenarios.byIdempotencyKey(scopedKey).orElse(null);
            if (first == null) {
                throw raced;
            }
            return ResponseEntity.created(URI.create("/api/applications/" + first.id()))
                    .header("Idempotency-Replayed", "true").body(view(first));
        }
        return ResponseEntity.created(URI.create("/api/applications/" + application.id())).body(view(application));
    }

    @GetMapping("/api/applications/{id}")
    Map<String, Object> application(@PathVariable long id, HttpServletRequest http) {
        return view(visible(id, CurrentUser.of(http)));
    }

    /** From the enterprise's channel: the materials the one-time notice asked for. */
    @PostMapping(value = "/api/applications/{id}/materials", consumes = "application/json",
            produces = "application/json")
    Map<String, Object> materials(@PathVariable long id, @RequestBody Map<String, Object> body, HttpServletRequest http) {
        CurrentUser user = CurrentUser.of(http);
        Application application = actingForEnterprise(id, user);
        Object materials = body.get("materials");
        if (!(materials instanceof List<?> list) || list.stream().anyMatch(m -> !(m instanceof String))) {
            throw ApiException.invalid("materials", "INVALID_TYPE", "应为材料名称的列表");
        }
        scenarios.supplyMaterials(application.id(), list.stream().map(Object::toString).toList(), user.userId());
        return view(scenarios.get(id));
    }

    @PostMapping(value = "/api/applications/{id}/evaluation", consumes = "application/json",
            produces = "application/json")
    Map<String, Object> evaluate(@PathVariable long id, @RequestBody Map<String, Object> body, HttpServletRequest http) {
        CurrentUser user = CurrentUser.of(http);
        Application application = actingForEnterprise(id, user);
        Object rating = body.get("rating");
        if (!(rating instanceof String text) || !RATINGS.contains(text)) {
            throw ApiException.invalid("rating", rating == null ? "REQUIRED" : "UNKNOWN_VALUE",
                    "评价应为 SATISFIED（满意）、BASICALLY_SATISFIED（基本满意）或 UNSATISFIED（不满意）");
        }
        Object comment = body.get("comment");
        if (comment != null && (!(comment instanceof String c) || c.length() > 1000)) {
            throw ApiException.invalid("comment", "INVALID_VALUE", "应为不超过1000个字的文本");
        }
        scenarios.evaluate(application.id(), (String) rating, (String) comment, user.userId());
        return view(scenarios.get(id));
    }

    private Application visible(long id, CurrentUser user) {
        Application application;
        try {
            application = scenarios.get(id);
        } catch (ApiException notFound) {
            throw ApiException.notFound("申请 " + id);
        }
        boolean staff = user.isCenterStaff();
        boolean involved = scenarios.items(id).stream().anyMatch(i -> user.isMemberOf(i.departmentCode()));
        if (!staff && !involved && !user.userId().equals(application.submittedBy())) {
            throw ApiException.notFound("申请 " + id);
        }
        return application;
    }

    private Application actingForEnterprise(long id, CurrentUser user) {
        Application application = visible(id, user);
        if (!user.userId().equals(application.submittedBy()) && !user.isIn(Role.FRONTDESK)
                && !user.isMemberOf("camunda-admin")) {
            throw ApiException.forbidden("只有提交该申请的渠道或综合受理窗口可以代表企业操作");
        }
        return application;
    }

    private Map<String, Object> summary(Scenario s, boolean detailed) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", s.code());
        view.put("name", s.name());
        view.put("kind", s.kind());
        view.put("topic", s.topic());
        view.put("board", s.board());
        view.put("timeLimitDays", s.timeLimitDays());
        view.put("leadDepartment", department(s.leadDepartment()));
        view.put("cooperatingDepartments", s.cooperatingDepartments() == null ? List.of()
                : s.cooperatingDepartments().stream().map(this::department).toList());
        List<Map<String, Object>> basic = new ArrayList<>();
        int order = 0;
        for (List<Scenario.BasicItem> layer : ScenarioCatalog.layers(s)) {
            order++;
            for (Scenario.BasicItem item : layer) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("code", item.code());
                b.put("name", item.name());
                b.put("department", department(item.department()));
                b.put("timeLimitDays", item.timeLimitDays());
                b.put("step", order);
                b.put("dependsOn", item.dependsOn() == null ? List.of() : item.dependsOn());
                if (detailed) {
                    b.put("materials", item.materials());
                }
                basic.add(b);
            }
        }
        view.put("basicItems", basic);
        view.put("valueAddedItems", s.valueAddedItems().stream().map(v -> Map.of("code", v.code(), "name", v.name(),
                "provider", department(v.provider()), "side", v.side())).toList());
        if (detailed) {
            view.put("guide", Map.of("materials", s.guide().materials(), "howLong", s.guide().howLong(),
                    "whoHandles", s.guide().whoHandles()));
        }
        return view;
    }

    private Map<String, String> department(String code) {
        return Map.of("code", code, "name", departments.department(code).map(Department::name).orElse(code));
    }

    private Map<String, Object> view(Application a) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", a.id());
        view.put("number", a.applicationNo());
        view.put("scenario", a.scenarioCode());
        view.put("status", a.status().name());
        view.put("statusName", a.status().label());
        view.put("creditCode", a.creditCode());
        view.put("enterpriseName", a.enterpriseName());
        view.put("light", a.light());
        view.put("overdue", a.overdue());
        view.put("deadline", at(a.deadlineAt()));
        view.put("dueDate", a.dueDate());
        view.put("missingMaterials", a.missingMaterials() == null ? List.of() : List.of(a.missingMaterials().split("\n")));
        view.put("result", a.result());
        view.put("rating", a.rating());
        view.put("ratingByDefault", a.ratingByDefault());
        view.put("followUpProblemId", a.followUpProblemId());
        view.put("items", scenarios.items(a.id()).stream().map(i -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", i.itemCode());
            item.put("kind", i.kind());
            item.put("name", i.name());
            item.put("department", department(i.departmentCode()));
            item.put("status", i.status());
            item.put("reference", i.reference());
            item.put("result", i.result());
            item.put("due", at(i.dueAt()));
            item.put("doneAt", at(i.doneAt()));
            return item;
        }).toList());
        view.put("timeline", scenarios.timeline(a.id()).stream().map(e -> Map.of("at", at(e.occurredAt()),
                "actor", e.actor(), "action", e.action(), "detail", e.detail() == null ? "" : e.detail())).toList());
        return view;
    }

    private static Object at(Instant instant) {
        return instant == null ? "" : OffsetDateTime.ofInstant(instant, ZONE).toString();
    }
}
