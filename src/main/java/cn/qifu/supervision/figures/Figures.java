package cn.qifu.supervision.figures;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures of one group for one period (the problems accepted in it; 不予受理 and 并件, which are never accepted,
 * count in the period they were decided):
 * <ul>
 * <li>{@code onTimeRate} 高效办结率 = closed and never overdue / closed (target 0.90)</li>
 * <li>{@code satisfactionRate} 满意率 = (满意 + 基本满意) / rated; a default 满意 counts as 满意 (target 0.95)</li>
 * <li>{@code returnRate} 退单率 = returned at least once / assigned at least once</li>
 * <li>{@code reopenRate} 重办率 = closed after at least one 重办 / closed</li>
 * <li>{@code returnVisitRate} 回访率 = closed and visited at least once / closed</li>
 * <li>{@code averageHandlingDays} 平均办理时长 = average working time from acceptance to the answer, in working days
 * (2 places; null when nothing was answered)</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Figures(long received, long closed, long refused, long merged, long stillOpen, Rate onTimeRate,
                      Rate satisfactionRate, Rate returnRate, Rate reopenRate, Rate returnVisitRate,
                      BigDecimal averageHandlingDays, long answered, long ratedByDefault) {

    static Figures of(Tally t) {
        BigDecimal days = t.timedAnswers() == 0 || t.handlingMinutes() == null ? null
                : BigDecimal.valueOf(t.handlingMinutes()).divide(
                        BigDecimal.valueOf(t.timedAnswers() * HandlingTime.MINUTES_PER_WORKING_DAY), 2, RoundingMode.HALF_UP);
        return new Figures(t.received(), t.closed(), t.refused(), t.merged(), t.stillOpen(),
                Rate.of(t.closedOnTime(), t.closed(), Rate.ON_TIME_TARGET),
                Rate.of(t.satisfied(), t.rated(), Rate.SATISFACTION_TARGET),
                Rate.of(t.returned(), t.assigned()),
                Rate.of(t.reopened(), t.closed()),
                Rate.of(t.returnVisited(), t.closed()),
                days, t.answered(), t.ratedByDefault());
    }
}
