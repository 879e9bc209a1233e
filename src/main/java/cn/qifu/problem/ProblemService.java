package cn.qifu.problem;

import static cn.qifu.deadline.EngineClock.now;

import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import cn.qifu.deadline.DeadlinePlan;
import cn.qifu.deadline.HolidayTableChanged;
import cn.qifu.deadline.WorkingDayCalendar;
import cn.qifu.notification.NotificationService;
import cn.qifu.supervision.figures.HandlingTime;
import cn.qifu.supervision.figures.PastMonthTallies;
import cn.qifu.system.ApiException;
import cn.qifu.system.FormText;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every step of the loop as it changes the ledger: each method writes the row and a line of the timeline, in the
 * transaction of the process step that calls it, so the ledger and the process never disagree. The process itself
 * (which step comes next) is the BPMN; {@link ProblemSteps} translates between the two.
 */
@Service
@Transactional
public class ProblemService {

    private static final Logger log = LoggerFactory.getLogger(ProblemService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final String CENTER = "center";
    static final int MAX_EXTENSION_DAYS = 10;

    private final ProblemMapper ledger;
    private final WorkingDayCalendar calendar;
    private final CatalogService catalog;
    private final ProblemProcess process;
    private final NotificationService notifications;
    private final PastMonthTallies pastMonths;

    ProblemService(ProblemMapper ledger, WorkingDayCalendar calendar, CatalogService catalog, ProblemProcess process,
                   NotificationService notifications, PastMonthTallies pastMonths) {
        this.ledger = ledger;
        this.calendar = calendar;
        this.catalog = catalog;
        this.process = process;
        this.notifications = notifications;
        this.pastMonths = pastMonths;
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Problem get(long id) {
        Problem problem = ledger.byId(id);
        if (problem == null) {
            throw ApiException.notFound("问题 " + id);
        }
        return problem;
    }

    @Transactional(readOnly = true)
    public Optional<Problem> byNumber(String problemNo) {
        return Optional.ofNullable(problemNo == null ? null : ledger.byNumber(problemNo.strip()));
    }

    @Transactional(readOnly = true)
    public Optional<Problem> byIdempotencyKey(String key) {
        return Optional.ofNullable(ledger.byIdempotencyKey(key));
    }

    @Transactional(readOnly = true)
    public List<Problem> byCreditCode(String creditCode, int limit) {
        return ledger.byCreditCode(creditCode, limit);
    }

    @Transactional(readOnly = true)
    public List<ProblemDepartment> departments(long id) {
        return ledger.departments(id);
    }

    @Transactional(readOnly = true)
    public List<TimelineEvent> timeline(long id) {
        return ledger.timeline(id);
    }

    // ---- 受理 ----------------------------------------------------------------------------------------------------

    /** A channel's submission: stored and its process started in one transaction, or nothing at all. */
    public Problem submit(ProblemSubmission submission, String submittedBy, String idempotencyKey) {
        Problem problem = register(submission, submittedBy, idempotencyKey);
        process.start(problem);
        return ledger.byId(problem.id());
    }

    /** Writes a new problem into the ledger after checking every field; refuses with all the faults at once. */
    public Problem register(ProblemSubmission submission, String submittedBy, String idempotencyKey) {
        ProblemSubmission s = submission.normalized();
        var faults = s.problems();
        if (!faults.isEmpty()) {
            throw ApiException.invalid(faults);
        }
        Instant now = now();
        ProblemMapper.NewRow row = new ProblemMapper.NewRow();
        ledger.insert(row, s, submittedBy, idempotencyKey, now);
        ProblemChange change = new ProblemChange(row.getId(), now);
        change.problemNo = "QF" + DAY.format(now.atZone(calendar.zone())) + "-" + String.format("%06d", row.getId());
        update(change);
        event(row.getId(), submittedBy, Action.SUBMITTED, s.channelValue().label() + "：" + s.title(), null);
        return ledger.byId(row.getId());
    }

    public void linkProcess(long id, String processInstanceId) {
        ProblemChange change = new ProblemChange(id, now());
        change.processInstanceId = processInstanceId;
        update(change);
    }

    public void refuse(long id, String reason, String actor) {
        required("refuseReason", reason, 1000);
        ProblemChange change = new ProblemChange(id, now()).status(Status.REFUSED);
        change.closedAt = change.updatedAt;
        update(change);
        event(id, actor, Action.REFUSED, null, reason);
    }

    /** Merges into an open duplicate (并件); the duplicate's timeline says so too. */
    public void merge(long id, String targetNo, String actor) {
        Problem self = get(id);
        Problem target = byNumber(targetNo).orElse(null);
        if (target == null || !target.status().isOpen() || target.id().equals(self.id())) {
            throw ApiException.invalid("mergeInto", "NO_OPEN_DUPLICATE", "问题编号 " + targetNo + " 不存在、已办结或就是本问题");
        }
        ProblemChange change = new ProblemChange(id, now()).status(Status.MERGED);
        change.mergedInto = target.id();
        change.closedAt = change.updatedAt;
        update(change);
        event(id, actor, Action.MERGED, "并入 " + target.problemNo(), null);
        event(target.id(), actor, Action.MERGED, "重复问题 " + self.problemNo() + " 已并入本件", null);
    }

    /** 即办: answered on the spot; it goes straight to the enterprise's rating. */
    public void answerAtOnce(long id, String answer, String actor) {
        required("immediateAnswer", answer, 2000);
        ProblemChange change = new ProblemChange(id, now()).status(Status.AWAITING_RATING);
        change.problemClass = ProblemClass.SIMPLE;
        change.acceptedAt = change.updatedAt;
        change.answer = answer;
        change.answeredAt = change.updatedAt;
        change.handlingWorkingMinutes = 0L;
        update(change);
        event(id, actor, Action.ANSWERED_AT_ONCE, answer, null);
    }

    /**
     * Accepts and classifies: the deadline is fixed now, by the terms the time-limit DMN gave. A reopened problem
     * (重办) gets a new round with the same terms, counted from now.
     */
    public DeadlinePlan fixDeadline(long id, ProblemClass problemClass, String category, String board, int days,
                                    int warningDaysBefore, int escalationDaysAfter, String actor) {
        Problem problem = get(id);
        boolean reopened = problem.reopenCount() > 0 && problem.acceptedAt() != null;
        Instant now = now();
        DeadlinePlan plan = DeadlinePlan.of(calendar,
                new DeadlinePlan.Terms(now, days, 0, Duration.ZERO, warningDaysBefore, escalationDaysAfter));
        ProblemChange change = new ProblemChange(id, now).status(reopened ? Status.HANDLING : Status.ASSIGNING)
                .light("GREEN").plan(plan);
        change.problemClass = problemClass;
        change.category = category;
        change.board = board;
        change.acceptedAt = reopened ? null : now;
        change.roundStartedAt = now;
        change.timeLimitDays = days;
        change.warningDaysBefore = warningDaysBefore;
        change.escalationDaysAfter = escalationDaysAfter;
        change.extensionDays = 0;
        change.waitedSeconds = 0L;
        change.clearWaitingSince = true;
        ProblemMapper.Measure measure = category == null ? null : ledger.measureFor(category);
        if (measure != null) {
            change.measureId = measure.id();
        }
        update(change);
        String detail = problemClass.label() + "，办理时限 " + days + " 个工作日，期限 " + deadlineText(plan)
                + (measure == null ? "" : "；参照长效机制：" + measure.title());
        event(id, actor, reopened ? Action.DEADLINE_FIXED : Action.ACCEPTED, detail, null);
        return plan;
    }

    // ---- 交办 ----------------------------------------------------------------------------------------------------

    /** Assigns to a lead and cooperating departments, or to the 兜底 path (the center coordinates). */
    public void assign(long id, String route, String lead, List<String> cooperating, String note, String actor) {
        Instant now = now();
        ledger.clearDepartments(id);
        ProblemChange change = new ProblemChange(id, now);
        if ("FALLBACK".equals(route)) {
            ledger.addDepartment(id, CENTER, ProblemDepartment.LEAD, now);
            change.status(Status.COORDINATING).route = "FALLBACK";
            change.leadDepartment = CENTER;
            update(change);
            event(id, actor, Action.ASSIGNED, "兜底办：由企业综合服务中心分级协调", note);
            return;
        }
        Department leadDepartment = department("leadDepartment", lead);
        List<String> names = new ArrayList<>();
        ledger.addDepartment(id, lead, ProblemDepartment.LEAD, now);
        for (String code : new LinkedHashSet<>(cooperating)) {
            if (code.equals(lead)) {
                continue;
            }
            names.add(department("cooperatingDepartments", code).name());
            ledger.addDepartment(id, code, ProblemDepartment.COOPERATING, now);
        }
        change.status(Status.SIGNING).route = "DEPARTMENT";
        change.leadDepartment = lead;
        update(change);
        Problem problem = get(id);
        notifications.toGroup(lead, "新交办问题 " + problem.problemNo() + "：" + problem.title(),
                "请签收办理，办理期限 " + deadlineText(problem) + "。", link(problem));
        cooperating.stream().filter(code -> !code.equals(lead)).distinct().forEach(code -> notifications.toGroup(code,
                "请配合办理 " + problem.problemNo() + "：" + problem.title(), "牵头部门：" + leadDepartment.name() + "。", link(problem)));
        event(id, actor, Action.ASSIGNED, "牵头：" + leadDepartment.name()
                + (names.isEmpty() ? "" : "；配合：" + String.join("、", names)), note);
    }

    public void sign(long id, String actor) {
        update(new ProblemChange(id, now()).status(Status.HANDLING));
        event(id, actor, Action.SIGNED, departmentName(get(id).leadDepartment()), null);
    }

    public void returnAssignment(long id, String reason, String actor) {
        required("signReason", reason, 1000);
        update(new ProblemChange(id, now()).status(Status.ASSIGNING));
        event(id, actor, Action.RETURNED, departmentName(get(id).leadDepartment()) + " 退回，请重新交办", reason);
    }

    /** The department one level up, to which the lead may pass the problem (提级). */
    @Transactional(readOnly = true)
    public Department escalationTarget(long id) {
        Problem problem = get(id);
        return catalog.department(problem.leadDepartment()).map(Department::parentCode).flatMap(catalog::department)
                .orElseThrow(() -> ApiException.invalid("signDecision", "NO_HIGHER_LEVEL",
                        departmentName(problem.leadDepartment()) + " 没有上级部门，不能提级，请退回交办"));
    }

    public String escalate(long id, String reason, String actor) {
        required("signReason", reason, 1000);
        Problem problem = get(id);
        Department target = escalationTarget(id);
        ledger.replaceLead(id, target.code());
        ProblemChange change = new ProblemChange(id, now()).status(Status.SIGNING);
        change.leadDepartment = target.code();
        update(change);
        event(id, actor, Action.ESCALATED, "由 " + departmentName(problem.leadDepartment()) + " 提级至 " + target.name(),
                reason);
        return target.code();
    }

    @Transactional(readOnly = true)
    public List<String> cooperatingDepartments(long id) {
        return ledger.departments(id).stream().filter(d -> ProblemDepartment.COOPERATING.equals(d.role()))
                .map(ProblemDepartment::departmentCode).toList();
    }

    public void recordOpinion(long id, String department, String opinion, boolean declined, String actor) {
        required("opinion", opinion, 2000);
        ledger.recordOpinion(id, department, opinion, declined);
        event(id, actor, declined ? Action.DECLINED : Action.OPINION, departmentName(department), opinion);
    }

    /** The cooperating departments' opinions, for the lead department's form. */
    @Transactional(readOnly = true)
    public String opinionsText(long id) {
        List<String> lines = new ArrayList<>();
        for (ProblemDepartment d : ledger.departments(id)) {
            if (ProblemDepartment.COOPERATING.equals(d.role())) {
                lines.add("- " + departmentName(d.departmentCode()) + (d.declined() ? "（不属本部门职责）" : "") + "："
                        + (d.opinion() == null ? "尚未出具" : d.opinion()));
            }
        }
        return lines.isEmpty() ? "（无配合部门）" : "**配合部门意见**\n\n" + String.join("\n", lines);
    }

    // ---- 办理 ----------------------------------------------------------------------------------------------------

    public void proposeAnswer(long id, String answer, Action action, String actor) {
        required("answer", answer, 2000);
        ProblemChange change = new ProblemChange(id, now()).status(Status.REVIEWING);
        change.answer = answer;
        update(change);
        event(id, actor, action, answer, null);
    }

    public void requestCollectiveDecision(long id, String reason, String actor) {
        required("coordinationNote", reason, 1000);
        event(id, actor, Action.COLLECTIVE_REQUESTED, null, reason);
    }

    /** An extension may be asked while the deadline still runs (逾期后不得申请延期). */
    public void requestExtension(long id, Integer days, String reason, String actor) {
        Problem problem = get(id);
        if (problem.overdue() || !now().isBefore(problem.deadlineAt())) {
            throw ApiException.invalid("extensionDays", "ALREADY_OVERDUE", "已超过办理期限，不能再申请延期");
        }
        if (days == null || days < 1 || days > MAX_EXTENSION_DAYS) {
            throw ApiException.invalid("extensionDays", "OUT_OF_RANGE", "延期应为 1 到 " + MAX_EXTENSION_DAYS + " 个工作日");
        }
        required("extensionReason", reason, 1000);
        update(new ProblemChange(id, now()).status(Status.EXTENSION_PENDING));
        event(id, actor, Action.EXTENSION_REQUESTED, "申请延期 " + days + " 个工作日", reason);
    }

    /** The center's decision on an extension; when approved the deadline and every pending timer move. */
    public Optional<DeadlinePlan> decideExtension(long id, boolean approved, int days, String comment, String actor) {
        Problem problem = get(id);
        Instant now = now();
        if (!approved) {
            update(new ProblemChange(id, now).status(Status.HANDLING));
            event(id, actor, Action.EXTENSION_REJECTED, null, comment);
            return Optional.empty();
        }
        if (problem.overdue() || !now.isBefore(problem.deadlineAt())) {
            throw ApiException.invalid("extensionApproved", "ALREADY_OVERDUE", "已超过办理期限，不能再批准延期");
        }
        ProblemChange change = new ProblemChange(id, now).status(Status.HANDLING);
        change.extensionDays = problem.extensionDays() + days;
        DeadlinePlan plan = planOf(problem, change.extensionDays, problem.waitedSeconds());
        change.plan(plan).light(laterLight(problem.light(), plan.lightAt(now)));
        update(change);
        process.moveTimers(problem.processInstanceId(), plan, deadlineText(plan), change.light);
        event(id, actor, Action.EXTENSION_APPROVED, "延期 " + days + " 个工作日，期限延至 " + deadlineText(plan), comment);
        return Optional.of(plan);
    }

    /** The clock stops while the enterprise supplies information; the deadline timers wait with it. */
    public void startWaiting(long id, String request, String actor) {
        required("supplementRequest", request, 1000);
        Problem problem = get(id);
        ProblemChange change = new ProblemChange(id, now()).status(Status.WAITING_ENTERPRISE);
        change.waitingSince = change.updatedAt;
        update(change);
        process.pauseTimers(problem.processInstanceId());
        event(id, actor, Action.WAITING, "需企业补充：" + request, null);
    }

    /** From the enterprise's channel: the information it was asked for. */
    public void supplement(long id, String text, String actor) {
        required("content", text, 4000);
        Problem problem = get(id);
        if (problem.status() != Status.WAITING_ENTERPRISE) {
            throw ApiException.conflict("NOT_WAITING", "该问题当前没有等待企业补充材料（状态：" + problem.status().label() + "）");
        }
        event(id, actor, Action.SUPPLEMENTED, text, null);
        process.supplemented(problem);
    }

    /** The clock runs again; the deadline moves by exactly the working time spent waiting. */
    public DeadlinePlan endWaiting(long id, String actor) {
        Problem problem = get(id);
        Instant now = now();
        Duration waited = calendar.workingTimeBetween(problem.waitingSince(), now);
        ProblemChange change = new ProblemChange(id, now).status(Status.HANDLING);
        change.waitedSeconds = problem.waitedSeconds() + waited.toSeconds();
        change.clearWaitingSince = true;
        DeadlinePlan plan = planOf(problem, problem.extensionDays(), change.waitedSeconds);
        change.plan(plan).light(laterLight(problem.light(), plan.lightAt(now)));
        update(change);
        process.moveTimers(problem.processInstanceId(), plan, deadlineText(plan), change.light);
        event(id, actor, Action.DEADLINE_RECOMPUTED,
                "等待企业 " + hours(waited) + "（工作时间），期限顺延至 " + deadlineText(plan), null);
        return plan;
    }

    public void review(long id, boolean approved, String comment, String actor) {
        if (approved) {
            event(id, actor, Action.REVIEW_APPROVED, null, comment);
            return;
        }
        required("reviewComment", comment, 1000);
        update(new ProblemChange(id, now()).status(Status.HANDLING));
        event(id, actor, Action.SENT_BACK, "退回牵头部门重新办理", comment);
    }

    // ---- 反馈 and the lights -------------------------------------------------------------------------------------

    public void reply(long id, String actor) {
        Problem problem = get(id);
        ProblemChange change = new ProblemChange(id, now()).status(Status.AWAITING_RATING);
        change.answeredAt = change.updatedAt;
        change.handlingWorkingMinutes = HandlingTime.workingMinutes(calendar, problem.acceptedAt(), change.answeredAt);
        update(change);
        event(id, actor, Action.REPLIED, problem.answer(), null);
    }

    /** Returns the light now shown (a problem already red stays red). */
    public String warn(long id) {
        Problem problem = get(id);
        String light = laterLight(problem.light(), "YELLOW");
        update(new ProblemChange(id, now()).light(light));
        event(id, "system", Action.WARNED, "提醒 " + departmentName(problem.leadDepartment()) + "：办理期限 "
                + deadlineText(problem), null);
        if (problem.leadDepartment() != null) {
            notifications.toGroup(problem.leadDepartment(), "办理预警（黄灯）" + problem.problemNo() + "：" + problem.title(),
                    "办理期限 " + deadlineText(problem) + "，请抓紧办理。", link(problem));
        }
        return light;
    }

    public void markOverdue(long id) {
        Problem problem = get(id);
        ProblemChange change = new ProblemChange(id, now()).light("RED");
        change.overdue = true;
        update(change);
        event(id, "system", Action.OVERDUE, "已超过办理期限 " + deadlineText(problem) + "，提醒 "
                + departmentName(problem.leadDepartment()) + "，督办已交督查组", null);
        String subject = "已逾期（红灯）" + problem.problemNo() + "：" + problem.title();
        if (problem.leadDepartment() != null) {
            notifications.toGroup(problem.leadDepartment(), subject, "办理期限 " + deadlineText(problem) + " 已过，请立即办理。",
                    link(problem));
        }
        notifications.toGroup("supervisor", subject, "承办：" + departmentName(problem.leadDepartment()) + "；办理期限 "
                + deadlineText(problem) + "。督办任务已在 Tasklist。", link(problem));
    }

    public void supervised(long id, Action action, String note, String actor) {
        required(action == Action.SUPERVISED ? "superviseNote" : "leaderNote", note, 1000);
        event(id, actor, action, null, note);
    }

    // ---- 评价 ----------------------------------------------------------------------------------------------------

    /** From the enterprise's channel: its rating of the answer. */
    public void evaluate(long id, Rating rating, String comment, String actor) {
        Problem problem = get(id);
        if (problem.status() != Status.AWAITING_RATING) {
            throw ApiException.conflict("NOT_AWAITING_RATING", "该问题当前不在待评价状态（状态：" + problem.status().label() + "）");
        }
        ProblemChange change = new ProblemChange(id, now());
        change.rating = rating;
        change.ratingComment = comment;
        change.ratedAt = change.updatedAt;
        change.ratingByDefault = false;
        update(change);
        event(id, actor, Action.EVALUATED, rating.label(), comment);
        process.evaluated(problem, rating);
    }

    public void rateByDefault(long id) {
        ProblemChange change = new ProblemChange(id, now());
        change.rating = Rating.SATISFIED;
        change.ratedAt = change.updatedAt;
        change.ratingByDefault = true;
        update(change);
        event(id, "system", Action.DEFAULT_SATISFIED, "3个工作日内未评价，视为满意", null);
    }

    /** 重办: a new handling round for the same department; returns the new reopen count. */
    public int reopen(long id, String reason, String actor) {
        Problem problem = get(id);
        ProblemChange change = new ProblemChange(id, now()).status(Status.HANDLING).light("GREEN");
        change.reopenCount = problem.reopenCount() + 1;
        change.overdue = false;
        change.clearRating = true;
        update(change);
        event(id, actor, Action.REOPENED, "第 " + change.reopenCount + " 次重办", reason);
        return change.reopenCount;
    }

    public void toLeaders(long id) {
        update(new ProblemChange(id, now()).status(Status.LEADER_REVIEW));
    }

    public void close(long id, String actor) {
        ProblemChange change = new ProblemChange(id, now()).status(Status.CLOSED);
        change.closedAt = change.updatedAt;
        update(change);
        event(id, actor, Action.CLOSED, null, null);
    }

    // ---- 回访 ----------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Problem closedForVisit(String problemNo) {
        Problem problem = byNumber(problemNo).orElse(null);
        if (problem == null || problem.status() != Status.CLOSED) {
            throw ApiException.invalid("problemNo", "NOT_CLOSED", "问题编号 " + problemNo + " 不存在或尚未办结，不能回访");
        }
        return problem;
    }

    public void visited(long id, boolean reopen, String note, String actor) {
        required("visitNote", note, 1000);
        event(id, actor, Action.RETURN_VISIT, reopen ? "问题未解决，重办" : "问题已解决", note);
    }

    /** A return visit found the problem unsolved: the loop decides, as for 不满意, between 重办 and the leaders. */
    public void reopenFromVisit(long id) {
        Problem problem = get(id);
        linkProcess(id, process.reopenAfterVisit(problem, Map.of("problemNo", problem.problemNo(),
                "problemSummary", summary(problem))));
    }

    /** What staff read about a problem at the top of every form; what the enterprise typed is shown as typed. */
    public String summary(Problem p) {
        String description = p.description().length() > 600 ? p.description().substring(0, 600) + "……" : p.description();
        return "**" + FormText.literal(p.title()) + "**\n\n企业：" + FormText.literal(p.enterpriseName()) + "（"
                + p.creditCode() + "）  联系人：" + FormText.literal(p.contactName()) + " " + FormText.literal(p.contactPhone())
                + "  渠道：" + p.channel().label() + "\n\n" + FormText.literal(description);
    }

    // ---- deadlines when the holiday table changes -----------------------------------------------------------------

    /** Every open deadline is computed again on the new table, and its timers move. */
    @EventListener
    public void holidaysChanged(HolidayTableChanged changed) {
        int moved = 0;
        for (Problem problem : ledger.underDeadline()) {
            DeadlinePlan plan = planOf(problem, problem.extensionDays(), problem.waitedSeconds());
            if (plan.deadlineAt().equals(problem.deadlineAt()) && plan.provisional() == problem.deadlineProvisional()) {
                continue;
            }
            update(new ProblemChange(problem.id(), now()).plan(plan));
            process.moveTimers(problem.processInstanceId(), plan, deadlineText(plan), problem.light());
            event(problem.id(), "system", Action.DEADLINE_RECOMPUTED,
                    "节假日安排更新（" + changed.years() + "），期限改为 " + deadlineText(plan), null);
            moved++;
        }
        log.info("节假日安排 {} 更新后重算了 {} 个办理期限", changed.years(), moved);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private DeadlinePlan planOf(Problem p, int extensionDays, long waitedSeconds) {
        return DeadlinePlan.of(calendar, new DeadlinePlan.Terms(p.roundStartedAt(), p.timeLimitDays(), extensionDays,
                Duration.ofSeconds(waitedSeconds), p.warningDaysBefore(), p.escalationDaysAfter()));
    }

    /** Lights only move on within a round (a warning once shown stays shown); a reopened round starts green. */
    private static String laterLight(String current, String computed) {
        List<String> order = List.of("GREEN", "YELLOW", "RED");
        return order.indexOf(computed) > order.indexOf(current) ? computed : current;
    }

    public String deadlineText(DeadlinePlan plan) {
        return deadlineText(plan.deadlineAt(), plan.dueDate(), plan.provisional());
    }

    private String deadlineText(Problem p) {
        return p.deadlineAt() == null ? "（未定）" : deadlineText(p.deadlineAt(), p.dueDate(), p.deadlineProvisional());
    }

    private String deadlineText(Instant at, LocalDate due, boolean provisional) {
        ZoneId zone = calendar.zone();
        String time = at.equals(calendar.startOfDay(due.plusDays(1))) ? "24:00"
                : DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(zone));
        return due + "（" + due.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.CHINA) + "）" + time + " 前"
                + (provisional ? "（暂定：该年节假日安排未发布）" : "");
    }

    private static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 ? (minutes / 60) + " 小时 " + (minutes % 60) + " 分" : minutes + " 分钟";
    }

    private static String link(Problem problem) {
        return "/api/problems/" + problem.id();
    }

    public String departmentName(String code) {
        return code == null ? "（未定）" : catalog.department(code).map(Department::name).orElse(code);
    }

    private Department department(String field, String code) {
        return catalog.department(code == null ? "" : code).orElseThrow(() ->
                ApiException.invalid(field, "UNKNOWN_DEPARTMENT", "部门编码 " + code + " 不存在"));
    }

    private static void required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "REQUIRED", "必填");
        }
        if (value.length() > max) {
            throw ApiException.invalid(field, "TOO_LONG", "不能超过" + max + "个字");
        }
    }

    private void event(long problemId, String actor, Action action, String detail, String reason) {
        ledger.addEvent(problemId, now(), actor == null ? "system" : actor, action, truncate(detail, 4000),
                truncate(reason, 1000));
        if (action == Action.ASSIGNED || action == Action.RETURNED || action == Action.RETURN_VISIT) {
            ledger.markInFigures(problemId, action);
            pastMonths.changed(problemId);
        }
    }

    /** Writes a step's change; one the monthly figures count also tells the kept tally of the problem's month. */
    private void update(ProblemChange change) {
        ledger.update(change);
        if (change.countsInFigures()) {
            pastMonths.changed(change.id);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
