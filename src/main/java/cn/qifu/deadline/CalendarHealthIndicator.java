package cn.qifu.deadline;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} names the holiday years not loaded yet (typically next year, until its notice is out):
 * deadlines in such a year count weekdays only and are marked provisional.
 */
@Component("holidayCalendar")
class CalendarHealthIndicator implements HealthIndicator {

    private final WorkingDayCalendar calendar;

    CalendarHealthIndicator(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public Health health() {
        LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), calendar.zone());
        List<Integer> missing = calendar.missingYears(today);
        Health.Builder health = Health.up()
                .withDetail("publishedYears", calendar.publishedYears())
                .withDetail("missingYears", missing);
        if (!missing.isEmpty()) {
            health.withDetail("notice", missing + " 年节假日安排尚未导入：涉及这些年份的期限按周一至周五计算，标记为暂定。"
                    + "请在国务院办公厅通知发布后通过 PUT /api/calendar/years 导入。");
        }
        return health.build();
    }
}
