package cn.qifu.supervision.figures;

import java.time.Instant;

/** An open Camunda task of a problem's process instance, one row per candidate group ({@link FiguresMapper#tasks}). */
public record TaskRow(String processInstanceId, String taskId, String name, String assignee, Instant createdAt,
                      String candidateGroup) {
}
