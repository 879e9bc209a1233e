package cn.qifu.scenario;

import static cn.qifu.deadline.EngineClock.now;

import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import cn.qifu.deadline.DeadlinePlan;
import cn.qifu.deadline.WorkingDayCalendar;
import cn.qifu.department.DepartmentAdapter;
import cn.qifu.notification.NotificationService;
import cn.qifu.department.ItemReceipt;
import cn.qifu.department.ItemSubmission;
import cn.qifu.problem.Problem;
import cn.qifu.problem.ProblemService;
import cn.qifu.problem.ProblemSubmission;
import cn.qifu.system.ApiException;
import cn.qifu.system.FormText;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every step of a 一类事 application as it changes the ledger, in the transaction of the process step that calls it.
 * The order of the steps is the BPMN (processes/scenarios/); {@link ScenarioSteps} translates between the two.
 */
@Service
@Transactional
public class ScenarioService {

    public static final String APPLICATION_PROCESS = "scenarioApplication";
    static final String MATERIALS_SUPPLIED = "scenarioMaterialsSupplied";
    static final String EVALUATED = "scenarioEvaluated";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final ApplicationMapper ledger;
    private final ScenarioCatalog scenarios;
    private final WorkingDayCalendar calendar;
    private final CatalogService catalog;
    private final DepartmentAdapter departments;
    private final ProblemService problems;
    private final RuntimeService runtime;
    private final NotificationService notifications;

    ScenarioService(ApplicationMapper ledger, ScenarioCatalog scenarios, WorkingDayCalendar calendar,
                    CatalogService catalog, DepartmentAdapter departments, ProblemService problems,
                    ProcessEngine engine, NotificationService notifications) {
        this.notifications = notifications;
        this.ledger = ledger;
        this.scenarios = scenarios;
        this.calendar = calendar;
        this.catalog = catalog;
        this.departments = departments;
        this.problems = problems;
        this.runtime = engine.getRuntimeService();
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Application get(long id) {
        Application application = ledger.byId(id);
        if (application == null) {
            throw ApiException.notFound("申请 " + id);
        }
        return application;
    }

    @Transactional(readOnly = true)
    public List<ApplicationItem> items(long id) {
        return ledger.items(id);
    }

    @Transactional(readOnly = true)
    public List<ApplicationMapper.ApplicationEvent> timeline(long id) {
        return ledger.timeline(id);
    }

    @Transactional(readOnly = true)
    public Optional<Application> byNumber(String applicationNo) {
        return Optional.ofNullable(ledger.byNumber(applicationNo));
    }

    @Transactional(readOnly = true)
    public Optional<Application> byIdempotencyKey(String key) {
        return Optional.ofNullable(ledger.byIdempotencyKey(key));
    }

    public Scenario scenario(String code) {
        return scenarios.find(code).orElseThrow(() -> ApiException.notFound("一类事 " + code));
    }

    Scenario scenarioOf(long applicationId) {
        return scenario(get(applicationId).scenarioCode());
    }

    // ---- 申请 ------------------------------------------------------------------------------------------------------

    /** An application from a channel: stored with its items and its process started, in one transaction. */
    public Application apply(String scenarioCode, ApplicationRequest request, String submittedBy, String idempotencyKey) {
        Application application = register(scenarioCode, request, submittedBy, idempotencyKey);
        runtime.createProcessInstanceByKey(APPLICATION_PROCESS).businessKey(application.applicationNo())
                .setVariable("applicationId", application.id()).execute();
        return get(application.id());
    }

    /** Writes the application and its items after checking every field; refuses with all the faults at once. */
    public Application register(String scenarioCode, ApplicationRequest request, String submittedBy,
                                String idempotencyKey) {
        Scenario scenario = scenario(scenarioCode);
        ApplicationRequest r = new ApplicationRequest(upper(request.creditCode()), trim(request.enterpriseName()),
                trim(request.contactName()), trim(request.contactPhone()), upper(request.channel()),
                request.valueAddedItems(), request.providedMaterials(), request.basicItems());
        var faults = r.problems(scenario);
        if (!faults.isEmpty()) {
            throw ApiException.invalid(faults);
        }
        Instant now = now();
        ApplicationMapper.NewApplication row = new ApplicationMapper.NewApplication();
        row.scenarioCode = scenario.code();
        row.creditCode = r.creditCode();
        row.enterpriseName = r.enterpriseName();
        row.contactName = r.contactName();
        row.contactPhone = r.contactPhone();
        row.channel = r.channel();
        row.providedMaterials = String.join("\n", ApplicationRequest.list(r.providedMaterials()));
        row.submittedBy = submittedBy;
        row.idempotencyKey = idempotencyKey;
        ledger.insert(row, now);
        long id = row.id;
        update(id, Map.of("application_no", "SX" + DAY.format(now.atZone(calendar.zone())) + "-" + String.format("%06d", id)));
        Set<String> applicable = new LinkedHashSet<>(ApplicationRequest.list(r.basicItems()));
        for (Scenario.BasicItem item : scenario.basicItems()) {
            ledger.addItem(id, item.code(), "BASIC", item.name(), item.department());
            if (!applicable.isEmpty() && !applicable.contains(item.code())) {
                ledger.updateItem(id, item.code(), "SKIPPED", null, "本次申请不涉及", null, null, null, null);
            }
        }
        for (String code : new LinkedHashSet<>(ApplicationRequest.list(r.valueAddedItems()))) {
            Scenario.ValueAddedItem item = scenario.valueAddedItem(code);
            ledger.addItem(id, code, "VALUE_ADDED", item.name(), item.provider());
        }
        event(id, submittedBy, "SUBMITTED", "申请「" + scenario.name() + "」");
        return get(id);
    }

    public void linkProcess(long id, String processInstanceId) {
        update(id, Map.of("process_instance_id", processInstanceId));
    }

    // ---- 材料审核（一次告知） -----------------------------------------------------------------------------------------

    /** What the service guide asks for, less what the enterprise said it brought: the checklist of the front desk. */
    @Transactional(readOnly = true)
    public List<String> requiredMaterials(long id) {
        return scenarioOf(id).guide().materials();
    }

    /** Records the check; everything missing is told to the enterprise in one notice (一次告知). */
    public boolean checkMaterials(long id, List<String> missing, String actor) {
        List<String> required = requiredMaterials(id);
        for (String m : missing) {
            if (!required.contains(m)) {
                throw ApiException.invalid("missingMaterials", "UNKNOWN_VALUE", "「" + m + "」不在办事指南的材料清单中");
            }
        }
        if (missing.isEmpty()) {
            event(id, actor, "MATERIALS_COMPLETE", "材料齐全");
            return true;
        }
        Map<String, Object> values = new HashMap<>();
        values.put("status", ApplicationStatus.MATERIALS_MISSING.name());
        values.put("missing_materials", String.join("\n", missing));
        update(id, values);
        event(id, actor, "MATERIALS_NOTICE", "一次性告知需补正的全部材料：" + String.join("、", missing));
        return false;
    }

    /** From the enterprise's channel: the missing materials, supplied; the front desk checks them again. */
    public void supplyMaterials(long id, List<String> supplied, String actor) {
        Application application = get(id);
        if (application.status() != ApplicationStatus.MATERIALS_MISSING) {
            throw ApiException.conflict("NOT_WAITING_FOR_MATERIALS", "该申请当前没有待补正的材料（状态："
                    + application.status().label() + "）");
        }
        if (supplied == null || supplied.isEmpty() || supplied.size() > ApplicationRequest.MAX_MATERIALS
                || supplied.stream().anyMatch(ApplicationRequest::isBadMaterialName)) {
            throw ApiException.invalid("materials", "REQUIRED", "请列出补交的材料名称（每项不超过200个字、不含换行，最多"
                    + ApplicationRequest.MAX_MATERIALS + "项）");
        }
        String provided = (application.providedMaterials() == null ? "" : application.providedMaterials() + "\n")
                + String.join("\n", supplied);
        String detail = "补交：" + String.join("、", supplied);
        // both are stored in columns of 4,000 characters
        int max = ApplicationRequest.MAX_MATERIALS_TEXT;
        if (provided.length() > max || detail.length() > max) {
            throw ApiException.invalid("materials", "TOO_LONG", "材料清单合计不能超过" + max + "个字");
        }
        Map<String, Object> values = new HashMap<>();
        values.put("status", ApplicationStatus.SUBMITTED.name());
        values.put("provided_materials", provided);
        update(id, values);
        event(id, actor, "MATERIALS_SUPPLIED", detail);
        runtime.createMessageCorrelation(MATERIALS_SUPPLIED).processInstanceId(application.processInstanceId()).correlate();
    }

    /** Value-added items the enterprise asked for at the window (the front desk adds them during the check). */
    public void addValueAdded(long id, List<String> codes, String actor) {
        Scenario scenario = scenarioOf(id);
        Set<String> present = ledger.items(id).stream().map(ApplicationItem::itemCode).collect(java.util.stream.Collectors.toSet());
        for (String code : new LinkedHashSet<>(codes)) {
            if (scenario.valueAddedItems().stream().noneMatch(v -> v.code().equals(code))) {
                throw ApiException.invalid("valueAddedChosen", "UNKNOWN_VALUE", "「" + scenario.name() + "」没有编码为 " + code + " 的增值服务");
            }
            if (present.add(code)) {
                Scenario.ValueAddedItem item = scenario.valueAddedItem(code);
                ledger.addItem(id, code, "VALUE_ADDED", item.name(), item.provider());
                event(id, actor, "VALUE_ADDED_CHOSEN", item.name());
            }
        }
    }

    // ---- 限时办理 --------------------------------------------------------------------------------------------------

    /** Materials complete: the scenario's overall time limit starts, on the working-day calendar. */
    public DeadlinePlan startHandling(long id, String actor) {
        Scenario scenario = scenarioOf(id);
        Instant now = now();
        int days = scenario.timeLimitDays();
        DeadlinePlan plan = DeadlinePlan.of(calendar, new DeadlinePlan.Terms(now, days, 0, Duration.ZERO,
                days > 1 ? 1 : 0, 2));
        Map<String, Object> values = new HashMap<>();
        values.put("status", ApplicationStatus.HANDLING.name());
        values.put("accepted_at", now);
        values.put("deadline_at", plan.deadlineAt());
        values.put("due_date", plan.dueDate());
        values.put("warning_at", plan.warningAt());
        values.put("escalate_at", plan.escalateAt());
        values.put("deadline_provisional", plan.provisional());
        update(id, values);
        event(id, actor, "ACCEPTED", "受理，总办理时限 " + days + " 个工作日，" + problems.deadlineText(plan));
        return plan;
    }

    /** A basic item about to be handled: its own deadline, or SKIPPED when it does not apply. */
    public Optional<ItemTask> prepareItem(long id, String itemCode) {
        Scenario.BasicItem item = scenarioOf(id).basicItem(itemCode);
        ApplicationItem row = ledger.item(id, itemCode);
        if ("SKIPPED".equals(row.status())) {
            return Optional.empty();
        }
        Instant now = now();
        Instant due = calendar.deadline(now, item.timeLimitDays()).at();
        ledger.updateItem(id, itemCode, "PENDING", null, null, due, now, null, null);
        return Optional.of(new ItemTask(item.code(), item.name(), item.department(), departmentName(item.department()), due));
    }

    /** A basic item ready for its department, with its own deadline on the working-day calendar. */
    public record ItemTask(String code, String name, String department, String departmentName, Instant dueAt) {
    }

    /**
     * Sends the item to the department's system. The idempotency key is the application number and the item code,
     * so a retry (after a timeout, on any node) never registers it twice. Returns whether the department finished it.
     */
    public boolean submitItem(long id, String itemCode) {
        Application application = get(id);
        Scenario.BasicItem item = scenario(application.scenarioCode()).basicItem(itemCode);
        ItemReceipt receipt = departments.submit(item.department(), new ItemSubmission(
                application.applicationNo() + ":" + itemCode, itemCode, item.name(), application.applicationNo(),
                application.creditCode(), application.enterpriseName(), item.materials()));
        return recordReceipt(id, item, receipt, "ITEM_SUBMITTED");
    }

    public boolean queryItem(long id, String itemCode) {
        Scenario.BasicItem item = scenarioOf(id).basicItem(itemCode);
        ItemReceipt receipt = departments.query(item.department(), ledger.item(id, itemCode).reference());
        return recordReceipt(id, item, receipt, "ITEM_QUERIED");
    }

    private boolean recordReceipt(long id, Scenario.BasicItem item, ItemReceipt receipt, String action) {
        if ("REJECTED".equals(receipt.status())) {
            throw new IllegalStateException(departmentName(item.department()) + " 退回了「" + item.name() + "」："
                    + receipt.result());
        }
        ledger.updateItem(id, item.code(), receipt.done() ? "DONE" : "SUBMITTED", receipt.reference(), receipt.result(),
                null, null, receipt.done() ? now() : null, receipt.done() ? "system:" + item.department() : null);
        event(id, "system", receipt.done() ? "ITEM_DONE" : action, item.name() + "（" + departmentName(item.department())
                + "，受理号 " + receipt.reference() + "）" + (receipt.result() == null ? "" : "：" + receipt.result()));
        return receipt.done();
    }

    /** 人工办理: the department's clerk completed the item by hand, e.g. while its system was down. */
    public void completeManually(long id, String itemCode, String result, String actor) {
        if (result == null || result.isBlank() || result.length() > 2000) {
            throw ApiException.invalid("manualResult", "REQUIRED", "请填写办理结果（不超过2000个字）");
        }
        Scenario.BasicItem item = scenarioOf(id).basicItem(itemCode);
        ledger.updateItem(id, itemCode, "MANUAL", null, result, null, null, now(), actor);
        event(id, actor, "ITEM_MANUAL", item.name() + "（" + departmentName(item.department()) + " 人工办理）：" + result);
    }

    @Transactional(readOnly = true)
    public List<String> chosenValueAdded(long id) {
        return ledger.items(id).stream().filter(i -> "VALUE_ADDED".equals(i.kind())).map(ApplicationItem::itemCode).toList();
    }

    public void deliverValueAdded(long id, String itemCode, String note, String actor) {
        if (note == null || note.isBlank() || note.length() > 2000) {
            throw ApiException.invalid("serviceNote", "REQUIRED", "请填写服务情况（不超过2000个字）");
        }
        ApplicationItem item = ledger.item(id, itemCode);
        ledger.updateItem(id, itemCode, "DONE", null, note, null, null, now(), actor);
        event(id, actor, "VALUE_ADDED_DONE", item.name() + "：" + note);
    }

    public String warn(long id) {
        Application application = get(id);
        String light = "RED".equals(application.light()) ? "RED" : "YELLOW";
        update(id, Map.of("light", light));
        Scenario scenario = scenarioOf(id);
        event(id, "system", "WARNED", "提醒牵头部门 " + departmentName(scenario.leadDepartment()) + "：总办理期限将至");
        notifications.toGroup(scenario.leadDepartment(), "一类事办理预警（黄灯）" + application.applicationNo(),
                "「" + scenario.name() + "」（" + application.enterpriseName() + "）总办理期限将至。", "/api/applications/" + id);
        return light;
    }

    public void markOverdue(long id) {
        update(id, Map.of("light", "RED", "overdue", true));
        event(id, "system", "OVERDUE", "已超过总办理期限，督办已交督查组");
        Application application = get(id);
        Scenario scenario = scenario(application.scenarioCode());
        String subject = "一类事已逾期（红灯）" + application.applicationNo() + "：" + scenario.name();
        notifications.toGroup(scenario.leadDepartment(), subject, application.enterpriseName(), "/api/applications/" + id);
        notifications.toGroup("supervisor", subject, "牵头：" + departmentName(scenario.leadDepartment()), "/api/applications/" + id);
    }

    public void supervised(long id, String action, String note, String actor) {
        if (note == null || note.isBlank() || note.length() > 1000) {
            throw ApiException.invalid("superviseNote", "REQUIRED", "请填写督办意见（不超过1000个字）");
        }
        event(id, actor, action, note);
    }

    // ---- 结果与评价 ------------------------------------------------------------------------------------------------

    /** Tells the enterprise the result of every item, in one reply. */
    public String reportResult(long id) {
        List<String> lines = new ArrayList<>();
        for (ApplicationItem item : ledger.items(id)) {
            if (!"SKIPPED".equals(item.status())) {
                lines.add(item.name() + "：" + (item.result() == null ? "已办结" : item.result()));
            }
        }
        String result = String.join("\n", lines);
        Map<String, Object> values = new HashMap<>();
        values.put("status", ApplicationStatus.AWAITING_RATING.name());
        values.put("result", result.length() > 4000 ? result.substring(0, 4000) : result);
        update(id, values);
        event(id, "system", "RESULT", "办理结果已告知企业");
        return result;
    }

    public void evaluate(long id, String rating, String comment, String actor) {
        Application application = get(id);
        if (application.status() != ApplicationStatus.AWAITING_RATING) {
            throw ApiException.conflict("NOT_AWAITING_RATING", "该申请当前不在待评价状态（状态：" + application.status().label() + "）");
        }
        Map<String, Object> values = new HashMap<>();
        values.put("rating", rating);
        values.put("rating_comment", comment);
        values.put("rated_at", now());
        update(id, values);
        event(id, actor, "EVALUATED", rating + (comment == null ? "" : "：" + comment));
        runtime.createMessageCorrelation(EVALUATED).processInstanceId(application.processInstanceId())
                .setVariable("rating", rating).correlate();
    }

    public void rateByDefault(long id) {
        update(id, Map.of("rating", "SATISFIED", "rating_by_default", true, "rated_at", now()));
        event(id, "system", "DEFAULT_SATISFIED", "3个工作日内未评价，视为满意");
    }

    /** 不满意 is not the end: it becomes an enterprise problem in the loop, with its deadline and supervision. */
    public long followUpProblem(long id) {
        Application application = get(id);
        Scenario scenario = scenario(application.scenarioCode());
        String comment = application.ratingComment() == null ? "（未填写）" : application.ratingComment();
        Problem problem = problems.submit(new ProblemSubmission(application.creditCode(), application.enterpriseName(),
                application.contactName(), application.contactPhone(), application.channel().name(),
                "一类事「" + scenario.name() + "」办理不满意：" + application.applicationNo(),
                "企业对一类事「" + scenario.name() + "」的办理结果不满意。企业意见：" + comment, null), "system", null);
        update(id, Map.of("follow_up_problem_id", problem.id()));
        event(id, "system", "FOLLOW_UP_PROBLEM", "已转为涉企问题 " + problem.problemNo());
        return problem.id();
    }

    public void close(long id) {
        update(id, Map.of("status", ApplicationStatus.CLOSED.name(), "closed_at", now()));
        event(id, "system", "CLOSED", null);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** What staff read about an application at the top of their forms. */
    public String summary(Application a) {
        Scenario scenario = scenario(a.scenarioCode());
        return "**一类事：" + scenario.name() + "**\n\n企业：" + FormText.literal(a.enterpriseName()) + "（" + a.creditCode()
                + "）  联系人：" + FormText.literal(a.contactName()) + " " + FormText.literal(a.contactPhone()) + "  渠道："
                + a.channel().label() + "\n\n牵头部门："
                + departmentName(scenario.leadDepartment()) + "；办事指南：" + scenario.guide().howLong();
    }

    public String departmentName(String code) {
        return catalog.department(code).map(Department::name).orElse(code);
    }

    public String deadlineText(DeadlinePlan plan) {
        return problems.deadlineText(plan);
    }

    private void update(long id, Map<String, Object> values) {
        ledger.update(id, values, now());
    }

    private void event(long id, String actor, String action, String detail) {
        ledger.addEvent(id, now(), actor == null ? "system" : actor, action,
                detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 4000));
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static String upper(String s) {
        return s == null ? null : s.strip().toUpperCase(Locale.ROOT);
    }
}
