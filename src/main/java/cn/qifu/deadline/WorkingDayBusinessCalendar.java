package cn.qifu.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * The engine's duration and due-date calendar, so that process designers write working days in Camunda Modeler:
 * in a timer duration or a task due date, {@code P3D} means "by the end of the 3rd working day after today" (the day
 * itself not counted), the same rule as the problem deadlines. Hours, minutes and seconds ({@code PT2H}) are plain
 * clock time, and may follow the days ({@code P1DT2H}: two hours after the end of the next working day). Anything
 * else (an ISO date-time, months, weeks, repetitions) is handled as the engine always does.
 */
public class WorkingDayBusinessCalendar implements BusinessCalendar {

    private static final Pattern WORKING_DAYS = Pattern.compile("P(\\d+)D(T.*)?");

    private final WorkingDayCalendar calendar;

    public WorkingDayBusinessCalendar(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public Date resolveDuedate(String description) {
        return resolveDuedate(description, (Date) null);
    }

    @Override
    public Date resolveDuedate(String description, Task task) {
        return resolveDuedate(description, (Date) null);
    }

    @Override
    public Date resolveDuedate(String description, Date startDate) {
        String text = description.trim();
        Instant start = (startDate != null ? startDate : ClockUtil.getCurrentTime()).toInstant();
        Matcher workingDays = WORKING_DAYS.matcher(text);
        if (workingDays.matches()) {
            int days = Integer.parseInt(workingDays.group(1));
            Instant end = days == 0 ? start : calendar.deadline(start, days).at();
            if (workingDays.group(2) != null) {
                end = end.plus(Duration.parse("P" + workingDays.group(2)));
            }
            return Date.from(end);
        }
        try {
            return Date.from(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notAnOffsetDateTime) {
            try {
                return new DurationHelper(text, Date.from(start)).getDateAfter(Date.from(start));
            } catch (Exception e) {
                throw new IllegalArgumentException("无法解析期限 (cannot read due date) '" + description
                        + "': use P<n>D for working days, PT… for clock time, or an ISO date-time", e);
            }
        }
    }
}
