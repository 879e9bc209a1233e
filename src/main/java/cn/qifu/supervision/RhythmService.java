package cn.qifu.supervision;

import static cn.qifu.deadline.EngineClock.now;

import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import cn.qifu.deadline.WorkingDayCalendar;
import cn.qifu.identity.Role;
import cn.qifu.notification.NotificationService;
import cn.qifu.supervision.figures.Dimension;
import cn.qifu.supervision.figures.Figures;
import cn.qifu.supervision.figures.FiguresService;
import cn.qifu.supervision.figures.MonthPeriod;
import cn.qifu.supervision.figures.Rate;
import cn.qifu.supervision.figures.Views;
import cn.qifu.system.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The center's rhythm (日报告、周汇总、月督办) and its second loop (问题处理—分类总结—分析规律—形成制度): reports are
 * made and stored here when the rhythm's timers fire (processes/rhythm/), and sent on through the notification outbox.
 */
@Service
@Transactional
public class RhythmService {

    public static final String DAILY = "DAILY";
    public static final String WEEKLY = "WEEKLY";
    public static final String MONTHLY = "MONTHLY";

    private final RhythmMapper rhythm;
    private final WorkingDayCalendar calendar;
    private final NotificationService notifications;
    private final CatalogService catalog;
    private final ObjectMapper json;
    private final int recurringThreshold;
    private final FiguresService figures;

    RhythmService(RhythmMapper rhythm, WorkingDayCalendar calendar, NotificationService notifications,
                  CatalogService catalog, ObjectMapper json, FiguresService figures,
                  @Value("${qifu.rhythm.recurring-threshold:3}") int recurringThreshold) {
        this.figures = figures;
        this.rhythm = rhythm;
        this.calendar = calendar;
        this.notifications = notifications;
        this.catalog = catalog;
        this.json = json;
        this.recurringThreshold = recurringThreshold;
    }

    /** 日报告: everything since the start of the previous working day (on Monday: Friday to Sunday). */
    public Report daily() {
        LocalDate today = today();
        LocalDate from = calendar.plusWorkingDays(today, -1);
        return periodReport(DAILY, "日报告 " + today, calendar.startOfDay(from), calendar.startOfDay(today));
    }

    /** 周汇总: the week before this one. */
    public Report weekly() {
        LocalDate monday = today().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return periodReport(WEEKLY, "周汇总 " + monday.minusWeeks(1) + " 至 " + monday.minusDays(1),
                calendar.startOfDay(monday.minusWeeks(1)), calendar.startOfDay(monday));
    }

    private Report periodReport(String kind, String title, Instant from, Instant to) {
        RhythmMapper.PeriodCounts counts = rhythm.counts(from, to);
        RhythmMapper.LightCounts lights = rhythm.lightsNow();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("from", from.toString());
        content.put("to", to.toString());
        content.put("submitted", counts.submitted());
        content.put("accepted", counts.accepted());
        content.put("closed", counts.closed());
        content.put("closedOnTime", counts.closedOnTime());
        content.put("onTimeRate", rate(counts.closedOnTime(), counts.closed()));
        content.put("rated", counts.rated());
        content.put("satisfactionRate", rate(counts.satisfied(), counts.rated()));
        content.put("newReds", rhythm.newReds(from, to).stream().map(r -> Map.of("number", r.problemNo(),
                "title", r.title(), "department", departmentName(r.leadDepartment()), "at", r.occurredAt().toString())).toList());
        content.put("openNow", lights.openCount());
        content.put("yellowNow", lights.yellowCount());
        content.put("redNow", lights.redCount());
        Report report = store(kind, title, from, to, content);
        String summary = "新受理 " + counts.accepted() + " 件，办结 " + counts.closed() + " 件（按期 " + counts.closedOnTime()
                + "），新增红灯 " + ((List<?>) content.get("newReds")).size() + " 件；当前在办 " + lights.openCount() + " 件，黄灯 "
                + lights.yellowCount() + "，红灯 " + lights.redCount() + "。";
        for (Role role : List.of(Role.LEADER, Role.SUPERVISOR)) {
            notifications.toGroup(role.groupId(), title, summary, "/api/reports/" + report.id());
        }
        return report;
    }

    /** A stored report with its content, e.g. the monthly supervision's figures, to which answers are added. */
    public Report store(String kind, String title, Instant from, Instant to, Map<String, Object> content) {
        RhythmMapper.NewReport row = new RhythmMapper.NewReport();
        rhythm.addReport(row, kind, title, from, to, write(content), now());
        return rhythm.report(row.id);
    }

    /** Adds a section to a stored report (a department's answer to the monthly supervision). */
    @SuppressWarnings("unchecked")
    public void append(long reportId, String section, Object value) {
        Report report = report(reportId);
        try {
            Map<String, Object> content = json.readValue(report.content(), LinkedHashMap.class);
            ((Map<String, Object>) content.computeIfAbsent(section, k -> new LinkedHashMap<>())).put(
                    String.valueOf(((Map<String, Object>) content.get(section)).size() + 1), value);
            rhythm.updateReport(reportId, write(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("报告内容无法读取 " + reportId, e);
        }
    }

    @Transactional(readOnly = true)
    public Report report(long id) {
        Report report = rhythm.report(id);
        if (report == null) {
            throw ApiException.notFound("报告 " + id);
        }
        return report;
    }

    @Transactional(readOnly = true)
    public List<Report> reports(String kind, int limit) {
        return rhythm.reports(kind, limit);
    }

    // ---- 月督办 --------------------------------------------------------------------------------------------------

    /** A department below a target last month, and its figures as its 督办 task shows them. */
    public record BelowTarget(String department, String name, String figuresText) {
    }

    /**
     * 月督办: last month's figures per department, stored as the month's report; every department below a target
     * (高效办结率 90%, 满意率 95%) is returned to get a 督办 task and answer with its measures.
     */
    public MonthlyRound monthly() {
        YearMonth last = YearMonth.from(today()).minusMonths(1);
        Views.ByDimension byDepartment = figures.byDimension(Dimension.DEPARTMENT, last);
        List<BelowTarget> below = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Views.GroupRow row : byDepartment.rows()) {
            if (row.key() == null) {
                continue;
            }
            Figures f = row.figures();
            String text = "受理 " + f.received() + " 件，办结 " + f.closed() + " 件；高效办结率 " + percent(f.onTimeRate())
                    + "（目标 90%），满意率 " + percent(f.satisfactionRate()) + "（目标 95%），退单率 "
                    + percent(f.returnRate()) + "，重办率 " + percent(f.reopenRate()) + "。";
            boolean isBelow = Boolean.TRUE.equals(f.onTimeRate().belowTarget())
                    || Boolean.TRUE.equals(f.satisfactionRate().belowTarget());
            rows.add(Map.of("department", row.key(), "name", row.name(), "figures", text, "belowTarget", isBelow));
            if (isBelow) {
                below.add(new BelowTarget(row.key(), row.name(), text));
            }
        }
        MonthPeriod period = figures.period(last);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("month", last.toString());
        content.put("departments", rows);
        content.put("belowTarget", below.stream().map(BelowTarget::department).toList());
        Report report = store(MONTHLY, "月督办 " + last, period.from(), period.to(), content);
        for (BelowTarget b : below) {
            notifications.toGroup(b.department(), "月督办：" + last + " 指标未达标", b.figuresText() + "请在 Tasklist 中说明原因和整改措施。",
                    "/api/reports/" + report.id());
        }
        notifications.toGroup(Role.LEADER.groupId(), "月督办 " + last, below.size() + " 个部门未达标，整改措施汇总后送领导审阅。",
                "/api/reports/" + report.id());
        return new MonthlyRound(report, below);
    }

    public record MonthlyRound(Report report, List<BelowTarget> below) {
    }

    /** A department's answer to the monthly supervision: its reasons and measures, kept in the month's report. */
    public void departmentAnswered(long reportId, String department, String measures, String by) {
        if (measures == null || measures.isBlank() || measures.length() > 2000) {
            throw ApiException.invalid("measures", "REQUIRED", "请填写原因分析和整改措施（不超过2000个字）");
        }
        append(reportId, "answers", Map.of("department", department, "name", departmentName(department),
                "measures", measures.strip(), "by", by, "at", now().toString()));
    }

    /** The figures of one department below target, from the month's report. */
    @SuppressWarnings("unchecked")
    @Transactional(readOnly = true)
    public java.util.Optional<String> monthlyBelow(long reportId, String department) {
        try {
            Map<String, Object> content = json.readValue(report(reportId).content(), LinkedHashMap.class);
            return ((List<Map<String, Object>>) content.get("departments")).stream()
                    .filter(row -> department.equals(row.get("department"))).map(row -> (String) row.get("figures")).findFirst();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the leaders read: every department below target and its answer. */
    @SuppressWarnings("unchecked")
    @Transactional(readOnly = true)
    public String monthlyDigest(long reportId) {
        try {
            Map<String, Object> content = json.readValue(report(reportId).content(), LinkedHashMap.class);
            StringBuilder text = new StringBuilder("### 月督办 " + content.get("month") + "\n\n");
            for (Map<String, Object> row : (List<Map<String, Object>>) content.get("departments")) {
                if (Boolean.TRUE.equals(row.get("belowTarget"))) {
                    text.append("- **").append(row.get("name")).append("**：").append(row.get("figures")).append("\n");
                }
            }
            Map<String, Object> answers = (Map<String, Object>) content.getOrDefault("answers", Map.of());
            text.append("\n**整改措施**\n\n");
            for (Object answer : answers.values()) {
                Map<String, Object> a = (Map<String, Object>) answer;
                text.append("- ").append(a.get("name")).append("：").append(a.get("measures")).append("\n");
            }
            return text.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String percent(Rate rate) {
        return rate == null || rate.value() == null ? "—" : rate.value().movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    // ---- 分类总结 → 形成制度 ----------------------------------------------------------------------------------------

    /** Last month's categories that recurred at least {@code qifu.rhythm.recurring-threshold} times with no measure. */
    @Transactional(readOnly = true)
    public List<RhythmMapper.RecurringCategory> recurringCategories() {
        LocalDate first = today().withDayOfMonth(1);
        return rhythm.recurring(calendar.startOfDay(first.minusMonths(1)), calendar.startOfDay(first), recurringThreshold);
    }

    @Transactional(readOnly = true)
    public String recurringSummary(String category, long problems) {
        LocalDate first = today().withDayOfMonth(1);
        List<String> titles = rhythm.sampleTitles(category, calendar.startOfDay(first.minusMonths(1)), calendar.startOfDay(first));
        return "上月「" + category + "」类问题 " + problems + " 件，例如：\n- " + String.join("\n- ", titles);
    }

    /** The reform office's lasting measure for a category; problems of that category accepted later link to it. */
    public void recordMeasure(String category, String title, String content, long problems, String by) {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw ApiException.invalid("measureTitle", "REQUIRED", "请填写制度名称（不超过200个字）");
        }
        if (content == null || content.isBlank() || content.length() > 4000) {
            throw ApiException.invalid("measureContent", "REQUIRED", "请填写制度内容（不超过4000个字）");
        }
        rhythm.addMeasure(category, title.strip(), content.strip(), problems, by, now());
        notifications.toGroup(Role.LEADER.groupId(), "形成制度：" + title.strip(), "针对「" + category + "」类问题（上月 "
                + problems + " 件）。", null);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    LocalDate today() {
        return LocalDate.ofInstant(now(), calendar.zone());
    }

    String departmentName(String code) {
        return code == null ? "（未交办）" : catalog.department(code).map(Department::name).orElse(code);
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private String write(Map<String, Object> content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
