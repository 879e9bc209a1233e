package cn.qifu.supervision.figures;

import cn.qifu.deadline.WorkingDayCalendar;
import java.time.Instant;

/**
 * 办理时长: the working time from acceptance to the answer going to the enterprise, in minutes, as stored in
 * {@code qf_problem.handling_working_minutes} (SQL cannot count Chinese working days, so the application stores it
 * when it answers). Each working day counts its 24 hours ({@link WorkingDayCalendar#workingTimeBetween}), so the
 * figure in working days is minutes / 1440.
 */
public final class HandlingTime {

    public static final long MINUTES_PER_WORKING_DAY = 24 * 60;

    private HandlingTime() {
    }

    /** The working minutes in [acceptedAt, answeredAt); null when either is unknown, 0 if answered before acceptance. */
    public static Long workingMinutes(WorkingDayCalendar calendar, Instant acceptedAt, Instant answeredAt) {
        if (acceptedAt == null || answeredAt == null) {
            return null;
        }
        if (!answeredAt.isAfter(acceptedAt)) {
            return 0L;
        }
        return calendar.workingTimeBetween(acceptedAt, answeredAt).toMinutes();
    }
}
