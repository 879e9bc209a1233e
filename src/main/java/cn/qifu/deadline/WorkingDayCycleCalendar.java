package cn.qifu.deadline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * Timer cycles on the working-day calendar, for the center's rhythm (日报告、周汇总、月督办): a process designer writes
 * one of these as the cycle of a timer start event in Camunda Modeler —
 * <ul>
 *   <li>{@code WORKDAYS 08:30}: every working day at 08:30 (holidays skipped, adjusted working weekends included);</li>
 *   <li>{@code FIRST_WORKDAY_OF_WEEK 08:30}: the first working day of each week (Monday, or later after a holiday);</li>
 *   <li>{@code FIRST_WORKDAY_OF_MONTH 09:00}: the first working day of each month.</li>
 * </ul>
 * Anything else (cron, ISO-8601 repetitions) is read as the engine always does.
 */
public class WorkingDayCycleCalendar extends CycleBusinessCalendar {

    private static final Pattern CYCLE = Pattern.compile("(WORKDAYS|FIRST_WORKDAY_OF_WEEK|FIRST_WORKDAY_OF_MONTH)\\s+(\\d{1,2}:\\d{2})");
    /** How far ahead to look for the next occurrence: longer than any run of holidays. */
    private static final int HORIZON_DAYS = 400;

    private final WorkingDayCalendar calendar;

    public WorkingDayCycleCalendar(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public Date resolveDuedate(String description) {
        return resolveDuedate(description, (Date) null, 0L);
    }

    @Override
    public Date resolveDuedate(String description, Task task) {
        return resolveDuedate(description, (Date) null, 0L);
    }

    @Override
    public Date resolveDuedate(String description, Date startDate) {
        return resolveDuedate(description, startDate, 0L);
    }

    @Override
    public Date resolveDuedate(String description, Date startDate, long repeatOffset) {
        Matcher matcher = CYCLE.matcher(description.trim().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            return super.resolveDuedate(description, startDate, repeatOffset);
        }
        LocalTime time;
        try {
            time = LocalTime.parse(matcher.group(2).length() == 4 ? "0" + matcher.group(2) : matcher.group(2));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("定时周期的时间不正确 (bad time in timer cycle): " + description, e);
        }
        return Date.from(next(matcher.group(1), time, (startDate != null ? startDate : ClockUtil.getCurrentTime()).toInstant()));
    }

    /** The first occurrence strictly after {@code after}. */
    Instant next(String kind, LocalTime time, Instant after) {
        LocalDate day = LocalDate.ofInstant(after, calendar.zone());
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.plusDays(1)) {
            Instant at = day.atTime(time).atZone(calendar.zone()).toInstant();
            if (at.isAfter(after) && matches(kind, day)) {
                return at;
            }
        }
        throw new IllegalStateException("no working day within " + HORIZON_DAYS + " days after " + after);
    }

    private boolean matches(String kind, LocalDate day) {
        if (!calendar.isWorkingDay(day)) {
            return false;
        }
        LocalDate first = switch (kind) {
            case "FIRST_WORKDAY_OF_WEEK" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "FIRST_WORKDAY_OF_MONTH" -> day.withDayOfMonth(1);
            default -> day;
        };
        for (LocalDate d = first; d.isBefore(day); d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) {
                return false;
            }
        }
        return true;
    }
}
