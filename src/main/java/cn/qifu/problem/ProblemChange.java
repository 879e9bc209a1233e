package cn.qifu.problem;

import cn.qifu.deadline.DeadlinePlan;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What one step changes in a problem's ledger row: only the fields set here are written (one UPDATE, see
 * {@link ProblemMapper#update}). Public fields because MyBatis reads them; built through the fluent setters.
 */
final class ProblemChange {

    final long id;
    final Instant updatedAt;
    Status status;
    Stage stage;
    String problemNo;
    String processInstanceId;
    String light;
    Boolean overdue;
    ProblemClass problemClass;
    String category;
    String board;
    Instant acceptedAt;
    Instant roundStartedAt;
    Integer timeLimitDays;
    Integer warningDaysBefore;
    Integer escalationDaysAfter;
    Integer extensionDays;
    Long waitedSeconds;
    Instant waitingSince;
    boolean clearWaitingSince;
    Instant deadlineAt;
    LocalDate dueDate;
    Instant warningAt;
    Instant escalateAt;
    Boolean deadlineProvisional;
    String route;
    String leadDepartment;
    String answer;
    Instant answeredAt;
    Rating rating;
    String ratingComment;
    Instant ratedAt;
    Boolean ratingByDefault;
    boolean clearRating;
    Integer reopenCount;
    Long mergedInto;
    Instant closedAt;
    Long measureId;
    Long handlingWorkingMinutes;

    ProblemChange(long id, Instant now) {
        this.id = id;
        this.updatedAt = now;
    }

    ProblemChange status(Status status) {
        this.status = status;
        this.stage = status.stage();
        return this;
    }

    ProblemChange light(String light) {
        this.light = light;
        return this;
    }

    ProblemChange plan(DeadlinePlan plan) {
        this.deadlineAt = plan.deadlineAt();
        this.dueDate = plan.dueDate();
        this.warningAt = plan.warningAt();
        this.escalateAt = plan.escalateAt();
        this.deadlineProvisional = plan.provisional();
        return this;
    }

    /**
     * Whether the change alters what the monthly figures count of the problem (FiguresMapper's tally): closing,
     * refusing, merging, acceptance, the answer, overdue, the rating, a reopening. Moves between open statuses do not.
     */
    boolean countsInFigures() {
        return status == Status.CLOSED || status == Status.REFUSED || status == Status.MERGED || overdue != null
                || acceptedAt != null || closedAt != null || answeredAt != null || handlingWorkingMinutes != null
                || rating != null || ratingByDefault != null || clearRating || reopenCount != null;
    }

    // MyBatis reads these through getters (package-private fields are not visible to OGNL)
    public long getId() { return id; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Status getStatus() { return status; }
    public Stage getStage() { return stage; }
    public String getProblemNo() { return problemNo; }
    public String getProcessInstanceId() { return processInstanceId; }
    public String getLight() { return light; }
    public Boolean getOverdue() { return overdue; }
    public ProblemClass getProblemClass() { return problemClass; }
    public String getCategory() { return category; }
    public String getBoard() { return board; }
    public Instant getAcceptedAt() { return acceptedAt; }
    public Instant getRoundStartedAt() { return roundStartedAt; }
    public Integer getTimeLimitDays() { return timeLimitDays; }
    public Integer getWarningDaysBefore() { return warningDaysBefore; }
    public Integer getEscalationDaysAfter() { return escalationDaysAfter; }
    public Integer getExtensionDays() { return extensionDays; }
    public Long getWaitedSeconds() { return waitedSeconds; }
    public Instant getWaitingSince() { return waitingSince; }
    public boolean isClearWaitingSince() { return clearWaitingSince; }
    public Instant getDeadlineAt() { return deadlineAt; }
    public LocalDate getDueDate() { return dueDate; }
    public Instant getWarningAt() { return warningAt; }
    public Instant getEscalateAt() { return escalateAt; }
    public Boolean getDeadlineProvisional() { return deadlineProvisional; }
    public String getRoute() { return route; }
    public String getLeadDepartment() { return leadDepartment; }
    public String getAnswer() { return answer; }
    public Instant getAnsweredAt() { return answeredAt; }
    public Rating getRating() { return rating; }
    public String getRatingComment() { return ratingComment; }
    public Instant getRatedAt() { return ratedAt; }
    public Boolean getRatingByDefault() { return ratingByDefault; }
    public boolean isClearRating() { return clearRating; }
    public Integer getReopenCount() { return reopenCount; }
    public Long getMergedInto() { return mergedInto; }
    public Instant getClosedAt() { return closedAt; }
    public Long getMeasureId() { return measureId; }
    public Long getHandlingWorkingMinutes() { return handlingWorkingMinutes; }
}
