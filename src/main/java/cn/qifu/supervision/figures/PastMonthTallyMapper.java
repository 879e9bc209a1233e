package cn.qifu.supervision.figures;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The table qf_month_tally (V11): the kept counts of ended months and their versions, see {@link PastMonthTallies}. */
@Mapper
interface PastMonthTallyMapper {

    @Select("<script>SELECT month_label FROM qf_month_tally WHERE month_label IN"
            + "<foreach collection='months' item='m' open=' (' separator=', ' close=')'>#{m}</foreach></script>")
    List<String> existing(@Param("months") Collection<String> months);

    @Insert("INSERT INTO qf_month_tally (month_label, from_at, to_at, version) VALUES (#{month}, #{from}, #{to}, 0)")
    void create(@Param("month") String month, @Param("from") Instant from, @Param("to") Instant to);

    @Select("SELECT version FROM qf_month_tally WHERE month_label = #{month}")
    Long version(@Param("month") String month);

    /** The kept tallies of these months that still count: counted at the month's current version. */
    @Select("<script>SELECT month_label AS grp_key, '' AS grp_name, 0 AS grp_order, received, closed, closed_on_time, refused,"
            + " merged, rated, satisfied, rated_by_default, assigned, returned, reopened, return_visited, answered,"
            + " timed_answers, handling_minutes FROM qf_month_tally WHERE counted_version = version AND month_label IN"
            + "<foreach collection='months' item='m' open=' (' separator=', ' close=')'>#{m}</foreach></script>")
    List<Tally> valid(@Param("months") Collection<String> months);

    /**
     * Keeps a tally counted at {@code version}; nothing if a change of the month committed since (the version moved:
     * the tally may have missed it, and the next trend counts the month again).
     */
    @Update("UPDATE qf_month_tally SET counted_version = version, counted_at = #{at}, received = #{t.received},"
            + " closed = #{t.closed}, closed_on_time = #{t.closedOnTime}, refused = #{t.refused}, merged = #{t.merged},"
            + " rated = #{t.rated}, satisfied = #{t.satisfied}, rated_by_default = #{t.ratedByDefault},"
            + " assigned = #{t.assigned}, returned = #{t.returned}, reopened = #{t.reopened},"
            + " return_visited = #{t.returnVisited}, answered = #{t.answered}, timed_answers = #{t.timedAnswers},"
            + " handling_minutes = #{t.handlingMinutes} WHERE month_label = #{month} AND version = #{version}")
    int keep(@Param("month") String month, @Param("version") long version, @Param("t") Tally tally,
             @Param("at") Instant at);

    /**
     * A change of this problem: the version of its month goes up if the month has ended (the current month is never
     * kept, and its row is not made a hot spot every step of the loop has to lock).
     */
    @Update("UPDATE qf_month_tally SET version = version + 1 WHERE to_at <= #{now}"
            + " AND from_at <= (SELECT COALESCE(p.accepted_at, p.closed_at) FROM qf_problem p WHERE p.id = #{id})"
            + " AND to_at > (SELECT COALESCE(p.accepted_at, p.closed_at) FROM qf_problem p WHERE p.id = #{id})")
    int changed(@Param("id") long problemId, @Param("now") Instant now);

    /** Every kept tally stops counting (the ledger was changed outside ProblemService). */
    @Update("UPDATE qf_month_tally SET version = version + 1")
    int changedAll();

    /**
     * No problem counts in a period before this (a problem is closed after it is accepted): two index lookups, for the
     * rows made at start.
     */
    @Select("SELECT MIN(t.at) FROM (SELECT MIN(accepted_at) AS at FROM qf_problem"
            + " UNION ALL SELECT MIN(closed_at) FROM qf_problem) t")
    Instant earliest();
}
