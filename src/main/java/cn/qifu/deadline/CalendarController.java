package cn.qifu.deadline;

import cn.qifu.identity.CurrentUser;
import cn.qifu.system.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/calendar")
class CalendarController {

    static final int MAX_WORKING_DAYS = 250;

    private final WorkingDayCalendar calendar;
    private final CalendarService service;

    CalendarController(WorkingDayCalendar calendar, CalendarService service) {
        this.calendar = calendar;
        this.service = service;
    }

    /** The due date the front desk tells an enterprise: N working days from an instant, the day itself not counted. */
    @GetMapping("/deadline")
    Map<String, Object> deadline(@RequestParam String from, @RequestParam String workingDays) {
        Instant start;
        try {
            start = OffsetDateTime.parse(from.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("from", "INVALID_FORMAT",
                    "须为带时区的 ISO-8601 时间，例如 2025-09-30T16:00:00+08:00");
        }
        int days;
        try {
            days = Integer.parseInt(workingDays.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("workingDays", "INVALID_FORMAT", "须为整数");
        }
        if (days < 1 || days > MAX_WORKING_DAYS) {
            throw ApiException.invalid("workingDays", "OUT_OF_RANGE", "须在 1 到 " + MAX_WORKING_DAYS + " 之间");
        }
        Deadline deadline = calendar.deadline(start, days);
        return Map.of("deadline", deadline.atOffset().toString(), "dueDate", deadline.dueDate().toString(),
                "provisional", deadline.provisional());
    }

    @GetMapping("/years")
    Map<String, Object> years() {
        List<Map<String, Object>> years = calendar.table().years().stream()
                .map(y -> Map.<String, Object>of("year", y.year(), "source", y.source(),
                        "holidays", y.holidays().size(), "adjustedWorkingDays", y.adjustedWorkingDays().size()))
                .toList();
        return Map.of("years", years, "missingYears",
                calendar.missingYears(ClockUtil.getCurrentTime().toInstant().atZone(calendar.zone()).toLocalDate()));
    }

    /**
     * An administrator loads a newly published year (the YAML of calendar/cn-holidays.yml, one year or several);
     * open deadlines are recomputed and their timers move.
     */
    // produces: a client accepting no JSON is refused (406) before the year is loaded, not after
    @PutMapping(value = "/years", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"},
            produces = "application/json")
    Map<String, Object> load(@RequestBody String content, HttpServletRequest request) {
        CurrentUser user = CurrentUser.of(request);
        if (!user.isMemberOf("camunda-admin")) {
            throw ApiException.forbidden("只有系统管理员可以导入节假日安排");
        }
        try {
            return Map.of("loaded", service.load(content, user.userId()));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("content", "INVALID_HOLIDAY_TABLE", e.getMessage());
        }
    }
}
