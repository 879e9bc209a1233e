package cn.qifu.supervision.figures;

import java.time.Instant;

/** One problem of the month's ledger (台账), as the export streams it ({@link FiguresMapper#ledger}). */
public record LedgerRow(long id, String problemNo, Instant acceptedAt, Instant createdAt, String channel,
                        String enterpriseName, String creditCode, String title, String category, String board,
                        String problemClass, String leadDepartment, String status, String light, Instant deadlineAt,
                        boolean deadlineProvisional, boolean overdue, int extensionDays, long waitedSeconds,
                        Instant answeredAt, Long handlingWorkingMinutes, String rating, boolean ratingByDefault,
                        int reopenCount, Instant closedAt) {
}
