package cn.qifu.supervision.figures;

import java.time.Instant;
import java.time.LocalDate;

/** An open red or yellow problem as {@link FiguresMapper#lights} reads it. */
public record LightRow(long id, String problemNo, String title, String enterpriseName, String creditCode,
                       String channel, String category, String leadDepartment, String leadDepartmentName, String status,
                       String light, Instant acceptedAt, Instant deadlineAt, LocalDate dueDate,
                       boolean deadlineProvisional, String processInstanceId, Instant overdueAt, Instant warnedAt)
        implements LightSortKey {
}
