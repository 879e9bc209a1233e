package cn.qifu.supervision;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The rhythm's own reads of the ledger (counts over a period) and its reports and measures. */
@Mapper
interface RhythmMapper {

    /** What happened to problems in [from, to): the counts of a daily report or a weekly summary. */
    record PeriodCounts(long submitted, long accepted, long closed, long closedOnTime, long rated, long satisfied) {
    }

    @Select("SELECT "
            + "(SELECT COUNT(*) FROM qf_problem WHERE created_at >= #{from} AND created_at < #{to}) AS submitted, "
            + "(SELECT COUNT(*) FROM qf_problem WHERE accepted_at >= #{from} AND accepted_at < #{to}) AS accepted, "
            + "(SELECT COUNT(*) FROM qf_problem WHERE status = 'CLOSED' AND closed_at >= #{from} AND closed_at < #{to}) AS closed, "
            + "(SELECT COUNT(*) FROM qf_problem WHERE status = 'CLOSED' AND overdue = FALSE AND closed_at >= #{from} "
            + "AND closed_at < #{to}) AS closed_on_time, "
            + "(SELECT COUNT(*) FROM qf_problem WHERE rating IS NOT NULL AND rated_at >= #{from} AND rated_at < #{to}) AS rated, "
            + "(SELECT COUNT(*) FROM qf_problem WHERE rating IN ('SATISFIED', 'BASICALLY_SATISFIED') AND rated_at >= #{from} "
            + "AND rated_at < #{to}) AS satisfied")
    PeriodCounts counts(@Param("from") Instant from, @Param("to") Instant to);

    record LightCounts(long openCount, long yellowCount, long redCount) {
    }

    @Select("SELECT COUNT(*) AS open_count, COALESCE(SUM(CASE WHEN light = 'YELLOW' THEN 1 ELSE 0 END), 0) AS yellow_count, "
            + "COALESCE(SUM(CASE WHEN light = 'RED' THEN 1 ELSE 0 END), 0) AS red_count FROM qf_problem "
            + "WHERE status NOT IN ('CLOSED', 'REFUSED', 'MERGED')")
    LightCounts lightsNow();

    /** A problem that went red in the period. */
    record NewRed(String problemNo, String title, String leadDepartment, Instant occurredAt) {
    }

    @Select("SELECT p.problem_no, p.title, p.lead_department, e.occurred_at FROM qf_problem_event e "
            + "JOIN qf_problem p ON p.id = e.problem_id WHERE e.action = 'OVERDUE' AND e.occurred_at >= #{from} "
            + "AND e.occurred_at < #{to} ORDER BY e.occurred_at")
    List<NewRed> newReds(@Param("from") Instant from, @Param("to") Instant to);

    /** A category that came up again and again in a period, with no lasting measure yet. */
    record RecurringCategory(String category, long problems) {
    }

    @Select("SELECT category, COUNT(*) AS problems FROM qf_problem WHERE accepted_at >= #{from} AND accepted_at < #{to} "
            + "AND category IS NOT NULL AND category NOT IN (SELECT category FROM qf_measure) "
            + "GROUP BY category HAVING COUNT(*) >= #{threshold} ORDER BY COUNT(*) DESC, category")
    List<RecurringCategory> recurring(@Param("from") Instant from, @Param("to") Instant to,
                                      @Param("threshold") int threshold);

    @Select("SELECT title FROM qf_problem WHERE category = #{category} AND accepted_at >= #{from} AND accepted_at < #{to} "
            + "ORDER BY id LIMIT 5")
    List<String> sampleTitles(@Param("category") String category, @Param("from") Instant from, @Param("to") Instant to);

    @Insert("INSERT INTO qf_measure (category, title, content, problems, recorded_by, recorded_at) "
            + "VALUES (#{category}, #{title}, #{content}, #{problems}, #{by}, #{now})")
    void addMeasure(@Param("category") String category, @Param("title") String title, @Param("content") String content,
                    @Param("problems") long problems, @Param("by") String by, @Param("now") Instant now);

    /** The holder of a generated key. */
    final class NewReport {
        public Long id;
    }

    @Insert("INSERT INTO qf_report (kind, title, period_start, period_end, content, created_at) "
            + "VALUES (#{kind}, #{title}, #{from}, #{to}, #{content}, #{now})")
    @Options(useGeneratedKeys = true, keyProperty = "row.id", keyColumn = "id")
    void addReport(@Param("row") NewReport row, @Param("kind") String kind, @Param("title") String title,
                   @Param("from") Instant from, @Param("to") Instant to, @Param("content") String content,
                   @Param("now") Instant now);

    @Update("UPDATE qf_report SET content = #{content} WHERE id = #{id}")
    void updateReport(@Param("id") long id, @Param("content") String content);

    @Select("SELECT * FROM qf_report WHERE id = #{id}")
    Report report(@Param("id") long id);

    @Select("<script>SELECT * FROM qf_report <if test='kind != null'>WHERE kind = #{kind}</if> ORDER BY id DESC LIMIT #{limit}</script>")
    List<Report> reports(@Param("kind") String kind, @Param("limit") int limit);
}
