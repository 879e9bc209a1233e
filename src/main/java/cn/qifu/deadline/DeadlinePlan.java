package cn.qifu.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Every instant the deadline timers of one problem fire at, derived from what was decided about it (never stored
 * on its own), so that an extension, a wait for the enterprise or a new holiday table recomputes all of them alike.
 *
 * @param deadlineAt  end of the last working day, moved on by the working time spent waiting
 * @param dueDate     the working day the deadline ends (for display: "办理期限 2025-10-09")
 * @param warningAt   yellow light: {@code warningDaysBefore} working days before the deadline, or noon of the due
 *                    day when that is 0 (1-day problems)
 * @param escalateAt  a leader gets it {@code escalationDaysAfter} working days after the deadline
 * @param provisional the deadline touches a year whose holidays are not published yet
 */
public record DeadlinePlan(Instant deadlineAt, LocalDate dueDate, Instant warningAt, Instant escalateAt,
                           boolean provisional) {

    /** What the time limit of a problem is made of; the numbers come from the time-limit DMN and the ledger. */
    public record Terms(Instant acceptedAt, int timeLimitDays, int extensionDays, Duration waited,
                        int warningDaysBefore, int escalationDaysAfter) {
    }

    public static DeadlinePlan of(WorkingDayCalendar calendar, Terms terms) {
        Deadline base = calendar.deadline(terms.acceptedAt(), terms.timeLimitDays() + terms.extensionDays());
        Instant deadlineAt = terms.waited().isZero() ? base.at() : calendar.plusWorkingTime(base.at(), terms.waited());
        LocalDate dueDate = terms.waited().isZero() ? base.dueDate() : dayEnding(calendar, deadlineAt);
        Instant warningAt = terms.warningDaysBefore() <= 0
                ? dueDate.atTime(LocalTime.NOON).atZone(calendar.zone()).toInstant()
                : calendar.endOfDay(calendar.plusWorkingDays(dueDate, -terms.warningDaysBefore()));
        if (warningAt.isAfter(deadlineAt)) {
            warningAt = deadlineAt;
        }
        Instant escalateAt = calendar.endOfDay(calendar.plusWorkingDays(dueDate, terms.escalationDaysAfter()));
        LocalDate accepted = LocalDate.ofInstant(terms.acceptedAt(), calendar.zone());
        return new DeadlinePlan(deadlineAt, dueDate, warningAt, escalateAt,
                calendar.isProvisional(accepted.plusDays(1), dueDate));
    }

    /** The working day an instant ends: 00:00 closes the day before (24:00), any other time its own day. */
    private static LocalDate dayEnding(WorkingDayCalendar calendar, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, calendar.zone());
        if (calendar.startOfDay(day).equals(at)) {
            day = day.minusDays(1);
        }
        while (!calendar.isWorkingDay(day)) {
            day = day.minusDays(1);
        }
        return day;
    }

    public String lightAt(Instant now) {
        if (!now.isBefore(deadlineAt)) {
            return "RED";
        }
        return now.isBefore(warningAt) ? "GREEN" : "YELLOW";
    }
}
