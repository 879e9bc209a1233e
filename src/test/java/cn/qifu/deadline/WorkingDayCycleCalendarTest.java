package cn.qifu.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** The rhythm's timer cycles fire on working days only, holidays and adjusted working weekends included. */
class WorkingDayCycleCalendarTest {

    private final WorkingDayCycleCalendar cycles = new WorkingDayCycleCalendar(
            new WorkingDayCalendar(HolidayTable.fromClasspath(HolidayTable.DEFAULT_RESOURCE)));

    private static Date at(String text) {
        return Date.from(OffsetDateTime.parse(text).toInstant());
    }

    private Date next(String cycle, String after) {
        return cycles.resolveDuedate(cycle, at(after));
    }

    @Test
    void everyWorkingDay() {
        assertThat(next("WORKDAYS 08:30", "2025-06-03T07:00:00+08:00")).isEqualTo(at("2025-06-03T08:30:00+08:00"));
        assertThat(next("WORKDAYS 08:30", "2025-06-03T08:30:00+08:00")).isEqualTo(at("2025-06-04T08:30:00+08:00"));
        // Friday → Monday
        assertThat(next("WORKDAYS 08:30", "2025-06-06T09:00:00+08:00")).isEqualTo(at("2025-06-09T08:30:00+08:00"));
        // the day before 国庆+中秋 2025 → 10-09
        assertThat(next("WORKDAYS 08:30", "2025-09-30T09:00:00+08:00")).isEqualTo(at("2025-10-09T08:30:00+08:00"));
        // Saturday 09-27 → the adjusted working Sunday 09-28
        assertThat(next("workdays 8:30", "2025-09-27T09:00:00+08:00")).isEqualTo(at("2025-09-28T08:30:00+08:00"));
    }

    @Test
    void firstWorkingDayOfTheWeek() {
        assertThat(next("FIRST_WORKDAY_OF_WEEK 08:30", "2025-06-03T09:00:00+08:00")).isEqualTo(at("2025-06-09T08:30:00+08:00"));
        // the week of 国庆: 10-06..10-08 off, so Thursday 10-09
        assertThat(next("FIRST_WORKDAY_OF_WEEK 08:30", "2025-10-01T09:00:00+08:00")).isEqualTo(at("2025-10-09T08:30:00+08:00"));
        // 端午 2025: Monday 06-02 off, so Tuesday 06-03
        assertThat(next("FIRST_WORKDAY_OF_WEEK 08:30", "2025-05-30T09:00:00+08:00")).isEqualTo(at("2025-06-03T08:30:00+08:00"));
    }

    @Test
    void firstWorkingDayOfTheMonth() {
        assertThat(next("FIRST_WORKDAY_OF_MONTH 09:00", "2025-09-30T10:00:00+08:00")).isEqualTo(at("2025-10-09T09:00:00+08:00"));
        // 2026-02-01 is a Sunday: Monday 02-02
        assertThat(next("FIRST_WORKDAY_OF_MONTH 09:00", "2026-01-15T10:00:00+08:00")).isEqualTo(at("2026-02-02T09:00:00+08:00"));
        // 2026: 元旦 01-01..01-03 off, Sunday 01-04 an adjusted working day → the first working day of January
        assertThat(next("FIRST_WORKDAY_OF_MONTH 09:00", "2025-12-15T10:00:00+08:00")).isEqualTo(at("2026-01-04T09:00:00+08:00"));
    }

    @Test
    void otherCyclesAreTheEnginesOwn() {
        assertThat(next("0 0 12 * * ?", "2025-06-03T07:00:00+08:00")).isNotNull();
    }
}
