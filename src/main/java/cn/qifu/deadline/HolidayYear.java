package cn.qifu.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One year of the State Council holiday notice (国务院办公厅关于 20xx 年部分节假日安排的通知): the 放假 / 放假调休
 * ranges as published and the 调休上班 weekend days. Immutable; validated on construction so that a bad upload is
 * rejected before it can reach a {@link WorkingDayCalendar}.
 */
public record HolidayYear(int year, String source, List<Holiday> holidays, List<LocalDate> adjustedWorkingDays) {

    /** One published range, weekend days inside it included (e.g. 春节 2025-01-28..2025-02-04). */
    public record Holiday(String name, LocalDate from, LocalDate to) {

        public Holiday {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("节假日缺少名称 / holiday without a name (" + from + ".." + to + ")");
            }
            name = name.strip();
            if (from == null || to == null) {
                throw new IllegalArgumentException("节假日 " + name + " 缺少起止日期 / holiday " + name + " needs both from and to");
            }
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("节假日 " + name + " 的结束日期 " + to + " 早于开始日期 " + from
                        + " / holiday " + name + " ends (" + to + ") before it starts (" + from + ")");
            }
        }

        /** Every date of the range, both ends included. */
        public Stream<LocalDate> dates() {
            return from.datesUntil(to.plusDays(1));
        }

        /** Number of days off as published (共 N 天). */
        public int days() {
            return (int) ChronoUnit.DAYS.between(from, to) + 1;
        }

        public boolean contains(LocalDate d) {
            return !d.isBefore(from) && !d.isAfter(to);
        }
    }

    public HolidayYear {
        if (year < 1949 || year > 9999) {
            throw new IllegalArgumentException("年份无效 / invalid year: " + year);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(year + " 年缺少来源（通知文号与发布日期） / year " + year
                    + " needs a source (document number and publication date)");
        }
        holidays = copyWithoutNulls(holidays, year, "holidays");
        adjustedWorkingDays = copyWithoutNulls(adjustedWorkingDays, year, "adjustedWorkingDays");

        for (Holiday h : holidays) {
            // The end of a range is always in the notice's year; its start may fall in the preceding December
            // (the 2023 notice: 元旦 2022-12-31..2023-01-02; the 2019 notice: 元旦 2018-12-30..2019-01-01).
            if (!belongsTo(h.from(), year) || h.to().getYear() != year) {
                throw new IllegalArgumentException("节假日 " + h.name() + " " + h.from() + ".." + h.to() + " 不属于 " + year
                        + " 年 / holiday " + h.name() + " " + h.from() + ".." + h.to() + " is not in year " + year);
            }
        }
        List<Holiday> sorted = holidays.stream().sorted(Comparator.comparing(Holiday::from)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            Holiday prev = sorted.get(i - 1), next = sorted.get(i);
            if (!next.from().isAfter(prev.to())) {
                throw new IllegalArgumentException("节假日 " + prev.name() + " 与 " + next.name() + " 在 " + next.from()
                        + " 重叠 / holidays " + prev.name() + " and " + next.name() + " overlap on " + next.from());
            }
        }

        Set<LocalDate> seen = new HashSet<>();
        for (LocalDate d : adjustedWorkingDays) {
            // The 2019 notice listed 2018-12-29 as 调休上班, so the preceding December is allowed here too.
            if (!belongsTo(d, year)) {
                throw new IllegalArgumentException("调休上班日 " + d + " 不属于 " + year + " 年 / adjusted working day "
                        + d + " is not in year " + year);
            }
            DayOfWeek dow = d.getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                throw new IllegalArgumentException("调休上班日 " + d + " 是" + chineseWeekday(dow) + "，不是周六或周日"
                        + " / adjusted working day " + d + " is a " + dow + ", not a Saturday or Sunday");
            }
            if (!seen.add(d)) {
                throw new IllegalArgumentException("调休上班日 " + d + " 重复 / adjusted working day " + d + " is listed twice");
            }
            for (Holiday h : holidays) {
                if (h.contains(d)) {
                    throw new IllegalArgumentException("调休上班日 " + d + " 落在节假日 " + h.name() + " 内"
                            + " / adjusted working day " + d + " lies inside holiday " + h.name()
                            + " " + h.from() + ".." + h.to());
                }
            }
        }
    }

    /** All days off of this notice (the union of the published ranges). */
    public Set<LocalDate> holidayDates() {
        return holidays.stream().flatMap(Holiday::dates).collect(Collectors.toUnmodifiableSet());
    }

    /** Total days off as published, e.g. 28 for 2025, 33 for 2026. */
    public int totalHolidayDays() {
        return holidays.stream().mapToInt(Holiday::days).sum();
    }

    private static boolean belongsTo(LocalDate d, int year) {
        return d.getYear() == year || (d.getYear() == year - 1 && d.getMonth() == Month.DECEMBER);
    }

    private static <T> List<T> copyWithoutNulls(List<T> list, int year, String field) {
        if (list == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(list);
        if (copy.contains(null)) {
            throw new IllegalArgumentException(year + " 年的 " + field + " 含空项 / " + field + " of year " + year
                    + " contains an empty entry");
        }
        return List.copyOf(copy);
    }

    private static String chineseWeekday(DayOfWeek dow) {
        return "星期" + "一二三四五六日".charAt(dow.getValue() - 1);
    }
}
