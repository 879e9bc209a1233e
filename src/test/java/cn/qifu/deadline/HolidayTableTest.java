package cn.qifu.deadline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class HolidayTableTest {

    private static final HolidayTable REAL = HolidayTable.fromClasspath(HolidayTable.DEFAULT_RESOURCE);

    private static HolidayTable parse(String yaml) {
        return HolidayTable.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private static HolidayYear year(int y) {
        return REAL.year(y).orElseThrow();
    }

    // ---- the real table --------------------------------------------------------------------------------------

    @Test
    void containsTheThreePublishedYears() {
        assertThat(REAL.years()).extracting(HolidayYear::year).containsExactly(2024, 2025, 2026);
        assertThat(REAL.year(2023)).isEmpty();
        assertThat(REAL.year(2027)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1} holidays, {2} adjusted working days, {3} days off")
    @CsvSource({
            "2024, 7, 8, 28",
            "2025, 6, 5, 28",   // 国庆节、中秋节 is one combined range in 2025
            "2026, 7, 6, 33"
    })
    void countsAsPublished(int y, int holidays, int adjusted, int daysOff) {
        HolidayYear hy = year(y);
        assertThat(hy.holidays()).hasSize(holidays);
        assertThat(hy.adjustedWorkingDays()).hasSize(adjusted);
        assertThat(hy.totalHolidayDays()).isEqualTo(daysOff);
        assertThat(hy.holidayDates()).hasSize(daysOff);
    }

    @Test
    void sourcesNameTheNotices() {
        assertThat(year(2024).source()).contains("国办发明电〔2023〕7号", "2023-10-25");
        assertThat(year(2025).source()).contains("国办发明电〔2024〕12号", "2024-11-12");
        assertThat(year(2026).source()).contains("国办发明电〔2025〕7号", "2025-11-04");
    }

    @Test
    void year2024AsPublished() {
        assertThat(year(2024).holidays()).extracting(HolidayYear.Holiday::name, HolidayYear.Holiday::from, HolidayYear.Holiday::to)
                .containsExactly(
                        tuple("元旦", date("2024-01-01"), date("2024-01-01")),
                        tuple("春节", date("2024-02-10"), date("2024-02-17")),
                        tuple("清明节", date("2024-04-04"), date("2024-04-06")),
                        tuple("劳动节", date("2024-05-01"), date("2024-05-05")),
                        tuple("端午节", date("2024-06-10"), date("2024-06-10")),
                        tuple("中秋节", date("2024-09-15"), date("2024-09-17")),
                        tuple("国庆节", date("2024-10-01"), date("2024-10-07")));
        assertThat(year(2024).adjustedWorkingDays()).containsExactly(
                date("2024-02-04"), date("2024-02-18"), date("2024-04-07"), date("2024-04-28"),
                date("2024-05-11"), date("2024-09-14"), date("2024-09-29"), date("2024-10-12"));
    }

    @Test
    void year2025AsPublished() {
        assertThat(year(2025).holidays()).extracting(HolidayYear.Holiday::name, HolidayYear.Holiday::from, HolidayYear.Holiday::to)
                .containsExactly(
                        tuple("元旦", date("2025-01-01"), date("2025-01-01")),
                        tuple("春节", date("2025-01-28"), date("2025-02-04")),
                        tuple("清明节", date("2025-04-04"), date("2025-04-06")),
                        tuple("劳动节", date("2025-05-01"), date("2025-05-05")),
                        tuple("端午节", date("2025-05-31"), date("2025-06-02")),
                        tuple("国庆节、中秋节", date("2025-10-01"), date("2025-10-08")));
        assertThat(year(2025).adjustedWorkingDays()).containsExactly(
                date("2025-01-26"), date("2025-02-08"), date("2025-04-27"), date("2025-09-28"), date("2025-10-11"));
    }

    @Test
    void year2026AsPublished() {
        assertThat(year(2026).holidays()).extracting(HolidayYear.Holiday::name, HolidayYear.Holiday::days)
                .containsExactly(tuple("元旦", 3), tuple("春节", 9), tuple("清明节", 3), tuple("劳动节", 5),
                        tuple("端午节", 3), tuple("中秋节", 3), tuple("国庆节", 7));
        assertThat(year(2026).holidays()).extracting(HolidayYear.Holiday::from)
                .containsExactly(date("2026-01-01"), date("2026-02-15"), date("2026-04-04"), date("2026-05-01"),
                        date("2026-06-19"), date("2026-09-25"), date("2026-10-01"));
        assertThat(year(2026).adjustedWorkingDays()).containsExactly(
                date("2026-01-04"), date("2026-02-14"), date("2026-02-28"), date("2026-05-09"),
                date("2026-09-20"), date("2026-10-10"));
    }

    @Test
    void everyAdjustedDayIsAWeekendDayOutsideTheHolidays() {
        for (HolidayYear y : REAL.years()) {
            for (LocalDate d : y.adjustedWorkingDays()) {
                assertThat(d.getDayOfWeek()).as("%s", d).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                assertThat(y.holidayDates()).as("%s", d).doesNotContain(d);
            }
        }
    }

    // ---- the format ------------------------------------------------------------------------------------------

    @Test
    void parsesASingleYearDocument() {
        HolidayTable t = parse("""
                year: 2027
                source: "uploaded by an administrator"
                holidays:
                  - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }
                  - name: 春节
                    from: 2027-02-06
                    to: 2027-02-13
                adjustedWorkingDays: [2027-02-14]
                """);
        assertThat(t.years()).hasSize(1);
        HolidayYear y = t.year(2027).orElseThrow();
        assertThat(y.source()).isEqualTo("uploaded by an administrator");
        assertThat(y.holidays()).extracting(HolidayYear.Holiday::name).containsExactly("元旦", "春节");
        assertThat(y.adjustedWorkingDays()).containsExactly(date("2027-02-14"));
        assertThat(y.totalHolidayDays()).isEqualTo(3 + 8);
    }

    @Test
    void aYearWithoutAdjustedDaysMayOmitTheList() {
        HolidayYear y = parse("""
                year: 2027
                source: "test"
                holidays:
                  - { name: 元旦, from: 2027-01-01, to: 2027-01-01 }
                """).year(2027).orElseThrow();
        assertThat(y.adjustedWorkingDays()).isEmpty();
    }

    @Test
    void aRangeMayStartInThePrecedingDecember() {
        // as in the 2023 notice (元旦 2022-12-31..2023-01-02) and the 2019 notice (2018-12-29 worked)
        HolidayYear y = parse("""
                year: 2019
                source: "国办发明电〔2018〕15号"
                holidays:
                  - { name: 元旦, from: 2018-12-30, to: 2019-01-01 }
                adjustedWorkingDays: [2018-12-29]
                """).year(2019).orElseThrow();
        assertThat(y.holidayDates()).contains(date("2018-12-30"), date("2018-12-31"), date("2019-01-01"));
        WorkingDayCalendar c = new WorkingDayCalendar(HolidayTable.of(y));
        assertThat(c.isWorkingDay(date("2018-12-29"))).isTrue();
        assertThat(c.isWorkingDay(date("2018-12-31"))).isFalse();
    }

    @Test
    void tablesCanBeBuiltInCode() {
        HolidayTable t = HolidayTable.of(year(2026), year(2024));
        assertThat(t.years()).extracting(HolidayYear::year).containsExactly(2024, 2026);
    }

    // ---- rejected documents ----------------------------------------------------------------------------------

    @Test
    void adjustedDayOnAWednesdayIsRejected() {
        assertThatThrownBy(() -> parse("""
                year: 2025
                source: "test"
                holidays:
                  - { name: 元旦, from: 2025-01-01, to: 2025-01-01 }
                adjustedWorkingDays: [2025-01-26, 2025-10-15]
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-10-15")
                .hasMessageContaining("WEDNESDAY")
                .hasMessageContaining("星期三");
    }

    @Test
    void holidayInTheWrongYearIsRejected() {
        assertThatThrownBy(() -> parse("""
                years:
                  - year: 2025
                    source: "test"
                    holidays:
                      - { name: 国庆节, from: 2024-10-01, to: 2024-10-07 }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-10-01")
                .hasMessageContaining("2025");
        // a range ending in the next year is not this year's either
        assertThatThrownBy(() -> parse("""
                year: 2026
                source: "test"
                holidays:
                  - { name: 元旦, from: 2026-12-31, to: 2027-01-01 }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2027-01-01");
    }

    @Test
    void adjustedDayInTheWrongYearIsRejected() {
        assertThatThrownBy(() -> parse("""
                year: 2026
                source: "test"
                adjustedWorkingDays: [2025-09-28]
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-09-28");
    }

    @Test
    void adjustedDayInsideAHolidayIsRejected() {
        assertThatThrownBy(() -> parse("""
                year: 2025
                source: "test"
                holidays:
                  - { name: 国庆节, from: 2025-10-01, to: 2025-10-08 }
                adjustedWorkingDays: [2025-10-04]
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-10-04")
                .hasMessageContaining("国庆节");
    }

    @Test
    void overlappingHolidaysAreRejected() {
        assertThatThrownBy(() -> parse("""
                year: 2025
                source: "test"
                holidays:
                  - { name: 国庆节, from: 2025-10-01, to: 2025-10-07 }
                  - { name: 中秋节, from: 2025-10-06, to: 2025-10-08 }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-10-06");
    }

    @Test
    void rangeEndingBeforeItStartsIsRejected() {
        assertThatThrownBy(() -> parse("""
                year: 2025
                source: "test"
                holidays:
                  - { name: 春节, from: 2025-02-04, to: 2025-01-28 }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-02-04")
                .hasMessageContaining("2025-01-28");
    }

    @Test
    void duplicateAdjustedDayIsRejected() {
        assertThatThrownBy(() -> parse("""
                year: 2025
                source: "test"
                adjustedWorkingDays: [2025-09-28, 2025-09-28]
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-09-28");
    }

    @Test
    void duplicateYearIsRejected() {
        assertThatThrownBy(() -> parse("""
                years:
                  - { year: 2025, source: a }
                  - { year: 2025, source: b }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025");
    }

    @Test
    void impossibleDateIsRejected() {
        assertThatThrownBy(() -> parse("""
                year: 2025
                source: "test"
                holidays:
                  - { name: 春节, from: 2025-02-30, to: 2025-03-01 }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-02-30");
    }

    @Test
    void misspeltKeyIsRejected() {
        assertThatThrownBy(() -> parse("""
                year: 2025
                source: "test"
                adjustedWorkdays: [2025-09-28]
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adjustedWorkdays");
    }

    @Test
    void missingSourceOrYearIsRejected() {
        assertThatThrownBy(() -> parse("""
                year: 2025
                holidays: []
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
        assertThatThrownBy(() -> parse("""
                holidays:
                  - { name: 元旦, from: 2025-01-01, to: 2025-01-01 }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("years:");
        assertThatThrownBy(() -> parse(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void brokenYamlIsRejected() {
        assertThatThrownBy(() -> parse("years: [ { year: 2025"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingResourceIsRejected() {
        assertThatThrownBy(() -> HolidayTable.fromClasspath("calendar/no-such-file.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calendar/no-such-file.yml");
    }

    @Test
    void recordsValidateWhenBuiltInCodeToo() {
        assertThatThrownBy(() -> new HolidayYear(2025, "test", List.of(), List.of(date("2025-10-15"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2025-10-15");
        assertThatThrownBy(() -> new HolidayYear.Holiday(" ", date("2025-10-01"), date("2025-10-01")))
                .isInstanceOf(IllegalArgumentException.class);
        // the lists are copied: the caller cannot change a validated year afterwards
        List<LocalDate> adjusted = new java.util.ArrayList<>(List.of(date("2025-09-28")));
        HolidayYear y = new HolidayYear(2025, "test", List.of(), adjusted);
        adjusted.add(date("2025-10-15"));
        assertThat(y.adjustedWorkingDays()).containsExactly(date("2025-09-28"));
    }
}
