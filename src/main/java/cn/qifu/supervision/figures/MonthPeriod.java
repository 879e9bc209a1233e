package cn.qifu.supervision.figures;

import cn.qifu.system.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * One calendar month in the center's zone (Asia/Shanghai): [first day 00:00, first day of the next month 00:00).
 * {@code label} is "YYYY-MM"; the trend keeps the counts of ended months under it (qf_month_tally).
 */
public record MonthPeriod(YearMonth month, Instant from, Instant to, ZoneId zone) {

    private static final Pattern FORMAT = Pattern.compile("(20\\d{2})-(0[1-9]|1[0-2])");

    public static MonthPeriod of(YearMonth month, ZoneId zone) {
        return new MonthPeriod(month, month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(), zone);
    }

    /** A month as the API takes it ("2025-06"); anything else is a 400 naming the field. */
    public static YearMonth parse(String field, String text) {
        String value = text == null ? "" : text.strip();
        if (!FORMAT.matcher(value).matches()) {
            throw ApiException.invalid(field, "INVALID_FORMAT", "月份应为 YYYY-MM 格式（2000 至 2099 年），例如 2025-06");
        }
        return YearMonth.parse(value);
    }

    public String label() {
        return month.toString();
    }

    public OffsetDateTime fromAt() {
        return from.atZone(zone).toOffsetDateTime();
    }

    public OffsetDateTime toAt() {
        return to.atZone(zone).toOffsetDateTime();
    }
}
