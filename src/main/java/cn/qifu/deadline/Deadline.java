package cn.qifu.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A computed deadline.
 *
 * @param at          the instant the deadline falls (end of {@code dueDate} per the configured end-of-day rule;
 *                    with "24:00" that is 00:00 of the following day)
 * @param dueDate     the Nth working day after the day of acceptance
 * @param provisional true if some date counted lies in a year whose holiday notice is not loaded yet, so the
 *                    answer may move once that year is published
 * @param zone        the calendar's zone, used to present {@code at}
 */
public record Deadline(Instant at, LocalDate dueDate, boolean provisional, ZoneId zone) {

    public Deadline {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(zone, "zone");
    }

    /** {@code at} at the zone's offset, e.g. 2025-10-10T00:00+08:00. */
    public OffsetDateTime atOffset() {
        return at.atZone(zone).toOffsetDateTime();
    }
}
