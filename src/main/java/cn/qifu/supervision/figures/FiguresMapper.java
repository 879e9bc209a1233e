package cn.qifu.supervision.figures;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.ResultType;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.mapping.ResultSetType;
import org.apache.ibatis.session.ResultHandler;

/**
 * The figures, counted by the database: every query aggregates (GROUP BY, COUNT, SUM) or streams, none loads the
 * ledger into memory; a month's tally comes back per group and kind of problem, a few hundred rows that
 * {@link GroupCounts} adds up. Plain SQL that runs unchanged on H2 and MySQL / MariaDB; times are compared with
 * parameters only (no date functions), so the database's and the JVM's time zones do not matter.
 *
 * <p>A problem belongs to the period it was accepted in ({@code accepted_at}); one refused (不予受理) or merged (并件),
 * which is never accepted, to the period it was decided in ({@code closed_at}).
 */
@Mapper
interface FiguresMapper {

    /*
     * The period's problems are read in two index range scans joined by UNION ALL (an OR of the two would scan the
     * whole ledger): accepted in [from, to) (ix_problem_accepted), and never accepted but decided in it.
     */
    String ACCEPTED_IN = " WHERE p.accepted_at &gt;= #{from} AND p.accepted_at &lt; #{to}";
    String DECIDED_IN = " WHERE p.accepted_at IS NULL AND p.closed_at &gt;= #{from} AND p.closed_at &lt; #{to}";

    /**
     * The column a dimension groups by; a level is counted per lead department and added up by {@link GroupCounts} (no
     * join with the departments per problem: names, order and level come from {@link #names}).
     */
    String GROUP_COLUMN = "<choose>"
            + "<when test=\"dimension == 'department' or dimension == 'level'\">p.lead_department</when>"
            + "<when test=\"dimension == 'board'\">p.board</when>"
            + "<when test=\"dimension == 'channel'\">p.channel</when>"
            + "<when test=\"dimension == 'category'\">p.category</when>"
            + "<otherwise>'all'</otherwise>"
            + "</choose>";
    String GROUPED_BY_COLUMN = "<if test=\"dimension == 'department' or dimension == 'level' or dimension == 'board'"
            + " or dimension == 'channel' or dimension == 'category'\">" + GROUP_COLUMN + ", </if>";

    /**
     * What the tally counts of a problem, as the kinds of problem it counts: status, overdue, rating …; 交办 / 退单 / 回访
     * are flags the ledger keeps on the row when the timeline gets such an event (V10), so that every column comes
     * from the index ix_problem_figures.
     */
    String KIND = "p.status, p.overdue, p.rating, p.rating_by_default,"
            + " CASE WHEN p.reopen_count &gt; 0 THEN 1 ELSE 0 END, p.ever_assigned, p.ever_returned, p.return_visited,"
            + " CASE WHEN p.answered_at IS NULL THEN 0 ELSE 1 END";
    /** The same expressions, named: what {@link TallyKind} reads. */
    String KIND_COLUMNS = "p.status, p.overdue, p.rating, p.rating_by_default,"
            + " CASE WHEN p.reopen_count &gt; 0 THEN 1 ELSE 0 END AS reopened, p.ever_assigned, p.ever_returned,"
            + " p.return_visited, CASE WHEN p.answered_at IS NULL THEN 0 ELSE 1 END AS answered";
    String KINDS = "SELECT " + GROUP_COLUMN + " AS grp_key, " + KIND_COLUMNS + ", COUNT(*) AS problems,"
            + " COUNT(p.handling_working_minutes) AS timed_answers, SUM(p.handling_working_minutes) AS handling_minutes"
            + " FROM qf_problem p";

    /**
     * The period's problems per group of {@code dimension} (department, board, level, channel, category, or anything
     * else for the whole center) and kind, counted; {@link GroupCounts} adds the kinds up into the tally's columns. The
     * database streams each index range into a few hundred kinds: one count per problem instead of seventeen sums (half
     * the time of a department's figures at 1,000,000 problems). Each part of the period is counted on its own.
     */
    @Select("<script>" + KINDS + ACCEPTED_IN + " GROUP BY " + GROUPED_BY_COLUMN + KIND
            + " UNION ALL " + KINDS + DECIDED_IN + " GROUP BY " + GROUPED_BY_COLUMN + KIND + "</script>")
    List<TallyKind> tallyKinds(@Param("dimension") String dimension, @Param("from") Instant from, @Param("to") Instant to);

    record TallyKind(String grpKey, String status, boolean overdue, String rating, boolean ratingByDefault, int reopened,
                     boolean everAssigned, boolean everReturned, boolean returnVisited, int answered, long problems,
                     long timedAnswers, Long handlingMinutes) {
    }

    /** The counts of the period's problems per group of {@code dimension}, named and ordered as the catalogue does. */
    default List<Tally> tally(String dimension, Instant from, Instant to) {
        List<TallyKind> kinds = tallyKinds(dimension, from, to);
        return GroupCounts.tallies(dimension, kinds, GroupCounts.needsNames(dimension) ? names() : List.of());
    }

    @Select("<script>SELECT " + GROUP_COLUMN + " AS grp_key, p.light, COUNT(*) AS problems FROM qf_problem p"
            + " WHERE p.status IN <foreach collection='open' item='s' open='(' separator=', ' close=')'>#{s}</foreach>"
            + " GROUP BY " + GROUPED_BY_COLUMN + "p.light</script>")
    List<OpenKind> openKinds(@Param("dimension") String dimension, @Param("open") Collection<String> openStatuses);

    record OpenKind(String grpKey, String light, long problems) {
    }

    /** Open problems now per group of {@code dimension}, by light. */
    default List<OpenTally> openNow(String dimension, Collection<String> openStatuses) {
        List<OpenKind> kinds = openKinds(dimension, openStatuses);
        return GroupCounts.open(dimension, kinds, GroupCounts.needsNames(dimension) ? names() : List.of());
    }

    /** When the problem went red in its current round: the latest 逾期 event since the round began. */
    String OVERDUE_AT = "(SELECT MAX(e.occurred_at) FROM qf_problem_event e WHERE e.problem_id = p.id AND e.action = 'OVERDUE'"
            + " AND (p.round_started_at IS NULL OR e.occurred_at &gt;= p.round_started_at))";
    String WARNED_AT = "(SELECT MAX(e.occurred_at) FROM qf_problem_event e WHERE e.problem_id = p.id AND e.action = 'WARNED'"
            + " AND (p.round_started_at IS NULL OR e.occurred_at &gt;= p.round_started_at))";
    String LIGHT_ROW = "SELECT p.id, p.problem_no, p.title, p.enterprise_name, p.credit_code, p.channel, p.category,"
            + " p.lead_department, d.name AS lead_department_name, p.status, p.light, p.accepted_at, p.deadline_at,"
            + " p.due_date, p.deadline_provisional, p.process_instance_id, " + OVERDUE_AT + " AS overdue_at, "
            + WARNED_AT + " AS warned_at FROM qf_problem p LEFT JOIN qf_department d ON d.code = p.lead_department";

    /**
     * Every open problem showing red or yellow, with when it went red in its current round and when it was warned; the
     * caller orders them.
     */
    @Select("<script>" + LIGHT_ROW + " WHERE p.light IN ('RED', 'YELLOW')"
            + " AND p.status IN <foreach collection='open' item='s' open='(' separator=', ' close=')'>#{s}</foreach>"
            + "</script>")
    List<LightRow> lights(@Param("open") Collection<String> openStatuses);

    /**
     * What orders the open problems of one light: the deadline and, for red, when it went red; the caller orders them
     * and reads the first ones whole ({@link #lightsById}).
     */
    @Select("<script>SELECT p.id, p.deadline_at, <if test=\"light == 'RED'\">" + OVERDUE_AT + "</if>"
            + "<if test=\"light != 'RED'\">NULL</if> AS overdue_at FROM qf_problem p WHERE p.light = #{light}"
            + " AND p.status IN <foreach collection='open' item='s' open='(' separator=', ' close=')'>#{s}</foreach>"
            + "</script>")
    List<LightKey> lightKeys(@Param("light") String light, @Param("open") Collection<String> openStatuses);

    record LightKey(long id, Instant deadlineAt, Instant overdueAt) implements LightSortKey {
    }

    @Select("<script>" + LIGHT_ROW + " WHERE p.id IN"
            + "<foreach collection='ids' item='id' open=' (' separator=', ' close=')'>#{id}</foreach></script>")
    List<LightRow> lightsById(@Param("ids") Collection<Long> ids);

    /** The open tasks of these process instances (Camunda's runtime tables), one row per candidate group. */
    @Select("<script>SELECT t.PROC_INST_ID_ AS process_instance_id, t.ID_ AS task_id, t.NAME_ AS name,"
            + " t.ASSIGNEE_ AS assignee, t.CREATE_TIME_ AS created_at, i.GROUP_ID_ AS candidate_group"
            + " FROM ACT_RU_TASK t LEFT JOIN ACT_RU_IDENTITYLINK i ON i.TASK_ID_ = t.ID_ AND i.TYPE_ = 'candidate'"
            + " AND i.GROUP_ID_ IS NOT NULL"
            + " WHERE t.PROC_INST_ID_ IN <foreach collection='ids' item='id' open='(' separator=', ' close=')'>#{id}</foreach>"
            + " ORDER BY t.CREATE_TIME_, t.ID_, i.GROUP_ID_</script>")
    List<TaskRow> tasks(@Param("ids") Collection<String> processInstanceIds);

    /** The ledger's columns; department and board names come from {@link #names} (no join per row). */
    String LEDGER = "SELECT p.id, p.problem_no, p.accepted_at, p.created_at, p.channel, p.enterprise_name, p.credit_code,"
            + " p.title, p.category, p.board, p.problem_class, p.lead_department, p.status, p.light, p.deadline_at,"
            + " p.deadline_provisional, p.overdue, p.extension_days, p.waited_seconds, p.answered_at,"
            + " p.handling_working_minutes, p.rating, p.rating_by_default, p.reopen_count, p.closed_at"
            + " FROM qf_problem p"
            + "<if test='!decided'>" + ACCEPTED_IN + " ORDER BY p.accepted_at, p.id</if>"
            + "<if test='decided'>" + DECIDED_IN + " ORDER BY p.closed_at, p.id</if>";

    /**
     * The period's ledger, row by row into the handler (never a list), in index order: the problems accepted in it
     * ({@code decided} false), or those refused or merged in it ({@code decided} true). For H2 and other drivers that
     * honour a fetch size.
     */
    @Select("<script>" + LEDGER + "</script>")
    // an explicit constructor mapping: matching 25 columns to the record's parameters by name costs ~50 µs a row
    @ConstructorArgs({
        @Arg(column = "id", javaType = long.class),
        @Arg(column = "problem_no", javaType = String.class),
        @Arg(column = "accepted_at", javaType = Instant.class),
        @Arg(column = "created_at", javaType = Instant.class),
        @Arg(column = "channel", javaType = String.class),
        @Arg(column = "enterprise_name", javaType = String.class),
        @Arg(column = "credit_code", javaType = String.class),
        @Arg(column = "title", javaType = String.class),
        @Arg(column = "category", javaType = String.class),
        @Arg(column = "board", javaType = String.class),
        @Arg(column = "problem_class", javaType = String.class),
        @Arg(column = "lead_department", javaType = String.class),
        @Arg(column = "status", javaType = String.class),
        @Arg(column = "light", javaType = String.class),
        @Arg(column = "deadline_at", javaType = Instant.class),
        @Arg(column = "deadline_provisional", javaType = boolean.class),
        @Arg(column = "overdue", javaType = boolean.class),
        @Arg(column = "extension_days", javaType = int.class),
        @Arg(column = "waited_seconds", javaType = long.class),
        @Arg(column = "answered_at", javaType = Instant.class),
        @Arg(column = "handling_working_minutes", javaType = Long.class),
        @Arg(column = "rating", javaType = String.class),
        @Arg(column = "rating_by_default", javaType = boolean.class),
        @Arg(column = "reopen_count", javaType = int.class),
        @Arg(column = "closed_at", javaType = Instant.class)
    })
    @Results(id = "ledgerRow")
    @ResultType(LedgerRow.class)
    @Options(fetchSize = 1000, resultSetType = ResultSetType.FORWARD_ONLY)
    void ledger(@Param("from") Instant from, @Param("to") Instant to, @Param("decided") boolean decided,
                ResultHandler<LedgerRow> handler);

    /** The same for MySQL Connector/J, which streams a result set only with a fetch size of Integer.MIN_VALUE. */
    @Select("<script>" + LEDGER + "</script>")
    @ResultMap("ledgerRow")
    @Options(fetchSize = Integer.MIN_VALUE, resultSetType = ResultSetType.FORWARD_ONLY)
    void ledgerStreamed(@Param("from") Instant from, @Param("to") Instant to, @Param("decided") boolean decided,
                        ResultHandler<LedgerRow> handler);

    /**
     * Every department (also retired ones: old problems point at them) and board: code, name, level (a board has none),
     * place in the catalogue.
     */
    @Select("SELECT code, name, level, sort_order FROM qf_department UNION ALL SELECT code, name, NULL, sort_order FROM qf_board")
    List<NameRow> names();

    record NameRow(String code, String name, String level, Integer sortOrder) {
    }

    // ---- 办理时长 of problems answered before the column existed (HandlingTimeBackfill) ---------------------------

    @Select("SELECT id, accepted_at, answered_at FROM qf_problem WHERE handling_working_minutes IS NULL"
            + " AND answered_at IS NOT NULL AND accepted_at IS NOT NULL AND id > #{after} ORDER BY id LIMIT #{limit}")
    List<AnsweredRow> answeredWithoutHandlingTime(@Param("after") long afterId, @Param("limit") int limit);

    @Update("UPDATE qf_problem SET handling_working_minutes = #{minutes} WHERE id = #{id}"
            + " AND handling_working_minutes IS NULL")
    int setHandlingTime(@Param("id") long id, @Param("minutes") long minutes);

    record AnsweredRow(long id, Instant acceptedAt, Instant answeredAt) {
    }
}
