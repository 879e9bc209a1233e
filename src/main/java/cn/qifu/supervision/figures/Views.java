package cn.qifu.supervision.figures;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** What {@code /api/stats} answers: times at +08:00, codes for machines and names for people. */
public final class Views {

    private Views() {
    }

    /** {@code GET /api/stats/summary}: the center's figures for the month, and its open problems now. */
    public record Summary(String month, OffsetDateTime from, OffsetDateTime to, Figures figures, NowCounts now,
                          OffsetDateTime at) {
    }

    /** {@code GET /api/stats/by/{dimension}}: one row per group. */
    public record ByDimension(String month, OffsetDateTime from, OffsetDateTime to, String dimension,
                              String dimensionName, List<GroupRow> rows, OffsetDateTime at) {
    }

    /**
     * One group: its code ({@code key}, null for problems without one, e.g. refused before any department had them)
     * and name, its figures for the month, and its open problems now.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GroupRow(String key, String name, Figures figures, NowCounts now) {
    }

    /** {@code GET /api/stats/trend}: one row per month, oldest first. */
    public record Trend(int months, String firstMonth, String lastMonth, List<MonthRow> rows, OffsetDateTime at) {
    }

    public record MonthRow(String month, OffsetDateTime from, OffsetDateTime to, Figures figures) {
    }

    /**
     * {@code GET /api/stats/lights}: the open red problems (most overdue first) and the yellow ones (earliest deadline
     * first), at most {@code limit} of each; {@code redCount} and {@code yellowCount} count them all.
     */
    public record Lights(OffsetDateTime at, int redCount, int yellowCount, int limit, List<LightEntry> red,
                         List<LightEntry> yellow) {
    }

    /**
     * An open problem showing red or yellow. {@code redSince}: when it went red (its 逾期 event, else its deadline);
     * {@code overdueWorkingDays}: working days since the deadline (2 places, red only); {@code holder}: the lead
     * department, and {@code tasks}: who holds its open tasks in Camunda now.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LightEntry(long id, String problemNo, String title, String enterpriseName, String creditCode,
                             String light, String status, String statusName, String channel, String category,
                             Holder holder, OffsetDateTime deadline, Boolean deadlineProvisional,
                             OffsetDateTime warnedAt, OffsetDateTime redSince, BigDecimal overdueWorkingDays,
                             String processInstanceId, List<OpenTask> tasks) {
    }

    /** The lead department (code and name); null code while no department has it (e.g. 待交办). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Holder(String code, String name) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OpenTask(String name, String assignee, List<String> candidateGroups, List<String> candidateGroupNames,
                           OffsetDateTime since) {
    }
}
