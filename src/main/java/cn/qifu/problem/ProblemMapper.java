package cn.qifu.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
interface ProblemMapper {

    /** The new row's id is written back into {@code row.id}. */
    @Insert("INSERT INTO qf_problem (credit_code, enterprise_name, contact_name, contact_phone, channel, title, "
            + "description, category, status, stage, light, extension_days, waited_seconds, deadline_provisional, "
            + "overdue, rating_by_default, reopen_count, submitted_by, idempotency_key, created_at, updated_at) "
            + "VALUES (#{s.creditCode}, #{s.enterpriseName}, #{s.contactName}, #{s.contactPhone}, #{s.channel}, "
            + "#{s.title}, #{s.description}, #{s.category}, 'PENDING_ACCEPTANCE', 'ACCEPT', 'GREEN', 0, 0, FALSE, "
            + "FALSE, FALSE, 0, #{submittedBy}, #{idempotencyKey}, #{now}, #{now})")
    @Options(useGeneratedKeys = true, keyProperty = "row.id", keyColumn = "id")
    void insert(@Param("row") NewRow row, @Param("s") ProblemSubmission submission,
                @Param("submittedBy") String submittedBy, @Param("idempotencyKey") String idempotencyKey,
                @Param("now") Instant now);

    /** Holder of the generated key. */
    final class NewRow {
        private Long id;

        public Long getId() {
            return id;
        }

        public void setId(Long id) {
            this.id = id;
        }
    }

    @Update("<script>UPDATE qf_problem <set>"
            + "updated_at = #{updatedAt},"
            + "<if test='status != null'>status = #{status}, stage = #{stage},</if>"
            + "<if test='problemNo != null'>problem_no = #{problemNo},</if>"
            + "<if test='processInstanceId != null'>process_instance_id = #{processInstanceId},</if>"
            + "<if test='light != null'>light = #{light},</if>"
            + "<if test='overdue != null'>overdue = #{overdue},</if>"
            + "<if test='problemClass != null'>problem_class = #{problemClass},</if>"
            + "<if test='category != null'>category = #{category},</if>"
            + "<if test='board != null'>board = #{board},</if>"
            + "<if test='acceptedAt != null'>accepted_at = #{acceptedAt},</if>"
            + "<if test='roundStartedAt != null'>round_started_at = #{roundStartedAt},</if>"
            + "<if test='timeLimitDays != null'>time_limit_days = #{timeLimitDays},</if>"
            + "<if test='warningDaysBefore != null'>warning_days_before = #{warningDaysBefore},</if>"
            + "<if test='escalationDaysAfter != null'>escalation_days_after = #{escalationDaysAfter},</if>"
            + "<if test='extensionDays != null'>extension_days = #{extensionDays},</if>"
            + "<if test='waitedSeconds != null'>waited_seconds = #{waitedSeconds},</if>"
            + "<if test='waitingSince != null'>waiting_since = #{waitingSince},</if>"
            + "<if test='clearWaitingSince'>waiting_since = NULL,</if>"
            + "<if test='deadlineAt != null'>deadline_at = #{deadlineAt}, due_date = #{dueDate}, warning_at = #{warningAt},"
            + " escalate_at = #{escalateAt}, deadline_provisional = #{deadlineProvisional},</if>"
            + "<if test='route != null'>route = #{route},</if>"
            + "<if test='leadDepartment != null'>lead_department = #{leadDepartment},</if>"
            + "<if test='answer != null'>answer = #{answer},</if>"
            + "<if test='answeredAt != null'>answered_at = #{answeredAt},</if>"
            + "<if test='clearRating'>rating = NULL, rating_comment = NULL, rated_at = NULL, rating_by_default = FALSE,</if>"
            + "<if test='rating != null'>rating = #{rating}, rating_comment = #{ratingComment}, rated_at = #{ratedAt},"
            + " rating_by_default = #{ratingByDefault},</if>"
            + "<if test='reopenCount != null'>reopen_count = #{reopenCount},</if>"
            + "<if test='mergedInto != null'>merged_into = #{mergedInto},</if>"
            + "<if test='closedAt != null'>closed_at = #{closedAt},</if>"
            + "<if test='measureId != null'>measure_id = #{measureId},</if>"
            + "<if test='handlingWorkingMinutes != null'>handling_working_minutes = #{handlingWorkingMinutes},</if>"
            + "</set> WHERE id = #{id}</script>")
    int update(ProblemChange change);

    /** A lasting measure (形成制度) recorded for a category: later problems of that category link to the newest. */
    record Measure(Long id, String title) {
    }

    @Select("SELECT id, title FROM qf_measure WHERE category = #{category} ORDER BY id DESC LIMIT 1")
    Measure measureFor(@Param("category") String category);

    /*
     * A ledger row into the record, column by column in the order of its components. MyBatis can match them by name by
     * itself (arg-name-based-constructor-auto-mapping), but compares every component with every column at every row:
     * ~2,300 string comparisons for the 46 components, a tenth of the CPU of a deadline timer (issue 6).
     * ProblemMappingTest checks this list against the record.
     */
    @Select("SELECT * FROM qf_problem WHERE id = #{id}")
    @ConstructorArgs({
        @Arg(id = true, column = "id", javaType = Long.class),
        @Arg(column = "problem_no", javaType = String.class),
        @Arg(column = "credit_code", javaType = String.class),
        @Arg(column = "enterprise_name", javaType = String.class),
        @Arg(column = "contact_name", javaType = String.class),
        @Arg(column = "contact_phone", javaType = String.class),
        @Arg(column = "channel", javaType = Channel.class),
        @Arg(column = "title", javaType = String.class),
        @Arg(column = "description", javaType = String.class),
        @Arg(column = "category", javaType = String.class),
        @Arg(column = "board", javaType = String.class),
        @Arg(column = "problem_class", javaType = ProblemClass.class),
        @Arg(column = "status", javaType = Status.class),
        @Arg(column = "stage", javaType = Stage.class),
        @Arg(column = "light", javaType = String.class),
        @Arg(column = "accepted_at", javaType = Instant.class),
        @Arg(column = "round_started_at", javaType = Instant.class),
        @Arg(column = "time_limit_days", javaType = Integer.class),
        @Arg(column = "warning_days_before", javaType = Integer.class),
        @Arg(column = "escalation_days_after", javaType = Integer.class),
        @Arg(column = "extension_days", javaType = int.class),
        @Arg(column = "waited_seconds", javaType = long.class),
        @Arg(column = "waiting_since", javaType = Instant.class),
        @Arg(column = "deadline_at", javaType = Instant.class),
        @Arg(column = "due_date", javaType = LocalDate.class),
        @Arg(column = "warning_at", javaType = Instant.class),
        @Arg(column = "escalate_at", javaType = Instant.class),
        @Arg(column = "deadline_provisional", javaType = boolean.class),
        @Arg(column = "overdue", javaType = boolean.class),
        @Arg(column = "route", javaType = String.class),
        @Arg(column = "lead_department", javaType = String.class),
        @Arg(column = "answer", javaType = String.class),
        @Arg(column = "answered_at", javaType = Instant.class),
        @Arg(column = "rating", javaType = Rating.class),
        @Arg(column = "rating_comment", javaType = String.class),
        @Arg(column = "rated_at", javaType = Instant.class),
        @Arg(column = "rating_by_default", javaType = boolean.class),
        @Arg(column = "reopen_count", javaType = int.class),
        @Arg(column = "merged_into", javaType = Long.class),
        @Arg(column = "closed_at", javaType = Instant.class),
        @Arg(column = "process_instance_id", javaType = String.class),
        @Arg(column = "submitted_by", javaType = String.class),
        @Arg(column = "idempotency_key", javaType = String.class),
        @Arg(column = "created_at", javaType = Instant.class),
        @Arg(column = "updated_at", javaType = Instant.class),
        @Arg(column = "measure_id", javaType = Long.class)
    })
    @Results(id = "problem")
    Problem byId(@Param("id") long id);

    @Select("SELECT * FROM qf_problem WHERE problem_no = #{no}")
    @ResultMap("problem")
    Problem byNumber(@Param("no") String problemNo);

    @Select("SELECT * FROM qf_problem WHERE idempotency_key = #{key}")
    @ResultMap("problem")
    Problem byIdempotencyKey(@Param("key") String key);

    @Select("SELECT * FROM qf_problem WHERE credit_code = #{creditCode} ORDER BY id DESC LIMIT #{limit}")
    @ResultMap("problem")
    List<Problem> byCreditCode(@Param("creditCode") String creditCode, @Param("limit") int limit);

    /** Open problems whose deadline is running: what a new holiday table has to recompute. */
    @Select("SELECT * FROM qf_problem WHERE deadline_at IS NOT NULL AND status IN ('ASSIGNING', 'COORDINATING', "
            + "'SIGNING', 'HANDLING', 'EXTENSION_PENDING', 'WAITING_ENTERPRISE', 'REVIEWING') ORDER BY id")
    @ResultMap("problem")
    List<Problem> underDeadline();

    @Delete("DELETE FROM qf_problem_department WHERE problem_id = #{problemId}")
    void clearDepartments(@Param("problemId") long problemId);

    @Insert("INSERT INTO qf_problem_department (problem_id, department_code, role, declined, assigned_at) "
            + "VALUES (#{problemId}, #{code}, #{role}, FALSE, #{now})")
    void addDepartment(@Param("problemId") long problemId, @Param("code") String code, @Param("role") String role,
                       @Param("now") Instant now);

    @Update("UPDATE qf_problem_department SET department_code = #{code} WHERE problem_id = #{problemId} AND role = 'LEAD'")
    void replaceLead(@Param("problemId") long problemId, @Param("code") String code);

    @Update("UPDATE qf_problem_department SET opinion = #{opinion}, declined = #{declined} "
            + "WHERE problem_id = #{problemId} AND department_code = #{code}")
    int recordOpinion(@Param("problemId") long problemId, @Param("code") String code, @Param("opinion") String opinion,
                      @Param("declined") boolean declined);

    @Select("SELECT * FROM qf_problem_department WHERE problem_id = #{problemId} ORDER BY role DESC, department_code")
    List<ProblemDepartment> departments(@Param("problemId") long problemId);

    @Insert("INSERT INTO qf_problem_event (problem_id, occurred_at, actor, action, detail, reason) "
            + "VALUES (#{problemId}, #{at}, #{actor}, #{action}, #{detail}, #{reason})")
    void addEvent(@Param("problemId") long problemId, @Param("at") Instant at, @Param("actor") String actor,
                  @Param("action") Action action, @Param("detail") String detail, @Param("reason") String reason);

    /** Keeps 交办 / 退单 / 回访 on the ledger row as well, where the monthly figures count them (V10). */
    @Update("UPDATE qf_problem SET ever_assigned = CASE WHEN #{action} = 'ASSIGNED' THEN TRUE ELSE ever_assigned END,"
            + " ever_returned = CASE WHEN #{action} = 'RETURNED' THEN TRUE ELSE ever_returned END,"
            + " return_visited = CASE WHEN #{action} = 'RETURN_VISIT' THEN TRUE ELSE return_visited END"
            + " WHERE id = #{problemId}")
    void markInFigures(@Param("problemId") long problemId, @Param("action") Action action);

    @Select("SELECT * FROM qf_problem_event WHERE problem_id = #{problemId} ORDER BY id")
    List<TimelineEvent> timeline(@Param("problemId") long problemId);
}
