package cn.qifu.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** What a process designer's durations mean in timers and due dates. */
class WorkingDayBusinessCalendarTest {

    private final WorkingDayBusinessCalendar calendar = new WorkingDayBusinessCalendar(
            new WorkingDayCalendar(HolidayTable.fromClasspath(HolidayTable.DEFAULT_RESOURCE)));

    private static Date at(String text) {
        return Date.from(OffsetDateTime.parse(text).toInstant());
    }

    @Test
    void daysAreWorkingDaysEndingAtTheEndOfTheDay() {
        // Thu 2025-09-25 + 3 working days: Fri 26, Sun 28 (adjusted working day), Mon 29
        assertThat(calendar.resolveDuedate("P3D", at("2025-09-25T15:00:00+08:00"))).isEqualTo(at("2025-09-30T00:00:00+08:00"));
        // across 国庆+中秋 2025
        assertThat(calendar.resolveDuedate("P1D", at("2025-09-30T09:00:00+08:00"))).isEqualTo(at("2025-10-10T00:00:00+08:00"));
    }

    @Test
    void hoursAreClockTimeAndMayFollowTheDays() {
        assertThat(calendar.resolveDuedate("PT2H", at("2025-10-01T09:00:00+08:00"))).isEqualTo(at("2025-10-01T11:00:00+08:00"));
        assertThat(calendar.resolveDuedate("P1DT9H", at("2025-06-03T10:00:00+08:00"))).isEqualTo(at("2025-06-05T09:00:00+08:00"));
        assertThat(calendar.resolveDuedate("P0D", at("2025-06-03T10:00:00+08:00"))).isEqualTo(at("2025-06-03T10:00:00+08:00"));
    }

    @Test
    void datesAndOtherDurationsAsTheEngineReadsThem() {
        assertThat(calendar.resolveDuedate("2025-12-31T18:00:00+08:00", at("2025-06-03T10:00:00+08:00")))
                .isEqualTo(at("2025-12-31T18:00:00+08:00"));
        assertThat(calendar.resolveDuedate("P1M", at("2025-06-03T10:00:00+08:00"))).isEqualTo(at("2025-07-03T10:00:00+08:00"));
        assertThatThrownBy(() -> calendar.resolveDuedate("soon", at("2025-06-03T10:00:00+08:00")))
                .hasMessageContaining("P<n>D");
    }
}
