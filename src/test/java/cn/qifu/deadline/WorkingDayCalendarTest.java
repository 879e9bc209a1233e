package cn.qifu.deadline;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingDayCalendarTest {

    private static final HolidayTable REAL = HolidayTable.fromClasspath("calendar/cn-holidays.yml");

    private WorkingDayCalendar calendar;

    @BeforeEach
    void setUp() {
        calendar = new WorkingDayCalendar(REAL);
    }

    /** An instant given as local time in China, e.g. at("2025-09-30T16:00"). */
    private static Instant at(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private static HolidayYear fictional2027() {
        // Test data only: the 2027 notice is not part of cn-holidays.yml.
        return new HolidayYear(2027, "test data, not an official notice",
                List.of(new HolidayYear.Holiday("元旦", date("2027-01-01"), date("2027-01-03")),
                        new HolidayYear.Holiday("春节", date("2027-02-06"), date("2027-02-13"))),
                List.of(date("2027-02-14")));
    }

    @Nested
    class WorkingDays {

        @ParameterizedTest(name = "{0} working = {1}")
        @CsvSource({
                "2025-09-30, true",   // Tuesday before 国庆
                "2025-10-01, false",  // 国庆节、中秋节
                "2025-10-08, false",  // last day of the 8-day break, a Wednesday
                "2025-10-09, true",
                "2025-09-28, true",   // Sunday, 调休上班
                "2025-10-11, true",   // Saturday, 调休上班
                "2025-10-12, false",  // ordinary Sunday
                "2025-01-01, false",  // 元旦, a Wednesday
                "2025-01-26, true",   // Sunday before 春节, 调休上班
                "2025-02-04, false",  // 正月初七
                "2025-02-08, true",   // Saturday, 调休上班
                "2025-05-05, false",  // Monday, 劳动节
                "2025-06-02, false",  // Monday, 端午节
                "2024-02-04, true",
                "2024-02-18, true",
                "2024-02-09, true",   // 除夕 2024 is not a day off (only encouraged)
                "2024-06-10, false",
                "2024-09-14, true",
                "2024-12-31, true",
                "2026-01-02, false",  // Friday, 元旦
                "2026-01-04, true",   // Sunday, 调休上班
                "2026-02-23, false",  // Monday, 正月初七
                "2026-02-28, true",
                "2026-04-06, false",  // Monday, 清明节
                "2026-05-09, true",
                "2026-06-19, false",  // Friday, 端午节
                "2026-09-20, true",
                "2026-09-25, false",  // Friday, 中秋节
                "2026-10-07, false",
                "2026-10-10, true",
                "2026-11-20, true",   // ordinary Friday
                "2026-11-21, false"   // ordinary Saturday
        })
        void followsThePublishedTable(LocalDate d, boolean working) {
            assertThat(calendar.isWorkingDay(d)).isEqualTo(working);
        }

        @Test
        void unpublishedYearCountsMondayToFridayOnly() {
            assertThat(calendar.isWorkingDay(date("2027-01-01"))).isTrue();   // Friday; 元旦 in reality, unknown here
            assertThat(calendar.isWorkingDay(date("2027-01-02"))).isFalse();  // Saturday
            assertThat(calendar.isWorkingDay(date("2027-01-03"))).isFalse();  // Sunday
            assertThat(calendar.isWorkingDay(date("2027-10-01"))).isTrue();   // Friday
            assertThat(calendar.isWorkingDay(date("2023-10-02"))).isTrue();   // a year before the table: weekdays too
        }

        @Test
        void workingDayCountsPerYearMatchTheTable() {
            // 2025: 261 weekdays; 28 days off, 18 of them weekdays; 5 adjusted working weekend days
            assertThat(calendar.workingDaysBetween(date("2024-12-31"), date("2025-12-31"))).isEqualTo(261 - 18 + 5);
            // 2026: 261 weekdays; 33 days off, 19 of them weekdays; 6 adjusted
            assertThat(calendar.workingDaysBetween(date("2025-12-31"), date("2026-12-31"))).isEqualTo(261 - 19 + 6);
            // 2024 (leap year, starts on a Monday): 262 weekdays; 28 days off, 19 of them weekdays; 8 adjusted
            assertThat(calendar.workingDaysBetween(date("2023-12-31"), date("2024-12-31"))).isEqualTo(262 - 19 + 8);
        }
    }

    @Nested
    class Deadlines {

        @Test
        void oneDayProblemAcceptedBeforeNationalDayIsDueAtTheEndOf9October() {
            Deadline d = calendar.deadline(at("2025-09-30T16:00"), 1);

            assertThat(d.dueDate()).isEqualTo(date("2025-10-09"));
            assertThat(d.at()).isEqualTo(at("2025-10-10T00:00"));
            assertThat(d.atOffset()).isEqualTo(OffsetDateTime.parse("2025-10-10T00:00+08:00"));
            assertThat(d.atOffset().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
            assertThat(d.provisional()).isFalse();
        }

        @Test
        void timeOfDayOfAcceptanceDoesNotMatter() {
            for (String time : List.of("00:00", "08:30", "12:00", "16:00", "23:59")) {
                assertThat(calendar.deadline(at("2025-09-30T" + time), 1).at())
                        .as("accepted 2025-09-30 %s", time)
                        .isEqualTo(at("2025-10-10T00:00"));
            }
        }

        @Test
        void acceptedAt2359OnAFridayCountsFromMonday() {
            Deadline d = calendar.deadline(at("2025-03-14T23:59"), 1);
            assertThat(d.dueDate()).isEqualTo(date("2025-03-17"));
            assertThat(d.at()).isEqualTo(at("2025-03-18T00:00"));
        }

        @Test
        void theLocalDateOfAcceptanceIsTakenInChinaNotUtc() {
            // 2025-03-13T16:30Z is Friday 00:30 in Shanghai (still Thursday in UTC)
            Deadline friday = calendar.deadline(Instant.parse("2025-03-13T16:30:00Z"), 1);
            assertThat(friday.dueDate()).isEqualTo(date("2025-03-17"));
            // 2025-03-13T15:59Z is Thursday 23:59 in Shanghai
            Deadline thursday = calendar.deadline(Instant.parse("2025-03-13T15:59:00Z"), 1);
            assertThat(thursday.dueDate()).isEqualTo(date("2025-03-14"));
        }

        @Test
        void acceptedOnAHoliday() {
            assertThat(calendar.deadline(at("2025-10-03T10:00"), 1).dueDate()).isEqualTo(date("2025-10-09"));
            // 10-09 Thu, 10-10 Fri, 10-11 Sat (调休上班)
            assertThat(calendar.deadline(at("2025-10-03T10:00"), 3).dueDate()).isEqualTo(date("2025-10-11"));
            // the last day of 春节 2026 is a Monday holiday: counting starts on Tuesday 02-24
            Deadline d = calendar.deadline(at("2026-02-23T09:00"), 5);
            assertThat(d.dueDate()).isEqualTo(date("2026-02-28"));  // 24, 25, 26, 27, Sat 28 (调休上班)
            assertThat(d.at()).isEqualTo(at("2026-03-01T00:00"));
        }

        @Test
        void acceptedOnAnAdjustedWorkingSaturday() {
            // Sat 2025-10-11 is a working day; the day of acceptance is not counted, Sunday 10-12 is off
            assertThat(calendar.deadline(at("2025-10-11T15:00"), 1).dueDate()).isEqualTo(date("2025-10-13"));
            // Sat 2025-02-08
            assertThat(calendar.deadline(at("2025-02-08T09:00"), 3).dueDate()).isEqualTo(date("2025-02-12"));
        }

        @Test
        void adjustedWorkingSundayCounts() {
            // Fri 2025-09-26 → Sat 09-27 off → Sun 09-28 调休上班
            Deadline d = calendar.deadline(at("2025-09-26T10:00"), 1);
            assertThat(d.dueDate()).isEqualTo(date("2025-09-28"));
            assertThat(d.at()).isEqualTo(at("2025-09-29T00:00"));
            // 3 days: 09-28, 09-29, 09-30
            assertThat(calendar.deadline(at("2025-09-26T10:00"), 3).dueDate()).isEqualTo(date("2025-09-30"));
            // 5 days: then 10-09, 10-10
            assertThat(calendar.deadline(at("2025-09-26T10:00"), 5).dueDate()).isEqualTo(date("2025-10-10"));
        }

        @Test
        void springFestival2025() {
            // accepted Mon 01-27, the day before 除夕: 01-28..02-04 off, then Wed 02-05
            assertThat(calendar.deadline(at("2025-01-27T11:00"), 1).dueDate()).isEqualTo(date("2025-02-05"));
            assertThat(calendar.deadline(at("2025-01-27T11:00"), 3).dueDate()).isEqualTo(date("2025-02-07"));
            // 02-05, 06, 07, Sat 02-08 (调休上班), Mon 02-10
            assertThat(calendar.deadline(at("2025-01-27T11:00"), 5).dueDate()).isEqualTo(date("2025-02-10"));
            // accepted Fri 01-24: Sun 01-26 (调休上班), Mon 01-27, then 02-05
            assertThat(calendar.deadline(at("2025-01-24T17:00"), 3).dueDate()).isEqualTo(date("2025-02-05"));
            assertThat(calendar.deadline(at("2025-01-24T17:00"), 5).dueDate()).isEqualTo(date("2025-02-07"));
        }

        @Test
        void springFestival2026() {
            // accepted Thu 02-12: Fri 02-13, Sat 02-14 (调休上班), 02-15..02-23 off, Tue 02-24 …
            assertThat(calendar.deadline(at("2026-02-12T10:00"), 1).dueDate()).isEqualTo(date("2026-02-13"));
            assertThat(calendar.deadline(at("2026-02-12T10:00"), 3).dueDate()).isEqualTo(date("2026-02-24"));
            Deadline five = calendar.deadline(at("2026-02-12T10:00"), 5);
            assertThat(five.dueDate()).isEqualTo(date("2026-02-26"));
            assertThat(five.at()).isEqualTo(at("2026-02-27T00:00"));
            assertThat(five.provisional()).isFalse();
            // accepted on the working Saturday 02-14 itself
            assertThat(calendar.deadline(at("2026-02-14T10:00"), 3).dueDate()).isEqualTo(date("2026-02-26"));
        }

        @Test
        void nationalDay2024() {
            // accepted Fri 2024-09-27: Sun 09-29 (调休上班), Mon 09-30, 10-01..10-07 off, Tue 10-08 …
            assertThat(calendar.deadline(at("2024-09-27T09:00"), 1).dueDate()).isEqualTo(date("2024-09-29"));
            assertThat(calendar.deadline(at("2024-09-27T09:00"), 3).dueDate()).isEqualTo(date("2024-10-08"));
            assertThat(calendar.deadline(at("2024-09-27T09:00"), 5).dueDate()).isEqualTo(date("2024-10-10"));
            // accepted Thu 10-10: Fri 10-11, Sat 10-12 (调休上班), Mon 10-14
            assertThat(calendar.deadline(at("2024-10-10T09:00"), 3).dueDate()).isEqualTo(date("2024-10-14"));
        }

        @Test
        void configuredEndOfDay1730() {
            WorkingDayCalendar office = new WorkingDayCalendar(REAL, ZoneId.of("Asia/Shanghai"), "17:30");
            Deadline d = office.deadline(at("2025-09-30T16:00"), 1);
            assertThat(d.dueDate()).isEqualTo(date("2025-10-09"));
            assertThat(d.at()).isEqualTo(at("2025-10-09T17:30"));
            assertThat(d.atOffset()).isEqualTo(OffsetDateTime.parse("2025-10-09T17:30+08:00"));
            assertThat(office.endOfDay(date("2025-10-09"))).isEqualTo(at("2025-10-09T17:30"));
        }

        @Test
        void endOfDayConfiguration() {
            assertThat(calendar.endOfDay(date("2025-10-09"))).isEqualTo(at("2025-10-10T00:00"));
            assertThat(calendar.startOfDay(date("2025-10-09"))).isEqualTo(at("2025-10-09T00:00"));
            assertThat(new WorkingDayCalendar(REAL, null, null).endOfDay(date("2025-10-09")))
                    .isEqualTo(at("2025-10-10T00:00"));
            assertThat(new WorkingDayCalendar(REAL, ZoneId.of("Asia/Shanghai"), " 24:00 ").endOfDay(date("2025-12-31")))
                    .isEqualTo(at("2026-01-01T00:00"));
            assertThatThrownBy(() -> new WorkingDayCalendar(REAL, ZoneId.of("Asia/Shanghai"), "25:00"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("25:00");
            assertThatThrownBy(() -> new WorkingDayCalendar(REAL, ZoneId.of("Asia/Shanghai"), "5pm"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5pm");
        }

        @Test
        void zeroOrNegativeWorkingDaysAreRejected() {
            assertThatThrownBy(() -> calendar.deadline(at("2025-09-30T16:00"), 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
            assertThatThrownBy(() -> calendar.deadline(at("2025-09-30T16:00"), -3))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void insidePublishedYearsTheDeadlineIsFinal() {
            assertThat(calendar.deadline(at("2025-06-10T10:00"), 5).provisional()).isFalse();
            // crossing 2025 → 2026, both published
            Deadline d = calendar.deadline(at("2025-12-30T10:00"), 3);
            assertThat(d.dueDate()).isEqualTo(date("2026-01-05"));  // 12-31, (01-01..03 off), Sun 01-04, Mon 01-05
            assertThat(d.provisional()).isFalse();
        }
    }

    @Nested
    class UnpublishedYears {

        @Test
        void deadlineIn2027UsesWeekdaysAndIsProvisional() {
            // Fri 2027-03-12 → Mon 03-15
            Deadline d = calendar.deadline(at("2027-03-12T10:00"), 1);
            assertThat(d.dueDate()).isEqualTo(date("2027-03-15"));
            assertThat(d.provisional()).isTrue();
            assertThat(calendar.deadline(at("2027-03-08T10:00"), 3).dueDate()).isEqualTo(date("2027-03-11"));
        }

        @Test
        void deadlineReachingInto2027IsProvisional() {
            Deadline d = calendar.deadline(at("2026-12-31T10:00"), 1);
            assertThat(d.dueDate()).isEqualTo(date("2027-01-01"));
            assertThat(d.provisional()).isTrue();
            // accepted 12-30, due 12-31: nothing counted lies in 2027
            assertThat(calendar.deadline(at("2026-12-30T10:00"), 1).provisional()).isFalse();
        }

        @Test
        void provisionalRanges() {
            assertThat(calendar.isProvisional(date("2025-01-01"), date("2026-12-31"))).isFalse();
            assertThat(calendar.isProvisional(date("2026-12-01"), date("2027-01-04"))).isTrue();
            assertThat(calendar.isProvisional(date("2023-12-29"), date("2024-01-02"))).isTrue();
            assertThat(calendar.isProvisional(date("2027-01-04"), date("2026-12-01"))).isTrue();
        }

        @Test
        void publishedAndMissingYears() {
            assertThat(calendar.publishedYears()).containsExactly(2024, 2025, 2026);
            assertThat(calendar.isPublished(2025)).isTrue();
            assertThat(calendar.isPublished(2027)).isFalse();
            assertThat(calendar.missingYears(date("2026-11-21"))).containsExactly(2027);
            assertThat(calendar.missingYears(date("2026-06-01"))).containsExactly(2027);
            assertThat(calendar.missingYears(date("2025-06-01"))).isEmpty();
            assertThat(calendar.missingYears(date("2028-01-02"))).containsExactly(2027, 2028, 2029);
        }

        @Test
        void missingYearsWithAnEmptyTable() {
            WorkingDayCalendar empty = new WorkingDayCalendar(HolidayTable.of());
            assertThat(empty.missingYears(date("2026-11-21"))).containsExactly(2026, 2027);
            assertThat(empty.isWorkingDay(date("2025-10-01"))).isTrue();
        }

        @Test
        void loadingA2027TableAtRuntimeChangesTheAnswerAndClearsProvisional() {
            Instant accepted = at("2026-12-31T10:00");
            assertThat(calendar.deadline(accepted, 1).dueDate()).isEqualTo(date("2027-01-01"));

            calendar.load(fictional2027());

            Deadline d = calendar.deadline(accepted, 1);
            assertThat(d.dueDate()).isEqualTo(date("2027-01-04"));
            assertThat(d.at()).isEqualTo(at("2027-01-05T00:00"));
            assertThat(d.provisional()).isFalse();
            assertThat(calendar.publishedYears()).containsExactly(2024, 2025, 2026, 2027);
            assertThat(calendar.missingYears(date("2026-11-21"))).isEmpty();
            assertThat(calendar.isWorkingDay(date("2027-02-14"))).isTrue();   // Sunday, adjusted in the test data
            assertThat(calendar.year(2027)).contains(fictional2027());
        }

        @Test
        void loadingAnUploadedSingleYearDocument() {
            String yaml = """
                    year: 2027
                    source: "test upload"
                    holidays:
                      - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }
                    adjustedWorkingDays: []
                    """;
            HolidayTable upload = HolidayTable.parse(new java.io.ByteArrayInputStream(
                    yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            calendar.load(upload);
            assertThat(calendar.isWorkingDay(date("2027-01-01"))).isFalse();
            assertThat(calendar.deadline(at("2027-03-12T10:00"), 1).provisional()).isFalse();
        }

        @Test
        void loadingAYearReplacesIt() {
            assertThat(calendar.isWorkingDay(date("2025-10-02"))).isFalse();
            HolidayYear corrected = new HolidayYear(2025, "replacement",
                    List.of(new HolidayYear.Holiday("元旦", date("2025-01-01"), date("2025-01-01"))), List.of());
            calendar.load(corrected);
            assertThat(calendar.isWorkingDay(date("2025-10-02"))).isTrue();
            assertThat(calendar.isWorkingDay(date("2025-09-28"))).isFalse();  // no longer an adjusted Sunday
            assertThat(calendar.isWorkingDay(date("2026-10-02"))).isFalse();  // other years untouched
            assertThat(calendar.year(2025).orElseThrow().source()).isEqualTo("replacement");
            // the table given to the constructor is not modified
            assertThat(REAL.year(2025).orElseThrow().holidays()).hasSize(6);
        }

        @Test
        void concurrentLoadsAreNotLost() throws Exception {
            WorkingDayCalendar shared = new WorkingDayCalendar(REAL);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int y = 2030; y < 2070; y++) {
                    int year = y;
                    futures.add(pool.submit(() -> {
                        start.await();
                        shared.load(new HolidayYear(year, "test",
                                List.of(new HolidayYear.Holiday("元旦", LocalDate.of(year, 1, 1), LocalDate.of(year, 1, 1))),
                                List.of()));
                        // a reader meanwhile always sees a consistent answer for a published year
                        assertThat(shared.isWorkingDay(date("2025-10-01"))).isFalse();
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(shared.publishedYears()).hasSize(3 + 40);
            for (int y = 2030; y < 2070; y++) {
                assertThat(shared.isWorkingDay(LocalDate.of(y, 1, 1))).as("元旦 %d", y).isFalse();
            }
        }
    }

    @Nested
    class DayArithmetic {

        @Test
        void plusWorkingDaysForwardAndBackward() {
            assertThat(calendar.plusWorkingDays(date("2025-09-30"), 1)).isEqualTo(date("2025-10-09"));
            assertThat(calendar.plusWorkingDays(date("2025-09-30"), 0)).isEqualTo(date("2025-09-30"));
            assertThat(calendar.plusWorkingDays(date("2025-10-09"), -1)).isEqualTo(date("2025-09-30"));
            // back from Mon 10-13: Sat 10-11 (调休上班), Fri 10-10
            assertThat(calendar.plusWorkingDays(date("2025-10-13"), -1)).isEqualTo(date("2025-10-11"));
            assertThat(calendar.plusWorkingDays(date("2025-10-13"), -2)).isEqualTo(date("2025-10-10"));
            // back across 春节 2026 from Tue 02-24: Sat 02-14, Fri 02-13, Thu 02-12
            assertThat(calendar.plusWorkingDays(date("2026-02-24"), -3)).isEqualTo(date("2026-02-12"));
            // from a holiday backwards: the day itself is not counted
            assertThat(calendar.plusWorkingDays(date("2025-10-05"), -1)).isEqualTo(date("2025-09-30"));
        }

        @Test
        void plusAndMinusAreInverseOnWorkingDays() {
            for (LocalDate d = date("2024-01-02"); d.isBefore(date("2026-12-20")); d = d.plusDays(1)) {
                if (!calendar.isWorkingDay(d)) {
                    continue;
                }
                for (int n : new int[]{1, 3, 5}) {
                    LocalDate later = calendar.plusWorkingDays(d, n);
                    assertThat(calendar.plusWorkingDays(later, -n)).as("%s ± %d", d, n).isEqualTo(d);
                    assertThat(calendar.workingDaysBetween(d, later)).as("%s → %s", d, later).isEqualTo(n);
                }
            }
        }

        @Test
        void nextWorkingDayIsStrictlyAfter() {
            assertThat(calendar.nextWorkingDay(date("2025-09-30"))).isEqualTo(date("2025-10-09"));
            assertThat(calendar.nextWorkingDay(date("2025-09-26"))).isEqualTo(date("2025-09-28"));
            assertThat(calendar.nextWorkingDay(date("2026-02-13"))).isEqualTo(date("2026-02-14"));
            assertThat(calendar.nextWorkingDay(date("2026-02-14"))).isEqualTo(date("2026-02-24"));
            assertThat(calendar.nextWorkingDay(date("2025-03-17"))).isEqualTo(date("2025-03-18"));
        }

        @Test
        void workingDaysBetween() {
            assertThat(calendar.workingDaysBetween(date("2025-09-30"), date("2025-10-09"))).isEqualTo(1);
            // 09-28 (Sun, adjusted), 09-29, 09-30, 10-09, 10-10, 10-11 (Sat, adjusted)
            assertThat(calendar.workingDaysBetween(date("2025-09-26"), date("2025-10-12"))).isEqualTo(6);
            assertThat(calendar.workingDaysBetween(date("2025-10-12"), date("2025-09-26"))).isEqualTo(-6);
            assertThat(calendar.workingDaysBetween(date("2025-10-01"), date("2025-10-08"))).isZero();
            assertThat(calendar.workingDaysBetween(date("2025-10-09"), date("2025-10-09"))).isZero();
        }
    }

    @Nested
    class ClockStopping {

        @Test
        void workingTimeAcrossAWeekend() {
            // Fri 20:00 → Mon 10:00: 4 h on Friday + 10 h on Monday
            assertThat(calendar.workingTimeBetween(at("2025-03-14T20:00"), at("2025-03-17T10:00")))
                    .isEqualTo(Duration.ofHours(14));
        }

        @Test
        void workingTimeAcrossNationalDayAndAnAdjustedSunday() {
            // Tue 09-30 12:00 → Thu 10-09 06:00: 12 h + 6 h, the 8 days off contribute nothing
            assertThat(calendar.workingTimeBetween(at("2025-09-30T12:00"), at("2025-10-09T06:00")))
                    .isEqualTo(Duration.ofHours(18));
            // Sat 09-27 (off) → Mon 09-29 00:00: all of Sunday 09-28 (adjusted working day)
            assertThat(calendar.workingTimeBetween(at("2025-09-27T08:00"), at("2025-09-29T00:00")))
                    .isEqualTo(Duration.ofHours(24));
            // entirely inside the holiday
            assertThat(calendar.workingTimeBetween(at("2025-10-02T08:00"), at("2025-10-06T18:00"))).isZero();
            // reversed order gives the negated value
            assertThat(calendar.workingTimeBetween(at("2025-10-09T06:00"), at("2025-09-30T12:00")))
                    .isEqualTo(Duration.ofHours(-18));
        }

        @Test
        void plusWorkingTimeSkipsDaysOff() {
            assertThat(calendar.plusWorkingTime(at("2025-09-30T12:00"), Duration.ofHours(18)))
                    .isEqualTo(at("2025-10-09T06:00"));
            // starting on a holiday: the clock starts at the next working day
            assertThat(calendar.plusWorkingTime(at("2025-10-03T12:00"), Duration.ofHours(6)))
                    .isEqualTo(at("2025-10-09T06:00"));
            // Friday 20:00 + 4 h ends exactly with Friday: the result is the start of the next working day
            assertThat(calendar.plusWorkingTime(at("2025-03-14T20:00"), Duration.ofHours(4)))
                    .isEqualTo(at("2025-03-17T00:00"));
            assertThat(calendar.plusWorkingTime(at("2025-03-14T20:00"), Duration.ZERO))
                    .isEqualTo(at("2025-03-14T20:00"));
            // zero from a day off: the result is still on a working day, the start of the next one
            assertThat(calendar.plusWorkingTime(at("2025-10-04T03:00"), Duration.ZERO))
                    .isEqualTo(at("2025-10-09T00:00"));
            assertThatThrownBy(() -> calendar.plusWorkingTime(at("2025-03-14T20:00"), Duration.ofHours(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aStoppedClockMovesTheDeadlineByTheWorkingTimeSpentWaiting() {
            Deadline original = calendar.deadline(at("2025-09-30T09:00"), 1);   // end of 10-09
            // waiting for the enterprise from 09-30 16:00 until 10-09 10:00 → 8 h + 10 h of working time
            Duration waited = calendar.workingTimeBetween(at("2025-09-30T16:00"), at("2025-10-09T10:00"));
            assertThat(waited).isEqualTo(Duration.ofHours(18));
            assertThat(calendar.plusWorkingTime(original.at(), waited)).isEqualTo(at("2025-10-10T18:00"));
            // 24 h more move a Friday-evening deadline onto the working Saturday 10-11 (调休上班)
            assertThat(calendar.plusWorkingTime(at("2025-10-10T18:00"), Duration.ofHours(24)))
                    .isEqualTo(at("2025-10-11T18:00"));
        }

        @Test
        void roundTripLandsExactlyOnEveryWorkingInstant() {
            Instant base = at("2025-09-20T03:00");
            for (int i = 0; i < 120; i++) {
                Instant a = base.plus(Duration.ofHours(7L * i));
                for (int k = 0; k < 30; k++) {
                    Instant b = a.plus(Duration.ofHours(13L * k));
                    Duration w = calendar.workingTimeBetween(a, b);
                    Instant back = calendar.plusWorkingTime(a, w);
                    // same working-time distance, always
                    assertThat(calendar.workingTimeBetween(a, back)).as("%s → %s", a, b).isEqualTo(w);
                    if (calendar.isWorkingDay(LocalDate.ofInstant(b, ZoneId.of("Asia/Shanghai")))) {
                        assertThat(back).as("%s → %s", a, b).isEqualTo(b);
                    }
                }
            }
        }

        @Test
        void roundTripWhenBIsTheStartOfAWorkingDayAfterAWeekend() {
            Instant a = at("2025-03-14T10:00");
            Instant b = at("2025-03-17T00:00");
            Duration w = calendar.workingTimeBetween(a, b);
            assertThat(w).isEqualTo(Duration.ofHours(14));
            assertThat(calendar.plusWorkingTime(a, w)).isEqualTo(b);
        }

        @Test
        void shiftingByTheSameWorkingTimeKeepsTheDistance() {
            Instant a = at("2026-02-12T15:00");
            Instant b = at("2026-02-24T11:00");
            Duration w = calendar.workingTimeBetween(a, b);
            // Thu 9 h + Fri 24 h + Sat 02-14 24 h (adjusted) + Tue 11 h
            assertThat(w).isEqualTo(Duration.ofHours(9 + 24 + 24 + 11));
            Instant t = at("2026-09-30T12:00");
            Instant shifted = calendar.plusWorkingTime(t, w);
            // Wed 09-30 12 h, 10-01..07 off, Thu 10-08 24 h, Fri 10-09 24 h, Sat 10-10 (adjusted) 8 h
            assertThat(shifted).isEqualTo(at("2026-10-10T08:00"));
            assertThat(calendar.workingTimeBetween(t, shifted)).isEqualTo(w);
            assertThat(LocalDate.ofInstant(shifted, ZoneId.of("Asia/Shanghai")).getDayOfWeek())
                    .isEqualTo(DayOfWeek.SATURDAY);
        }
    }
}
