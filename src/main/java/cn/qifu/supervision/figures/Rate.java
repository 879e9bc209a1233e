package cn.qifu.supervision.figures;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A rate as a decimal with 4 places (0.9231), with what it is made of. {@code value} is null when the denominator is
 * zero (shown as "—"), never a division by zero. {@code target} is the province's target where there is one
 * (高效办结率 0.90, 满意率 0.95), and {@code belowTarget} says whether the value misses it (null without a value or target).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Rate(BigDecimal value, long numerator, long denominator, BigDecimal target, Boolean belowTarget) {

    public static final BigDecimal ON_TIME_TARGET = new BigDecimal("0.90");
    public static final BigDecimal SATISFACTION_TARGET = new BigDecimal("0.95");

    static Rate of(long numerator, long denominator, BigDecimal target) {
        BigDecimal value = denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
        Boolean below = value == null || target == null ? null : value.compareTo(target) < 0;
        return new Rate(value, numerator, denominator, target, below);
    }

    static Rate of(long numerator, long denominator) {
        return of(numerator, denominator, null);
    }
}
