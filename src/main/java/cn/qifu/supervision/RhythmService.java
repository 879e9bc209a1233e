package cn.qifu.supervision;

import static cn.qifu.deadline.EngineClock.now;

import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import cn.qifu.deadline.WorkingDayCalendar;
import cn.qifu.identity.Role;
import cn.qifu.notification.NotificationService;
import cn.qifu.system.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
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

    RhythmService(RhythmMapper rhythm, WorkingDayCalendar calendar, NotificationService notifications,
                  CatalogService catalog, ObjectMapper json,
                  @Value("${qifu.rhythm.recurring-threshold:3}") int recurringThreshold) {
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
