package cn.qifu.scenario;

import cn.qifu.problem.Channel;
import java.time.Instant;
import java.time.LocalDate;

/** One 一类事 application in the ledger (qf_application). */
public record Application(Long id, String applicationNo, String scenarioCode, String creditCode, String enterpriseName,
                          String contactName, String contactPhone, Channel channel, ApplicationStatus status,
                          String light, boolean overdue, String providedMaterials, String missingMaterials,
                          Instant acceptedAt, Instant deadlineAt, LocalDate dueDate, Instant warningAt,
                          Instant escalateAt, boolean deadlineProvisional, String result, String rating,
                          String ratingComment, Instant ratedAt, boolean ratingByDefault, Long followUpProblemId,
                          String processInstanceId, String submittedBy, String idempotencyKey, Instant createdAt,
                          Instant updatedAt, Instant closedAt) {
}
