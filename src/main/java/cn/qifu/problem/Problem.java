package cn.qifu.problem;

import java.time.Instant;
import java.time.LocalDate;

/** One row of the problem ledger (qf_problem), as stored. */
public record Problem(
        Long id, String problemNo, String creditCode, String enterpriseName, String contactName, String contactPhone,
        Channel channel, String title, String description, String category, String board, ProblemClass problemClass,
        Status status, Stage stage, String light, Instant acceptedAt, Instant roundStartedAt, Integer timeLimitDays,
        Integer warningDaysBefore, Integer escalationDaysAfter, int extensionDays, long waitedSeconds,
        Instant waitingSince, Instant deadlineAt, LocalDate dueDate, Instant warningAt, Instant escalateAt,
        boolean deadlineProvisional, boolean overdue, String route, String leadDepartment, String answer,
        Instant answeredAt, Rating rating, String ratingComment, Instant ratedAt, boolean ratingByDefault,
        int reopenCount, Long mergedInto, Instant closedAt, String processInstanceId, String submittedBy,
        String idempotencyKey, Instant createdAt, Instant updatedAt, Long measureId) {
}
